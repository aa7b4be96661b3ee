"""Stage entry point: every explanation of a document as clause records, plus missing reasons.

``extract_reasons(doc, claims=None)`` reads the same prose ranges as the claims stage (table rows
skipped), finds explanations (:mod:`.finder`), splits them into clauses (:mod:`.split`), labels
each clause (:mod:`.classify`), reads the amounts inside clauses and checks that they add up
(:mod:`.amounts`), and flags:

* ``reason_mismatch`` — the cue's direction contradicts the figures of the statement explained;
* ``vague`` — every clause of the explanation says nothing checkable;
* ``amount_sum_mismatch`` — the clauses' amounts do not add up to the explained change;
* ``reason_missing`` — a stated change or budget gap that no reason explanation follows. It is
  reported as a record of ``kind`` ``missing`` with an empty ``clause`` and the statement's span.
"""

from __future__ import annotations

from typing import Any, Sequence

import regex

from ..document import Document
from ..records import Clause
from .amounts import check_sum, read_amounts
from .classify import classify
from .figures import SIGN, contradicts, directions, needs_explanation
from .finder import Found, _pieces, _trim, find_explanations, is_body, is_break, sentence_start
from .lexicon import list_item_patterns
from .link import ClaimIndex, claims_for, statement_id
from .split import split_clauses
from .text import strip_glosses


def prose_views(doc: Document) -> list[tuple[Any, str]]:
    """(stream, section kind) for each prose range of ``doc``, table rows skipped.

    Pinyin glosses of mirror sites ("决算数(shù)") are removed from the stream (:mod:`.text`), so
    they hide no cue; offsets still map to the document.
    """
    try:
        from ..claims.extract import document_ranges
        ranges = document_ranges(doc)
    except ImportError:
        from ..sections import narrative_lines
        ranges = narrative_lines(doc)
    from ..layout import classify_line

    out = []
    for a, b, kind in ranges:
        skip = {n for n in range(a, b + 1)
                if classify_line(doc.lines[n - 1]) == "table" or _cell_row(doc.lines[n - 1])}
        out.append((strip_glosses(doc.stream(a, b, skip)), kind))
    return out


def _cell_row(line: str) -> bool:
    """A row of short cells the layout reader missed ("其中:(1)公务用车购置费 | 14.80 | 0 | -14.8 |"):
    no prose. A row with a cell of prose ("总体目标完成情况 | …主要用于…。 |") is read."""
    cells = line.split("|")
    return len(cells) >= 4 and max(len(c.strip()) for c in cells) <= 30


def _span(stream, s: int, e: int) -> tuple[int, int]:
    return stream.source_span(s, e)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, last = [], 0
    for i in range(len(text)):
        if is_break(text, i):
            out.append((last, i))
            last = i + 1
    out.append((last, len(text)))
    return [(a, b) for a, b in out if b > a]


def extract_reasons(doc: Document, claims: Sequence[Any] | None = None, model=None,
                    missing: bool = True) -> list[Clause]:
    """Clause records for every explanation in ``doc``, then ``reason_missing`` records, in text order."""
    if claims is None:
        claims = claims_for(doc)
    index = ClaimIndex(claims)
    records: list[Clause] = []
    n_expl = 0
    for stream, _kind in prose_views(doc):
        text = stream.text
        found = find_explanations(text)
        for f in found:
            n_expl += 1
            records.extend(_explanation_records(doc, stream, f, index, f"{doc.doc}#e{n_expl}", model))
        if missing:
            records.extend(_missing_records(doc, stream, found, index))
    records.extend(_row_records(doc, records, index, model, n_expl, missing))
    records.sort(key=lambda r: (r.start, r.end))
    return records


