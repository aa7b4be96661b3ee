"""Stage entry point: every quantified claim of a document's narrative as :class:`Claim` records.

``extract_claims(doc)`` reads the prose ranges of the document (:func:`nlp.sections.narrative_lines`;
a document without part headings — a bare passage — is read whole), skipping table rows. Each
range is read as one :meth:`Document.stream`, so a figure broken across lines or pages
(``49,644.69万`` / ``元``, ``下`` / ``降 100%``) is read whole; offsets map back to ``doc.text``
and the claim's ``line`` is the input line of the figure's first character.

Per sentence, claims are grouped: an amount (or count, score …) opens a group and the change,
rate, share, completion and flat claims that follow it in the sentence join it and share its
subject (``group`` ids like ``g12``). Only sentences that hold a claim are segmented with jieba.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

import regex

from ..document import Document
from ..layout import classify_line
from ..records import Claim
from ..sections import Section, find_sections, narrative_lines
from .lexicon import cues
from .numbers import value_wan
from .patterns import CLAUSE_END, SENTENCE_END, Mention, find_mentions, thousands_comma
from .segment import boundaries
from .subjects import subject_key, subject_phrase

# Pinyin glosses inserted by some mirror sites after characters: 预(yù)算 → 预算.
_PINYIN = regex.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}\)")
RELATIVE = {"change", "growth_rate", "completion_rate", "share", "not_comparable", "flat"}
_COMPARE = regex.compile(r"(?:比|较|与|同|和|对比|相比|相较|同比|环比)(?=[^,;。]*?(?:上年|预算|年初|决算|去年|同期|\d{4}年|相比|增|减|下降|持平))")
_SUBJECT_STOP = "其中"


def document_ranges(doc: Document, sections: list[Section] | None = None,
                    kinds: tuple[str, ...] | None = None) -> list[tuple[int, int, str]]:
    """Prose line ranges to read claims from, as (start_line, end_line, section kind).

    A document with no part heading (第X部分) and no table of contents — a passage, a
    self-evaluation report — is read whole; otherwise the narrative sections are read.
    """
    sections = sections if sections is not None else find_sections(doc)
    heads = [s for s in sections if s.kind != "表"]
    if not any(s.level == 0 for s in heads):
        ranges = [(1, doc.n_lines, "情况说明")]
    else:
        ranges = narrative_lines(doc, sections)
    if kinds is not None:
        ranges = [r for r in ranges if r[2] in kinds]
    return ranges


_FURNITURE = regex.compile(r"^\s*(?:(?:金额)?单位\s*[:：]\s*(?:万元|元|亿元|千元)\s*|[^\d，,。；;：:、！？!?]{1,60})$")


def _table_furniture(line: str) -> bool:
    """A line beside a table row that is the table's, not prose: its 单位 line, a header of several cells
    ("科目编码   科目名称   合计   基本支出"), or a label run over from the row above ("  保护站）") — no
    figure and no sentence punctuation."""
    s = line.strip()
    if not s or not _FURNITURE.match(s):
        return False
    return "单位" in s or len(s.split()) >= 3 or "\t" in line or len(s) <= 10


def extract_claims(doc: Document, sections: list[Section] | None = None,
                   kinds: tuple[str, ...] | None = None) -> list[Claim]:
    """All claims in the narrative of ``doc``, in text order, with unique ids ``c1, c2, …``."""
    claims: list[Claim] = []
    group_no = [0]
    for start_line, end_line, kind in document_ranges(doc, sections, kinds):
        skip = {n for n in range(start_line, end_line + 1)
                if classify_line(doc.lines[n - 1]) == "table"}
        for _ in range(2):  # a 单位 line above the header above the rows
            skip |= {n for n in range(start_line, end_line + 1)
                     if n not in skip and (n - 1 in skip or n + 1 in skip) and _table_furniture(doc.lines[n - 1])}
        stream = doc.stream(start_line, end_line, skip)
        if "(" in stream.text:
            stream = stream.sub(_PINYIN, "")
        claims.extend(claims_in_text(doc, stream, kind, group_no))
    for i, c in enumerate(claims, start=1):
        c.id = f"c{i}"
    return claims


def _sentences(text: str) -> list[int]:
    """Sentence start offsets of ``text``."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch in SENTENCE_END and i + 1 < len(text):
            starts.append(i + 1)
    return starts


