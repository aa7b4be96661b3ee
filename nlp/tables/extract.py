"""From a document to tables: segment, identify, read headers and rows, merge pages, make cells.

``extract_tables(doc)`` is the public entry point (re-exported by :mod:`nlp.tables`). Pages of
one table (same id, nothing but captions between them) are merged into one :class:`Table`; a 合计
row repeated at the top of every page is kept once. Tables of the same kind that are separated
by prose (four 项目支出绩效自评表) stay separate and get keys ``P2``, ``P2-2`` ….
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from ..document import Document
from ..records import Cell
from .header import (first_value_position, own_columns, found_columns, header_text, is_data_line, lanci_numbers,
                     name_columns)
from .identify import by_header, by_title
from .lexicon import TableKind, class_code_for, code_names, similarity, squash, template_columns
from .model import Row, Table, Value
from .segment import Segment, find_segments
from .shapes import (RawRow, coded_rows_positional, coded_rows_stream, econ_rows, perf_rows, sangong_interleaved,
                     sangong_values, statement_rows)
from .tokens import Field, fields_of, is_separator, parse_number

_UNIT = regex.compile(r"(?:单位|金额单位)\s*[:：]?\s*(万元|亿元|元)|[(（](万元|亿元|元)[)）]")
_TOTAL = regex.compile(r"^(?:合计|总计)$")
_ROW_START = regex.compile(r"^\s*[一二三四五六七八九十]+[、.．]")


@dataclass
class _Page:
    seg: Segment
    kind: TableKind | None
    header: list[list[Field]]
    data: list[list[Field]]
    how: str


def _page(doc: Document, seg: Segment) -> _Page:
    lines = []
    for no in seg.lines:
        text = doc.lines[no - 1]
        if seg.layout == "pipe" and is_separator(text):
            continue
        fs = fields_of(text, no, seg.layout)
        if fs:
            lines.append(fs)
    title_kind = by_title(seg.title) if seg.title else None
    k = 0
    while k < len(lines) and not is_data_line(lines[k], seg.layout):
        k += 1
    if not any(f.kind == "NUM" for fs in lines for f in fs) and not (title_kind and title_kind.shape == "sangong"):
        # no figure at all (a template, an empty fund table): the rows start at the first row
        # label — a code, a numbered line (一、…) or 合计/总计 — and keep their blank cells
        k = next((i for i, fs in enumerate(lines) if any(
            _TOTAL.match(squash(f.text)) or _ROW_START.match(f.text) or f.kind == "CODE" for f in fs)), k)
    header, data = lines[:k], lines[k:]
    # a header repeated at the top of a continuation page inside the segment (the PDF reader keeps
    # repeated headers as printed) is not a row: without this its words would be read as the
    # continued label of the row above ("行政事业单位医疗" + "支出功能分类科目名称")
    seen = {_line_key(fs) for fs in header}
    data = [fs for fs in data if not (_line_key(fs) in seen and not any(f.kind == "NUM" for f in fs))]
    kind, how = title_kind, "title" if title_kind else "none"
    if kind is None:
        probe = header_text(header + data[:3])
        kind, how = by_header(probe), "header"
    if kind is None:
        how = "none"
    return _Page(seg, kind, header, data, how)


def _line_key(fields: list[Field]) -> str:
    return "|".join(squash(f.text) for f in fields if not f.blank)


def _unit(doc: Document, pages: list[_Page]) -> str | None:
    for p in pages:
        for no in p.seg.captions:
            m = _UNIT.search(doc.lines[no - 1])
            if m:
                return m.group(1) or m.group(2)
        for fields in p.header:
            m = _UNIT.search(" ".join(f.text for f in fields))
            if m:
                return m.group(1) or m.group(2)
    return doc.meta.get("unit")


def _group(pages: list[_Page]) -> list[list[_Page]]:
    """Merge continuation pages into tables."""
    groups: list[list[_Page]] = []
    for p in pages:
        prev = groups[-1] if groups else None
        prev_kind = prev[0].kind if prev else None
        if prev is not None:
            gap = p.seg.start - prev[-1].seg.end
            same = p.kind is not None and prev_kind is not None and p.kind.id == prev_kind.id
            if same and not p.seg.gap_prose:
                prev.append(p)
                continue
            if p.kind is None and not p.seg.title and (not p.seg.gap_prose or gap <= 12):
                prev.append(p)  # a page without title or known header: the previous table goes on
                continue
        groups.append([p])
    return groups


def _to_value(f: Field | None, column: str, line: int) -> Value:
    if f is None:
        return Value(column=column, value=None, text="", line=line)
    return Value(column=column, value=parse_number(f.text), text=f.text, line=f.line)


def _validate_label(row: Row) -> None:
    """Give class rows of statements their 功能分类 code; repair OCR-garbled coded labels."""
    if row.code:
        names = code_names(row.code)
        lab = squash(row.label)
        if names and lab not in names:
            best = max(names, key=lambda n: similarity(n, lab))
            if similarity(best, lab) >= 0.6 or not lab:
                row.label = best
        return
    if row.side == "支出" or row.side is None:
        hit = class_code_for(row.label)
        if hit and regex.match(r"^[一二三四五六七八九十]+[、.．]", row.label):
            row.code = hit[0]
            tail = regex.sub(r"^[一二三四五六七八九十]+[、.．]\s*", "", row.label)
            if squash(tail) != hit[1]:
                row.label = row.label[: len(row.label) - len(tail)] + hit[1]


def _rows_for(kind: TableKind | None, pages: list[_Page], layout: str) -> tuple[list[Row], list[str]]:
    shape = kind.shape if kind else "perf"
    tid = kind.id if kind else "U"
    rows: list[Row] = []
    columns: list[str] = []
    header_all = [f for p in pages for f in p.header]
    for p in pages:
        positional = layout in ("tab", "pipe")
        lanci = lanci_numbers(p.header)
        raws: list[RawRow] = []
        if shape == "statement":
            tl, tr = template_columns(tid, "收入"), template_columns(tid, "支出")
            if len(lanci) >= 2:
                n_left, n_right = len(lanci[0]), len(lanci[1])
            elif len(lanci) == 1 and len(lanci[0]) > max(1, len(tl)):
                n_left = max(1, len(tl))
                n_right = len(lanci[0]) - n_left
            else:
                n_left, n_right = max(1, len(tl)), max(1, len(tr))
            has_rowno = "行次" in header_text(p.header) or "行次" in header_text(header_all)
            raws = statement_rows(p.data, n_left, n_right, has_rowno, positional)
            found = found_columns(tid, ["收入", "支出"], p.header, layout)
            if len(found) == n_left + n_right:
                names = {"收入": found[:n_left], "支出": found[n_left:]}
            else:
                names = {"收入": name_columns(tid, "收入", n_left, []), "支出": name_columns(tid, "支出", n_right, [])}
            for r in raws:
                r.names = names[r.side]
            columns = columns or [f"收入:{c}" for c in names["收入"]] + [f"支出:{c}" for c in names["支出"]]
        elif shape == "econ":
            raws = econ_rows(p.data, positional)
            for r in raws:
                r.names = ["金额"]
            columns = ["金额"]
        elif shape == "sangong" and positional and sangong_interleaved(p.header, p.data):
            items = [c for c, _ in template_columns(tid, "item")]
            for g, k, f in sangong_interleaved(p.header, p.data):
                if k >= len(items):
                    continue
                match = next((r for r in raws if r.label == items[k]), None)
                if match is None:
                    at = (p.data or p.header)[-1 if not p.data else 0][0].line
                    match = RawRow(label=items[k], line=at, values=[], lines=[at], names=[])
                    raws.append(match)
                match.values.append(f)
                match.names.append(g)
            columns = ["预算数", "决算数"]
        elif shape == "sangong":
            vals = sangong_values(p.data)
            items = [c for c, _ in template_columns(tid, "item")]
            groups = [c for c, _ in template_columns(tid, "group")]
            if len(vals) == 2 * len(items):
                use = groups
            elif len(vals) == len(items):
                use = groups[-1:]
            else:
                use = []
            for gi, g in enumerate(use):
                for ii, item in enumerate(items):
                    f = vals[gi * len(items) + ii]
                    match = next((r for r in raws if r.label == item), None)
                    if match is None:
                        match = RawRow(label=item, line=f.line, values=[], lines=[f.line], names=[])
                        raws.append(match)
                    match.values.append(f)
                    match.names.append(g)
            columns = use
        elif shape == "coded":
            n_data = 0
            for fields in p.data:
                n_data = max(n_data, sum(1 for f in fields if f.kind == "NUM" or (f.kind in ("INT", "CODE") and f is not fields[0])))
            n_lanci = max((max(max(s), len(s)) for s in lanci), default=0)
            n_pos = _mode([_value_slots(fields) for fields in p.data]) if positional else 0
            extent = _extent(p) if positional else 0
            n_width = _mode([_value_slots(fields, extent=extent) for fields in p.data]) if positional else 0
            n = max(n_lanci, n_data, n_pos, n_width) if positional else (n_lanci or n_data)
            if n == 0 and positional:  # no figure at all (a template, an empty fund table): the columns
                # from the first header cell naming a value column to the table's last column
                first = first_value_position(tid, p.header)
                n = extent - first if first is not None else 0
            if n == 0:
                n = len(template_columns(tid, None))
            raws = coded_rows_positional(p.data, n) if positional else coded_rows_stream(p.data, n)
            found = found_columns(tid, [None], p.header, layout)
            names = name_columns(tid, None, n, found)
            if layout in ("tab", "pipe") and len(found) != n:
                names = own_columns(tid, p.header, n) or names
            for r in raws:
                r.names = names
            columns = columns or names
        else:
            raws = perf_rows(p.data, p.header, layout)
            for r in raws:
                for c in r.names or []:
                    if c not in columns:
                        columns.append(c)
        for r in raws:
            vals = [_to_value(f, (r.names or [])[j] if r.names and j < len(r.names) else f"栏{j + 1}", r.line)
                    for j, f in enumerate(r.values)]
            row = Row(label=r.label, line=r.line, code=r.code, side=r.side, values=vals,
                      lines=sorted(set(r.lines)), rowno=r.rowno)
            if shape in ("statement", "coded", "econ"):
                _validate_label(row)
            rows.append(row)
    return rows, columns


def _mode(counts: list[int]) -> int:
    """The most common positive count (ties → the smaller): the table's usual number of value
    positions, which a row with a blank label cell (000:299 ``合计⇥⇥49,644.69``) does not change."""
    from collections import Counter

    c = Counter(x for x in counts if x > 0)
    if not c:
        return 0
    best = max(c.values())
    return min(x for x, k in c.items() if k == best)


def _extent(page: _Page) -> int:
    """Tab/pipe: the number of columns the table uses — up to the last position holding text in
    any header or data line (a stray trailing tab, as 000 has on every row, is not a column)."""
    return 1 + max((f.col for fields in page.header + page.data for f in fields if not f.blank), default=-1)


def _value_slots(fields: list[Field], extent: int | None = None) -> int:
    """Tab/pipe: how many value positions follow the code/label cells (blank cells included).

    With ``extent`` (see :func:`_extent`) trailing blank cells inside the table's columns count
    too: the PDF reader prints every column of the grid, so a row's width is the table's column
    count even where its last columns are blank (收入决算表 with only 本年收入合计 and 财政拨款收入
    filled, 其他收入 in a few rows)."""
    keep_blank = extent is not None
    if keep_blank:
        fields = [f for f in fields if f.col < extent]
    while fields and fields[-1].blank and not keep_blank:
        fields = fields[:-1]
    i = 0
    while i < len(fields) and (fields[i].kind in ("TEXT", "CODE") or (i == 0 and (fields[i].blank or (
            fields[i].kind == "INT" and len(fields) > 1 and fields[1].kind == "TEXT")))):
        i += 1
    if i == 0 or not any(f.kind == "NUM" for f in fields[i:]):
        return 0
    tail = fields[i:]
    while tail and (tail[-1].kind == "TEXT" or (keep_blank and tail[-1].blank and any(
            f.kind == "TEXT" for f in tail))):
        tail = tail[:-1]  # a text column after the figures (绩效目标)
    return len(tail)


def _dedupe(rows: list[Row]) -> list[Row]:
    """Drop 合计/总计 rows repeated at the top of continuation pages (noise §3.2)."""
    seen: set[tuple] = set()
    out = []
    for r in rows:
        # the figures alone: a continuation page may name its columns apart (its own 栏次 line)
        key = (r.side, r.code, squash(r.label), tuple(v.value for v in r.values))
        if not r.code and _TOTAL.match(squash(r.label)) and key in seen:
            continue
        seen.add(key)
        out.append(r)
    for i, r in enumerate(out):
        r.index = i
    return out


def _cells(doc: Document, t: Table) -> list[Cell]:
    out = []
    for r in t.rows:
        for v in r.values:
            page = doc.page_of(v.line) if doc.pages is not None else None
            bbox = list(doc.boxes[v.line]) if doc.boxes and v.line in doc.boxes else None
            out.append(Cell(doc=doc.doc, table=t.key or t.id, table_title=t.title, row_code=r.code,
                            row_label=r.label, side=r.side, column=v.column, value=v.value, unit=t.unit,
                            line=v.line, text=v.text, page=page, bbox=bbox, row=r.index))
    return out


def extract_tables(doc: Document) -> list[Table]:
    """Every table of ``doc``, identified, continuation pages merged, with located cells."""
    pages = [_page(doc, s) for s in find_segments(doc)]
    tables: list[Table] = []
    unknown = 0
    for group in _group(pages):
        first = group[0]
        kind = first.kind
        layout = first.seg.layout
        rows, columns = _rows_for(kind, group, layout)
        if kind is None:
            unknown += 1
        tid = kind.id if kind else f"U{unknown}"
        notes = [(no, doc.lines[no - 1].strip()) for p in group for no in p.seg.notes]
        title = next((p.seg.title for p in group if p.seg.title), "") or (kind.title if kind else "")
        t = Table(doc=doc.doc, id=tid, title=title, unit=_unit(doc, group),
                  start_line=min(p.seg.start for p in group),
                  end_line=max(max(p.seg.lines) for p in group), layout=layout,
                  shape=kind.shape if kind else "perf", kind=kind.kind if kind else None,
                  columns=columns, rows=_dedupe(rows), notes=notes,
                  pages=[p.seg.start for p in group], title_line=first.seg.title_line,
                  identified_by=first.how)
        tables.append(t)
    counts: dict[str, int] = {}
    for t in tables:
        counts[t.id] = counts.get(t.id, 0) + 1
    seen: dict[str, int] = {}
    for t in tables:
        seen[t.id] = seen.get(t.id, 0) + 1
        t.key = t.id if counts[t.id] == 1 else (t.id if seen[t.id] == 1 else f"{t.id}-{seen[t.id]}")
        t.cells = _cells(doc, t)
    return tables


def extract_cells(doc: Document) -> list[Cell]:
    """All cells of all tables of ``doc``, in document order of tables."""
    return [c for t in extract_tables(doc) for c in t.cells]


def total_value(rows: list[Row]) -> Decimal | None:  # pragma: no cover - convenience
    for r in rows:
        if _TOTAL.match(squash(r.label)) and r.values and r.values[0].value is not None:
            return r.values[0].value
    return None