def _row_records(doc: Document, records: list[Clause], index: ClaimIndex, model, n_expl: int,
                 missing: bool) -> list[Clause]:
    """Explanations (and gaps with none) in the rows of an indicator table with a reason column
    (:mod:`.rows`), on lines no other explanation covers."""
    from .rows import row_reasons

    seen = {r.line for r in records}
    out: list[Clause] = []
    for row in row_reasons(doc.lines):
        if row.line in seen:
            continue
        line = doc.line_text(row.line)
        base = doc.line_start(row.line)
        s_row, e_row = base, base + len(line.rstrip())
        explains = index.group_of(s_row, e_row, "小于") or statement_id(s_row)
        if not row.reason:
            if missing and row.short:
                out.append(Clause(
                    doc=doc.doc, line=row.line, start=s_row, end=e_row, clause="", explains=explains, labels=[],
                    scores={}, flags=["reason_missing"], kind="missing", page=doc.page_of(row.line),
                    explained=as_it_appears(doc, s_row, e_row), explained_normalised=row.statement,
                    figure_direction="小于", covers=index.groups_in(s_row, e_row)))
            continue
        spans = [c for c in split_clauses(row.reason) if is_body(c.text)]
        if not spans:
            continue
        n_expl += 1
        direction = "小于" if row.short else None
        labelled = classify([c.text for c in spans], ["reason"] * len(spans), model=model,
                            directions=[direction] * len(spans), explained=[row.statement] * len(spans))
        flags = ["vague"] if all(ls == ["vague"] for ls, _ in labelled) else []
        for c, (labels, scores) in zip(spans, labelled):
            at = line.find(c.text, max(row.reason_col, 0))
            s, e = (base + at, base + at + len(c.text)) if at >= 0 else (s_row, e_row)
            out.append(Clause(
                doc=doc.doc, line=row.line, start=s, end=e, clause=as_it_appears(doc, s, e),
                clause_normalised=c.text, explains=explains, labels=labels, scores=scores, flags=list(flags),
                marker=c.marker, cue="", kind="reason", explanation_id=f"{doc.doc}#e{n_expl}",
                page=doc.page_of(row.line), explained=as_it_appears(doc, s_row, e_row),
                explained_normalised=row.statement, figure_direction=direction, cue_direction=None,
                cue_start=s, cue_end=s, amounts=[], amount_check=None, covers=index.groups_in(s_row, e_row)))
    return out


def _explanation_records(doc: Document, stream, f: Found, index: ClaimIndex, eid: str, model) -> list[Clause]:
    text = stream.text
    body = text[f.start:f.end]
    spans = [c for c in split_clauses(body) if is_body(c.text)]  # no "以下方面" pointer or "XXXX" placeholder
    if not spans:
        return []
    statement = text[f.explained[0]:f.explained[1]] if f.explained else None
    figs = directions(statement) if statement else None
    flags: list[str] = []
    if f.cue.kind == "reason" and figs is not None and contradicts(f.cue.direction, figs):
        flags.append("reason_mismatch")
    explains = None
    covers: list[str] = []
    if f.explained:
        ds, de = _span(stream, *f.explained)
        fig_dir = (figs.budget if f.cue.direction in ("大于", "小于") else figs.any) if figs else None
        explains = index.group_of(ds, de, fig_dir) or statement_id(ds)
        covers = index.groups_in(ds, de)
    kinds = [f.cue.kind] * len(spans)
    direction = f.cue.direction or (figs.any if figs else None)
    labelled = classify([c.text for c in spans], kinds, model=model, directions=[direction] * len(spans),
                        explained=[statement] * len(spans))
    amounts = [read_amounts(c.text) for c in spans]
    check = check_sum(amounts, statement) if f.cue.kind == "reason" else None
    if check and check["verdict"] == "inconsistent":
        flags.append("amount_sum_mismatch")
    if f.cue.kind == "reason" and labelled and all(ls == ["vague"] for ls, _ in labelled):
        flags.append("vague")
    cue_s, cue_e = _span(stream, f.cue.start, f.cue.end)
    out = []
    for c, (labels, scores), am in zip(spans, labelled, amounts):
        s, e = _span(stream, f.start + c.start, f.start + c.end)
        out.append(Clause(
            doc=doc.doc, line=doc.line_of(s), start=s, end=e, clause=as_it_appears(doc, s, e),
            clause_normalised=c.text, explains=explains,
            labels=labels, scores=scores, flags=list(flags), marker=c.marker, cue=f.cue.text,
            kind=f.cue.kind, explanation_id=eid, page=doc.page_of(doc.line_of(s)),
            explained=as_it_appears(doc, ds, de) if f.explained else None, explained_normalised=statement,
            figure_direction=(figs.any if figs else None), cue_direction=f.cue.direction,
            cue_start=cue_s, cue_end=cue_e,
            amounts=[{k: a[k] for k in ("text", "value", "unit", "value_wan")} for a in am],
            amount_check=check, covers=covers))
    return out