_AFTER_FIGURE = regex.compile(r"\d\s*(?:万元|亿元|千元|元|%)\s*$")


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after a clause mark, or after a bracket opened right
    behind a figure ("运行费 20.40 万元（公务用车购置费 0 万元…": 公务用车购置费 is the subject, not the
    figure before it); a bracket inside a name (因公出国（境）费) is no boundary."""
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in CLAUSE_END and not (text[i] == "、" and _joined(text, i)) and not thousands_comma(text, i):
            return i + 1
        if text[i] in "（(" and _AFTER_FIGURE.search(text, max(lo, i - 12), i):
            return i + 1
    return lo


def _joined(text: str, i: int) -> bool:
    """Is the 、 at ``i`` inside a word pair (``收、支总计``: ``joined_pair`` in claim_cues.tsv)?"""
    for w in cues().kind_words.get("joined_pair", ()):
        k = w.find("、")
        if k >= 0 and text[max(0, i - k):i - k + len(w)] == w:
            return True
    return False


def claims_in_text(doc: Document, stream, section_kind: str | None, group_no: list[int]) -> list[Claim]:
    """Claims of one prose stream (a :class:`~nlp.mapped.MappedText` over ``doc.text``)."""
    text = stream.text
    mentions = find_mentions(text)
    if not mentions:
        return []
    starts = _sentences(text)
    out: list[Claim] = []
    seg: dict[int, set[int]] = {}  # sentence start -> token boundaries (absolute offsets)
    current: tuple[int, str | None, str] | None = None  # (sentence index, subject, group id)
    last_group: tuple[int, str | None, str, int] | None = None  # + paragraph start
    for men in mentions:
        si = bisect.bisect_right(starts, men.num_start) - 1
        s_lo = starts[si]
        s_hi = starts[si + 1] if si + 1 < len(starts) else len(text)
        para = text.rfind("\n", 0, men.num_start)
        if current is not None and current[0] != si:
            current = None
        subject = None
        if men.kind in RELATIVE or men.budget_ref:
            own = None if current is not None else _own_subject(text, s_lo, s_hi, men, seg)
            if current is not None:
                subject, gid = current[1], current[2]
            elif own is None and last_group is not None and last_group[3] == para:
                subject, gid = last_group[1], last_group[2]
            else:
                group_no[0] += 1
                gid = f"g{group_no[0]}"
                subject = own
                current = (si, subject, gid)
        else:
            group_no[0] += 1
            gid = f"g{group_no[0]}"
            subject = _own_subject(text, s_lo, s_hi, men, seg)
            current = (si, subject, gid)
        last_group = (si, current[1] if current else subject, current[2] if current else gid, para)
        out.append(_claim(doc, stream, men, subject, gid, text[s_lo:s_hi].strip(), section_kind))
    return out


def _own_subject(text: str, s_lo: int, s_hi: int, men: Mention, seg: dict[int, set[int]]) -> str | None:
    """Subject named in the clause before ``men`` (comparison words cut off for relative claims).

    Only this clause is segmented with jieba (the subject starts on a token boundary), so the
    cost of segmentation is bounded by the text before the claims that open a statement.
    """
    lo = _clause_start(text, s_lo, men.start)
    left = text[lo:men.start]
    if men.kind in RELATIVE:
        m = _COMPARE.search(left)
        if m:
            left = left[: m.start()]
    if _SUBJECT_STOP in left:
        k = left.rfind(_SUBJECT_STOP) + len(_SUBJECT_STOP)
        left, lo = left[k:], lo + k
    if not left.strip():
        return None
    return subject_phrase(left, boundaries(left))


def _claim(doc: Document, stream, men: Mention, subject: str | None, gid: str, sentence: str,
           section_kind: str | None) -> Claim:
    start, end = stream.source_span(men.num_start, men.end)
    line = doc.line_of(start)
    unit = men.unit
    value: Decimal | None = men.value
    extra = dict(men.extra)
    if men.cue:
        extra["cue"] = men.cue
    if men.budget_ref:
        extra["role"] = "budget"
    return Claim(doc=doc.doc, line=line, start=start, end=end, text=doc.text[start:end],
                 sentence=sentence, kind=men.kind, subject=subject, subject_key=subject_key(subject),
                 value=value, unit=unit, value_wan=value_wan(value, unit), approx=men.approx,
                 direction=men.direction, base=men.base, group=gid, operator=men.operator,
                 section=section_kind, page=doc.page_of(line), extra=extra)
