"""Row grammars, one per table shape, each working on classed fields (:mod:`.tokens`).

* ``statement`` — two-sided 收入 | 支出 tables (T1, T4, B1, B4): each side is
  ``label [行次] value…``; the 行次 number is kept apart, never read as a value.
* ``coded`` — one-sided tables with a 功能分类/经济分类 code or a label, then values (T2, T3, T5,
  T8, T9, B2…B13, P3).
* ``econ`` — T6: ``code label amount`` pairs for 人员经费 and 公用经费 side by side.
* ``sangong`` — T7: one line of 6 or 12 figures under 预算数/决算数 groups.
* ``perf`` — 绩效 tables: a label, then cells named by the header row above them.

Tab and pipe rows are one line each (blank cells are EMPTY fields, so positions hold). In
pdftotext layout a row may be broken over several lines (004:216-220: code, label halves, values),
so the grammars read a stream of fields across lines and close a row when its values are complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import regex

from .lexicon import strip_ordinal
from .tokens import BRACKET_CODE, Field

_JUNK = regex.compile(r"^[^\p{Han}A-Za-z0-9(（\[“\"]+")
_INNER_SPACE = regex.compile(r"(?<=[\p{Han}(（)）])\s+(?=[\p{Han}(（)）])")
_WS = regex.compile(r"\s+")


def clean_label(parts: list[str]) -> str:
    """Join label fragments; Chinese halves join without a space; leading OCR junk dropped."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " " + p
        else:
            out += p
    out = _INNER_SPACE.sub("", out)
    return _JUNK.sub("", out).strip()