_LINE_BREAK = regex.compile(r"[ \t\u3000]*\n[ \t\u3000]*")


def as_it_appears(doc: Document, start: int, end: int) -> str:
    """A clause as the input writes it (script, full-width punctuation, noise kept), lines joined."""
    return _LINE_BREAK.sub("", doc.source_text(start, end)).strip()


def _answers(cue_direction: str | None, d) -> bool:
    """Does an explanation whose cue asserts ``cue_direction`` explain a piece with directions ``d``?

    A neutral cue (主要原因是) explains every change of its statement; "决算数小于预算数的主要原因"
    does not explain a part that met its budget and fell from last year, nor "大于上年决算数的主要情况"
    a part that fell (seed 004: 公务接待费 减少 0.07 万元 stays unexplained). Used only where one
    statement gets explanations of two directions (a single explanation covers the whole statement).
    """
    if cue_direction not in SIGN or SIGN[cue_direction] == 0:
        return True
    if cue_direction in ("大于", "小于"):
        fig = d.budget if d.budget is not None else d.year
    else:
        fig = d.year if d.year is not None else d.budget
    return fig is not None and SIGN.get(fig, 0) == SIGN[cue_direction]


def _missing_records(doc: Document, stream, found: list[Found], index: ClaimIndex) -> list[Clause]:
    """Statements of a change or budget gap that no reason explanation is linked to.

    The parts of an unexplained total ("其中：…", "从级次来看，…", "按构成分：…", `breakdown` rows of
    ``lexicons/reason_list_items.tsv``) in its sentence or the next are folded into the total's
    record (its span grows, ``covers`` lists their claims): annotators flag the total once.
    """
    text = stream.text
    taken = [(f.cue.start, f.end) for f in found]
    linked = [(f.explained, f.cue.direction) for f in found if f.explained and f.cue.kind == "reason"]
    linked += _summing_up(text, found)
    reasons = sorted(min(f.cue.start, f.start) for f in found if f.cue.kind == "reason")
    breakdown = list_item_patterns().get("breakdown")
    out: list[Clause] = []
    last: tuple[int, int, int] | None = None  # (index in out, stream end, sentence number)
    sentences = _sentences(text)
    for n, (a, b) in enumerate(sentences):
        in_breakdown = False
        for ps, pe in _pieces(text, a, b, taken):
            ps, pe = _trim(text, ps, pe)
            piece = text[ps:pe]
            m = breakdown.search(piece) if breakdown is not None else None
            part = in_breakdown or bool(m and m.start() == 0)  # "其中：A…" is a part; "总…，其中：A…" a total
            in_breakdown = in_breakdown or m is not None  # the pieces after it are parts
            if pe <= ps or not regex.search(r"\d", piece):
                continue
            d = needs_explanation(piece)
            if d is None:
                continue
            over = [cue_dir for (x, y), cue_dir in linked if x < pe and ps < y]
            # one explanation of a statement covers all its parts; explanations given by direction
            # ("决算数小于预算数的…", "大于上年决算数的…") cover only the parts of their direction
            if over and (len(set(over)) < 2 or any(_answers(c, d) for c in over)):
                continue
            s, e = _span(stream, ps, pe)
            if (part and last is not None and n - last[2] <= 1
                    and not any(last[1] <= r < ps for r in reasons)):
                rec = out[last[0]]
                rec.end = max(rec.end, e)
                rec.covers = index.groups_in(rec.start, rec.end)
                last = (last[0], pe, n)
                continue
            if not part and _parts_explained(text, sentences, n, reasons, breakdown):
                last = None  # a part left unexplained is flagged on its own
                continue
            fig = d.year if d.year in ("增加", "减少") else d.budget
            out.append(Clause(
                doc=doc.doc, line=doc.line_of(s), start=s, end=e, clause="",
                explains=index.group_of(s, e, fig) or statement_id(s), labels=[], scores={},
                flags=["reason_missing"], kind="missing", page=doc.page_of(doc.line_of(s)),
                explained=as_it_appears(doc, s, e), explained_normalised=piece, figure_direction=fig,
                covers=index.groups_in(s, e)))
            last = None if part else (len(out) - 1, pe, n)  # a part is no total of the next parts
    return out


