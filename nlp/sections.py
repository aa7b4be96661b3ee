"""Sections: parts, numbered headings at every level, table regions, and a kind for each.

Stage 3 of the pipeline. Heading levels:

====== ================================ =========
level  marker                           example
====== ================================ =========
0      第X部分                          第三部分 … 情况说明
1      一、                             一、收入支出决算总体情况说明
2      （一）                           （一）年度收入总体情况
3      1. / 1、                         1. 一般公共预算财政拨款收入
4      （1）                            （1）行政运行
5      ①                                ① …
====== ================================ =========

A numbered line is a heading only when it reads like one (short, no sentence inside, not a table
row). Kinds come from ``lexicons/section_kinds.tsv``; a heading without a keyword inherits its
parent's kind. The table of contents (目录) is one section; its entries are not headings.
Table regions (runs of table rows, :mod:`nlp.layout`) are reported as sections of kind ``表``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Callable

import regex

from .document import Document
from .layout import line_types, table_regions
from .normalize import normalise_text
from .resources import read_lexicon_lines

_CN = "一二三四五六七八九十"
_PREFIX = regex.compile(r"^\s*(?:[-*+]\s+|#{1,6}\s*)?")
_HEADINGS = [
    (0, regex.compile(rf"^(第[{_CN}]+部分)\s*[:：]?\s*")),
    (1, regex.compile(rf"^([{_CN}]+)\s*[、.．]\s*")),
    (2, regex.compile(rf"^([(（]\s*[{_CN}]+\s*[)）])\s*")),
    (3, regex.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    (4, regex.compile(r"^([(（]\s*\d{1,2}\s*[)）])\s*")),
    (5, regex.compile(r"^([①-⑳])\s*")),
]
_SENTENCE_INSIDE = regex.compile(r"[。；;!！?？]\s*\S")
_TOC = regex.compile(r"^\s*目\s*录\s*$")


@dataclass
class Section:
    """One section of a document; lines are 1-based and inclusive."""

    doc: str
    kind: str
    level: int
    heading: str
    start_line: int
    end_line: int
    marker: str | None = None
    parent: int | None = None  # index of the parent section in the list
    index: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def cue_patterns(words: str, literal: Callable[[str], str] = regex.escape) -> tuple["regex.Pattern[str]", ...]:
    """The patterns of one comma-separated cue list of a lexicon file (``lexicons/*.tsv``): an entry
    ``re:…`` is a regular expression as written, any other entry a literal that ``literal`` turns into
    a pattern (by default: those words anywhere). Empty entries are skipped."""
    return tuple(regex.compile(w[3:]) if w.startswith("re:") else regex.compile(literal(w))
                 for w in (w.strip() for w in words.split(",")) if w)


@lru_cache(maxsize=1)
def _kind_rules() -> tuple[tuple[str, tuple["regex.Pattern[str]", ...]], ...]:
    rules = []
    for line in read_lexicon_lines("section_kinds.tsv"):
        kind, _, words = line.partition("\t")
        rules.append((kind.strip(), cue_patterns(words)))
    return tuple(rules)


def kind_of_heading(heading: str) -> str | None:
    """Kind named by a heading's own words, or None when it names none."""
    text = regex.sub(r"\s+", "", normalise_text(heading))
    for kind, pats in _kind_rules():
        if any(p.search(text) for p in pats):
            return kind
    return None


def parse_heading(line: str) -> tuple[int, str, str] | None:
    """(level, marker, title) when ``line`` is a heading, else None."""
    s = _PREFIX.sub("", line, count=1).strip()
    if not s or "\t" in s or "|" in s:
        return None
    for level, pat in _HEADINGS:
        m = pat.match(s)
        if not m:
            continue
        title = s[m.end():].strip()
        if level == 0:
            return level, m.group(1), title
        if not title or len(title) > 60 or _SENTENCE_INSIDE.search(title):
            return None
        if regex.search(r"[，,]\s*\S", title) or (title.endswith("。") and len(title) > 20):
            return None  # a numbered sentence or list item, not a heading
        if regex.search(r"\d[\d,]*\.\d+\s+\S*\d", title):  # a layout table row with figures
            return None
        if regex.search(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%)", title) and len(title) > 25:
            return None  # a numbered statement, not a heading
        return level, m.group(1), title
    return None


def _toc_range(doc: Document) -> tuple[int, int] | None:
    """Lines of the table of contents: from 目录 to just before the first part heading repeats."""
    for i, line in enumerate(doc.lines[: doc.n_lines], start=1):
        if _TOC.match(line):
            first_part = None
            for j in range(i + 1, doc.n_lines + 1):
                h = parse_heading(doc.lines[j - 1])
                if h and h[0] == 0:
                    if first_part is None:
                        first_part = h[1]
                    elif h[1] == first_part:
                        return i, j - 1
            return None
    return None


def find_sections(doc: Document, with_tables: bool = True) -> list[Section]:
    """All sections of ``doc`` in line order, with kinds, levels and line ranges."""
    types = line_types(doc)
    toc = _toc_range(doc)
    found: list[Section] = []
    if toc:
        found.append(Section(doc.doc, "目录", 0, doc.raw_line(toc[0]).strip(), toc[0], toc[1], marker=None))
    part_kind = None
    for n in range(1, doc.n_lines + 1):
        if toc and toc[0] <= n <= toc[1]:
            continue
        if types[n - 1] == "table":
            continue
        h = parse_heading(doc.lines[n - 1])
        if h is None:
            continue
        level, marker, title = h
        heading = _PREFIX.sub("", doc.raw_line(n), count=1).strip()
        if level == 0:
            heading = _continue_heading(doc, n, heading)
            part_kind = kind_of_heading(heading)
        elif part_kind == "表":
            continue  # numbered row labels of a table part are not headings
        found.append(Section(doc.doc, "", level, heading, n, n, marker=marker))
    found.sort(key=lambda s: s.start_line)
    # end lines and parents
    stack: list[int] = []
    for i, sec in enumerate(found):
        sec.index = i
        if sec.kind == "目录":
            continue
        while stack and found[stack[-1]].level >= sec.level:
            stack.pop()
        sec.parent = stack[-1] if stack else None
        stack.append(i)
    for i, sec in enumerate(found):
        if sec.kind == "目录":
            continue
        end = doc.n_lines
        for later in found[i + 1:]:
            if later.kind == "目录":
                continue
            if later.level <= sec.level:
                end = later.start_line - 1
                break
        sec.end_line = max(end, sec.start_line)
    for sec in found:
        if sec.kind:
            continue
        own = kind_of_heading(sec.heading)
        parent = found[sec.parent].kind if sec.parent is not None else None
        if own == "表" and parent in ("情况说明", "绩效", "其他重要事项"):
            own = None if parent != "绩效" else own
        sec.kind = own or parent or ("情况说明" if sec.level > 0 else "其他")
    if with_tables:
        heads = list(found)
        for start, end in table_regions(doc, types):
            parent = _innermost(heads, start)
            if parent is not None and heads[parent].kind == "表":
                continue  # the whole part is tables: its tables are the tables stage's business
            found.append(Section(doc.doc, "表", (found[parent].level + 1) if parent is not None else 1,
                                 _table_title(doc, start), start, end, marker=None, parent=parent))
        parents = [found[s.parent] if s.parent is not None else None for s in found]
        order = sorted(range(len(found)), key=lambda k: (found[k].start_line, found[k].kind == "表"))
        found = [found[k] for k in order]
        parents = [parents[k] for k in order]
        position = {id(s): k for k, s in enumerate(found)}
        for k, (s, p) in enumerate(zip(found, parents)):
            s.index = k
            s.parent = position[id(p)] if p is not None else None
    return found


def _continue_heading(doc: Document, n: int, heading: str) -> str:
    """Join a part heading wrapped onto the next line ("…2022 年度部" / "门决算情况说明")."""
    if kind_of_heading(heading) not in (None, "概况"):
        return heading
    for m in range(n + 1, min(n + 3, doc.n_lines) + 1):
        nxt = doc.raw_line(m).strip()
        if not nxt:
            continue
        if len(nxt) <= 20 and parse_heading(nxt) is None and kind_of_heading(heading + nxt):
            return heading + nxt
        break
    return heading


def _innermost(sections: list[Section], line: int) -> int | None:
    best = None
    for i, s in enumerate(sections):
        if s.kind != "目录" and s.start_line <= line <= s.end_line:
            if best is None or s.level >= sections[best].level:
                best = i
    return best


def _table_title(doc: Document, start: int) -> str:
    """The nearest non-blank prose line above a table region, as its provisional title."""
    for n in range(start - 1, max(start - 8, 0), -1):
        s = doc.lines[n - 1].strip()
        if s and not s.startswith("单位") and "单位:" not in s and "单位：" not in s:
            return s[:60]
    return ""


def narrative_lines(doc: Document, sections: list[Section] | None = None,
                    kinds: tuple[str, ...] = ("情况说明", "其他重要事项", "绩效", "概况")) -> list[tuple[int, int, str]]:
    """Line ranges of prose to read claims from: (start_line, end_line, kind), tables excluded.

    A document without any heading (a bare passage) is one narrative range of kind 情况说明.
    """
    sections = sections if sections is not None else find_sections(doc)
    heads = [s for s in sections if s.kind not in ("表",)]
    if not any(s.kind != "目录" for s in heads):
        return [(1, doc.n_lines, "情况说明")]
    out: list[tuple[int, int, str]] = []
    # leaf-wise: each line belongs to its innermost heading section
    owner: list[str | None] = [None] * (doc.n_lines + 1)
    for s in sorted(heads, key=lambda s: (s.level, s.start_line)):
        for n in range(s.start_line, min(s.end_line, doc.n_lines) + 1):
            owner[n] = s.kind
    first = min(s.start_line for s in heads)
    for n in range(1, first):
        owner[n] = "标题"
    run_start = None
    run_kind = None
    for n in range(1, doc.n_lines + 2):
        k = owner[n] if n <= doc.n_lines else None
        if k != run_kind:
            if run_kind in kinds and run_start is not None:
                out.append((run_start, n - 1, run_kind))
            run_start, run_kind = n, k
    return out


def sections_as_dicts(sections: list[Section]) -> list[dict]:
    return [s.to_dict() for s in sections]