@dataclass
class RawRow:
    """A row before its values are named: value fields in order (None = slot not printed)."""

    label: str
    line: int
    code: str | None = None
    side: str | None = None
    rowno: int | None = None
    values: list[Field | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    names: list[str] | None = None  # perf tables: a name per value


def _is_value(f: Field, has_rowno: bool) -> bool:
    return f.kind == "NUM" or (f.kind in ("INT", "CODE") and not has_rowno)


# -- statement ---------------------------------------------------------------------------------
def _side(tokens: list[Field], i: int, n_vals: int, has_rowno: bool, positional: bool):
    label: list[str] = []
    lines: list[int] = []
    if positional and i < len(tokens) and tokens[i].blank:
        i += 1
    while i < len(tokens) and tokens[i].kind == "TEXT":
        label.append(tokens[i].text)
        lines.append(tokens[i].line)
        i += 1
    rowno = None
    if has_rowno and positional:
        j = i
        while j < len(tokens) and tokens[j].blank:
            j += 1
        if j < len(tokens) and tokens[j].kind in ("INT", "CODE") and j - i <= 2:
            i = j
    if has_rowno and i < len(tokens) and tokens[i].kind in ("INT", "CODE"):
        rowno = int(tokens[i].text)
        lines.append(tokens[i].line)
        i += 1
    elif has_rowno and positional and i < len(tokens) and tokens[i].blank:
        i += 1
    values: list[Field | None] = []
    while len(values) < n_vals and i < len(tokens):
        t = tokens[i]
        if _is_value(t, has_rowno):
            values.append(t)
        elif t.blank and positional:
            values.append(None)
        else:
            break
        lines.append(t.line)
        i += 1
    values += [None] * (n_vals - len(values))
    return clean_label(label), rowno, values, lines, i


def statement_rows(data: list[list[Field]], n_left: int, n_right: int, has_rowno: bool,
                   positional: bool, sides: tuple[str, str] = ("收入", "支出")) -> list[RawRow]:
    """Two-sided rows; each physical row yields a left and a right row (blank halves dropped)."""
    rows: list[RawRow] = []
    streams = data if positional else [[f for line in data for f in line if f.kind != "EMPTY"]]
    for tokens in streams:
        i = 0
        while i < len(tokens):
            start = i
            out = []
            for side, n in ((sides[0], n_left), (sides[1], n_right)):
                label, rowno, values, lines, i = _side(tokens, i, n, has_rowno, positional)
                if label or any(v is not None for v in values) or rowno is not None:
                    line = next((t.line for t in tokens[start:i] if t.kind == "TEXT" and t.text in label), None)
                    vline = next((v.line for v in values if v is not None), None)
                    out.append(RawRow(label=label, line=line or vline or (lines[0] if lines else tokens[start].line),
                                      side=side, rowno=rowno, values=values, lines=sorted(set(lines))))
            rows.extend(r for r in out if r.label or any(v is not None for v in r.values))
            if i == start:
                i += 1
            if positional:
                break
    return rows


# -- coded -------------------------------------------------------------------------------------
def _split_code(label: str, code: str | None) -> tuple[str, str | None]:
    m = BRACKET_CODE.match(label)
    if m and code is None:
        return m.group(2).strip(), m.group(1)
    return label, code


def coded_rows_positional(data: list[list[Field]], n: int) -> list[RawRow]:
    """Tab/pipe rows: [code | 序号] label… value… (blank cells keep their slot)."""
    rows: list[RawRow] = []
    for fields in data:
        while fields and fields[-1].blank:
            fields = fields[:-1]
        if not fields:
            continue
        i, code, rowno = 0, None, None
        if fields[0].kind == "CODE" and len(fields) > 1 and fields[1].kind == "TEXT":
            code, i = fields[0].text, 1
        elif fields[0].kind == "INT" and len(fields) > 1 and fields[1].kind == "TEXT":
            rowno, i = int(fields[0].text), 1
        elif fields[0].blank:
            i = 1
        parts: list[str] = []
        while i < len(fields) and fields[i].kind == "TEXT":
            parts.append(fields[i].text)
            i += 1
        area = fields[i:]
        while len(area) > n and area and area[0].blank:
            area = area[1:]
        values: list[Field | None] = []
        for f in area[:n]:
            values.append(None if f.blank or f.kind == "TEXT" else f)
        values += [None] * (n - len(values))
        label, code = _split_code(clean_label(parts), code)
        if not any(v is not None for v in values) and n and (label in ("合计", "总计") or code and label and all(
                f.blank for f in area[:n])):
            rows.append(RawRow(label=label, line=fields[0].line, code=code, values=values, lines=[fields[0].line]))
            continue  # an empty 合计 row or coded row (a template, a zero line left blank): blank cells, kept
        if not any(v is not None for v in values):
            if label and rows and not code and len(label) <= 30 and all(f.blank for f in area[:n]):
                rows[-1].label += label  # a label continued on the next line/page (003:793+803)
                rows[-1].lines.append(fields[0].line)
            continue
        rows.append(RawRow(label=label, line=fields[0].line, code=code, rowno=rowno, values=values,
                           lines=[fields[0].line]))
    return rows


class _RowStream:
    """Rows read from a stream of fields: a code opens a row, a text field continues the open row's
    label until values have come (then it opens the next row), value fields fill the open row.
    ``keep`` decides, when a row is closed, whether it is a row (it may complete the row first)."""

    def __init__(self, keep: Callable[[RawRow], bool]):
        self.rows: list[RawRow] = []
        self.cur: RawRow | None = None
        self._keep = keep

    def close(self) -> None:
        if self.cur is not None and self._keep(self.cur):
            self.rows.append(self.cur)
        self.cur = None

    def code(self, f: Field) -> None:
        self.close()
        self.cur = RawRow(label="", line=f.line, code=f.text, lines=[f.line])

    def text(self, f: Field) -> None:
        cur = self.cur
        if cur is None or cur.values:
            self.close()
            self.cur = RawRow(label=clean_label([f.text]), line=f.line, lines=[f.line])
        else:
            cur.label = clean_label([cur.label, f.text])
            cur.lines.append(f.line)

    def value(self, f: Field) -> None:
        """Add a value to the open row (a row without label or code when none is open)."""
        if self.cur is None:
            self.cur = RawRow(label="", line=f.line, lines=[f.line])
        self.cur.values.append(f)
        if f.line not in self.cur.lines:
            self.cur.lines.append(f.line)


def coded_rows_stream(data: list[list[Field]], n: int | None) -> list[RawRow]:
    """pdftotext rows: a code, label fragments and values, possibly on separate lines."""

    def keep(r: RawRow) -> bool:
        if not (r.values or r.label):
            return False
        if n:
            r.values += [None] * (n - len(r.values))
        if not any(v is not None for v in r.values):
            return False
        r.label, r.code = _split_code(r.label, r.code)
        return True

    rows = _RowStream(keep)
    for fields in data:
        fields = [f for f in fields if not f.blank]
        if len(fields) == 1 and fields[0].kind == "INT":
            continue  # a stray page number (004:417)
        for j, f in enumerate(fields):
            nxt = fields[j + 1] if j + 1 < len(fields) else None
            if f.kind == "CODE" and (nxt is None or nxt.kind == "TEXT") and (
                    j == 0 or rows.cur is None or bool(rows.cur.values)):
                rows.code(f)
            elif f.kind == "TEXT":
                rows.text(f)
            elif f.kind in ("NUM", "INT", "CODE"):
                rows.value(f)
                if n and len(rows.cur.values) >= n:
                    rows.close()
    rows.close()
    return rows.rows


# -- econ (T6) ---------------------------------------------------------------------------------
def econ_rows(data: list[list[Field]], positional: bool) -> list[RawRow]:
    """``code label amount`` entries, several per line; the side comes from the code (301/303 →
    人员经费) or the label (人员经费合计 / 公用经费合计)."""

    def keep(r: RawRow) -> bool:
        if not (r.label or r.code):
            return False
        if not r.values:
            r.values = [None]
        return True

    rows = _RowStream(keep)
    for fields in data:
        for j, f in enumerate(fields):
            cur = rows.cur
            if f.blank:
                nxt = next((g for g in fields[j + 1:] if not g.blank), None)
                if positional and cur is not None and cur.label and not cur.values and (
                        nxt is None or nxt.kind == "TEXT" or nxt.kind == "CODE" and nxt.text.startswith("3")):
                    rows.close()  # its amount cell is blank ("人员经费合计⇥⇥⇥公用经费合计" of a template)
                continue  # a blank before the amount is OCR drift (000:382 "31002 办公设备购置⇥⇥17.62")
            if f.kind == "CODE" and f.text.startswith("3"):
                rows.code(f)
            elif f.kind == "TEXT":
                rows.text(f)
            elif f.kind in ("NUM", "INT", "CODE"):
                if cur is not None and not cur.values:
                    rows.value(f)  # one amount per entry
                    rows.close()
        if positional:
            rows.close()
    rows.close()
    for r in rows.rows:
        r.side = econ_side(r.code, r.label)
    return [r for r in rows.rows if r.side]


def econ_side(code: str | None, label: str) -> str | None:
    if code:
        return "人员经费" if code[:3] in ("301", "303") else "公用经费"
    if "人员经费" in label:
        return "人员经费"
    if "公用经费" in label:
        return "公用经费"
    return None


# -- sangong (T7) ------------------------------------------------------------------------------
def sangong_interleaved(header: list[list[Field]], data: list[list[Field]]) -> list[tuple[str, int, Field | None]]:
    """三公 tables whose columns alternate 预算数/决算数 per item (PDF template of 2024):
    (group, item index, field or None for a blank cell) by column position."""
    groups = None
    for fields in header:
        marks = [f for f in fields if regex.search(r"预算|决算", f.text)]
        if len(marks) >= 6 and len(marks) == len([f for f in fields if not f.blank]):
            groups = marks
    if groups is None:
        return []
    row = {f.col: f for f in data[0]} if data else {}  # no figures row (a template): every cell blank
    out = []
    seen: dict[str, int] = {}
    for g in groups:
        name = "预算数" if "预算" in g.text else "决算数"
        k = seen.get(name, 0)
        seen[name] = k + 1
        f = row.get(g.col)
        out.append((name, k, None if f is None or f.blank else f))
    return out


def sangong_values(data: list[list[Field]]) -> list[Field]:
    """The figures line of a 三公 table (6 or 12 figures, often all on one line: 004:1053)."""
    for fields in data:
        nums = [f for f in fields if f.kind in ("NUM", "INT", "CODE") and not f.blank]
        if len(nums) >= 6:
            return nums
    return []


# -- perf ----------------------------------------------------------------------------------------
_TARGET = regex.compile(r"^[≥≤<>＞＜=]+\s*\d|^\d[\d.,]*\s*%?(?:以上|以下|或以上)?$|^\d[\d.,]*\s*(?:分|万元|元|个|次)$")


def _open_bracket(label: str) -> bool:
    return label.count("(") + label.count("（") > label.count(")") + label.count("）")


_LABEL_HEADER = regex.compile(r"名称|编码|代码|^项目$|^科目$|^指标$|^单位$")


def perf_rows(data: list[list[Field]], header: list[list[Field]], layout: str = "tab") -> list[RawRow]:
    """绩效 tables, and tables no template names: cells named by the last header-like row above them
    (positions kept). In a space-aligned layout a field's position is only its running index, so a row
    with fewer label cells ("合计" under "科目编码 科目名称") would name its figures after label headers:
    there the figures take the last header names, right-aligned."""
    names: dict[int, str] = {}
    for fields in header:
        for f in fields:
            if f.kind == "TEXT":
                names[f.col] = strip_ordinal(_WS.sub("", f.text))
    rows: list[RawRow] = []
    for fields in data:
        texts = [f for f in fields if f.kind == "TEXT"]
        nums = [f for f in fields if f.kind in ("NUM", "INT") or (f.kind == "TEXT" and _TARGET.match(f.text))]
        if not nums and len(texts) >= 3 and all(len(f.text) <= 12 for f in texts):
            names = {f.col: strip_ordinal(_WS.sub("", f.text)) for f in texts}
            continue
        if not nums:
            if rows and texts and _open_bracket(rows[-1].label):
                rows[-1].label = clean_label([rows[-1].label] + [f.text for f in texts])  # "…（市耕地质量⏎保护站）"
                rows[-1].lines.append(fields[0].line)
            continue
        first = fields.index(nums[0])
        label = clean_label([f.text for f in fields[:first] if f.kind == "TEXT"])
        code = next((f.text.strip() for f in fields[:first] if f.kind == "CODE"), None)  # "| 20502 | 普通教育 |"
        vals = [f for f in fields[first:] if not f.blank]
        named = [names.get(f.col, f"栏{f.col + 1}") for f in vals]
        ordered = [names[k] for k in sorted(names)]
        if layout == "spaces" and any(_LABEL_HEADER.search(n) for n in named) and len(ordered) >= len(vals):
            named = ordered[len(ordered) - len(vals):]
        rows.append(RawRow(label=label, line=fields[0].line, code=code, values=list(vals), lines=[fields[0].line],
                           names=named))
    return rows