_ABOVE = regex.compile(r"(?:上述|以上|综上|上列|前述)(?:各项)?(?:收支|收入|支出|预算|决算|指标)?(?:各项)?$")
# "以上项目决算数与年初预算数存在差异，主要原因是…", "说明：收入、支出增加的主要原因是…": the sentence names several
_ABOVE_OPENING = regex.compile(r"(?:说明[:：])?(?:上述|以上|综上|上列|前述)|(?:说明[:：])?(?:本年)?收入?[、和及与]\s*支出?")
_ABOVE_REACH = 600  # characters back a "上述变动的主要原因是" reaches


def _summing_up(text: str, found: list[Found]) -> list[tuple[tuple[int, int], str | None]]:
    """Spans an explanation of "上述/以上…" ("上述变动的主要原因是：1.…") explains besides its own statement:
    every statement since the explanation before it (at most a few sentences back)."""
    out = []
    last_end = 0
    for f in sorted(found, key=lambda f: f.cue.start):
        head = regex.sub(r"\s+", "", text[max(0, f.cue.start - 8):f.cue.start])
        opening = regex.sub(r"\s+", "", text[sentence_start(text, f.cue.start):f.cue.start])
        clause = regex.split(r"[，,。；;：:]", opening)[-1]  # "…增长17.35%⏎说明：收入、支出增加的主要原因是"
        if f.cue.kind == "reason" and (_ABOVE.search(head) or _ABOVE_OPENING.match(opening)
                                       or _ABOVE_OPENING.match(clause)):
            out.append(((max(last_end, f.cue.start - _ABOVE_REACH), f.cue.start), f.cue.direction))
        last_end = max(last_end, f.end)
    return out


def _parts_explained(text: str, sentences: list[tuple[int, int]], n: int, reasons: list[int], breakdown) -> bool:
    """Is the total stated in sentence ``n`` explained item by item in the next sentence, a breakdown
    ("…下降11.4%。其中：公务接待费…减少0.70万元，主要原因是…；公务用车…，主要原因是…")? Its change is then
    explained through its parts, and is not flagged on its own."""
    if breakdown is None or n + 1 >= len(sentences):
        return False
    a, b = sentences[n + 1]
    a, b = _trim(text, a, b)
    m = breakdown.search(text[a:b])
    own = text[slice(*_trim(text, *sentences[n]))]
    if not (m and m.start() == 0) and not _DETAILED.search(own) and not _DETAILED_NEXT.match(text, a):
        return False
    if any(a <= r < b for r in reasons):
        return True
    # "…年初预算 22.00 万元。其中：⏎1.因公出国(境)费…。⏎2.公务用车…，主要原因是…": numbered parts, one sentence each
    for a, b in sentences[n + 1:n + 1 + _MAX_ITEMS]:
        a, b = _trim(text, a, b)
        if a > sentences[n + 1][0] + 1 and not _ITEM.match(text, a):
            break
        if any(a <= r < b for r in reasons):
            return True
    return False


_DETAILED = regex.compile(r"(?:具体(?:情况)?|分项(?:情况)?|分述)如下\s*[:：]?$")  # the total's sentence announces its parts
_DETAILED_NEXT = regex.compile(r"\s*(?:具体(?:情况)?|分项(?:情况)?|分述)如下")
_ITEM = regex.compile(r"\s*(?:\d{1,2}\s*[.．、）)]|[（(]\s*[一二三四五六七八九十\d]{1,2}\s*[）)]|[一二三四五六七八九十]{1,2}\s*、)")
_MAX_ITEMS = 8
