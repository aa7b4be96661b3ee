"""Identities of tables no template names (ids ``U1``, ``U2`` …): a table pasted into a passage, a
department's own breakdown by unit or by item.

- ``U.total_row``: the 合计/总计 row is the sum of the other rows, column by column;
- ``U.total_column``: a first column named 合计/总计/小计 (本年收入合计) is the sum of the columns beside it;
- ``U.change_column``: an 增减/增减额 column is the newer period's column less the older one's.

Such tables may nest rows (其中) or columns, or hold rates that do not add up, so an identity is
claimed only where the table itself bears it out: the findings of one identity are reported when at
least one column (for rows) or row (for columns) holds exactly, and dropped when none does (the
identity is then not the table's). Rate, share, score and code columns are never summed.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ...records import Finding
from ...rules.registry import rule
from ..lexicon import squash
from ..model import Table, Value
from .common import check_sum, sum_rows, total_row, val

_NOT_SUMMED = regex.compile(r"率|占|比重|比例|%|％|百分|得分|分值|权重|排名|序号|编码|代码|单价|标准|人均|平均")
_NESTED = regex.compile(r"^(?:其中|含|包括|注|备注|\d+[.、])")
_TOTAL_COLUMN = regex.compile(r"(?:合计|总计|小计)$")
_CHANGE_COLUMN = regex.compile(r"^(?:比上年)?(?:增减|增减额|增减数|增减变动|增减变化|变动额|变化额|增(?:加)?额)(?:[（(].*[)）])?$")
_NEWER = regex.compile(r"本年|本期|当年|年末|期末")
_OLDER = regex.compile(r"上年|上期|去年|年初|期初")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _unknown(ctx) -> list[Table]:
    return [t for t in ctx.tables if (t.id or "").startswith("U")]


def _any_unknown(ctx) -> bool:
    return bool(_unknown(ctx))


def _summed(t: Table) -> list[str]:
    """The value columns that may add up (not rates, shares, scores or codes)."""
    return [c for c in t.columns if not _NOT_SUMMED.search(squash(c))]


def _borne_out(found: list[Finding]) -> list[Finding]:
    """All of one identity's findings when at least one holds exactly, none otherwise."""
    checked = [f for f in found if f.verdict in ("consistent", "rounding", "inconsistent")]
    if any(f.verdict == "consistent" for f in checked) and len(checked) >= 2:
        return checked
    return []


@rule("U.total_row", "tables", "未识别表格：合计行 = 其余各行之和（逐列；至少一列相符时才判定）", applies=_any_unknown)
def total_rows(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        total = total_row(t)
        parts = [r for r in t.rows if r is not total]
        if total is None or len(parts) < 2 or any(r.code or _NESTED.match(squash(r.label)) for r in parts):
            continue
        if any(_TOTAL_COLUMN.search(squash(r.label)) for r in parts):
            continue  # subtotals among the rows: a hierarchy, not a flat list
        found = []
        for col in _summed(t):
            found.extend(_suspect(f, t, col, parts, _row_checks(ctx, t))
                         for f in sum_rows(ctx, "U.total_row", t, total, parts, f"{t.key}（{col}）合计行 = 各行之和", col))
        yield from _borne_out(found)


def _suspect(f: Finding, t: Table, col: str, parts: list, row_checks: list) -> Finding:
    """A column that does not add up, crossed with the one part row whose own identity fails in that
    column too: that cell is the likely slip, named in the message and in ``evidence.lines``."""
    if f.verdict != "inconsistent":
        return f
    rows = [r for r, cols, g in row_checks if g.verdict == "inconsistent" and col in cols and r in parts]
    if len(rows) == 1:
        r = rows[0]
        cell = r.get(col)
        f.evidence = {**(f.evidence or {}), "lines": [r.line], "suspect": {"row": r.label, "column": col,
                                                                          "line": cell.line if cell else r.line}}
        f.message += f"第 {r.line} 行「{r.label}」的{col}与本行其他数字亦不相符，最可能是该数填错。"
    return f


def _row_checks(ctx, t: Table) -> list[tuple]:
    """Every row-wise identity of ``t`` (a 合计 column, an 增减 column): (row, columns used, finding)."""
    return _total_column_checks(ctx, t) + _change_checks(ctx, t)


@rule("U.total_column", "tables", "未识别表格：合计列 = 其余各列之和（逐行；至少一行相符时才判定）", applies=_any_unknown)
def total_columns(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        yield from _borne_out([f for _, _, f in _total_column_checks(ctx, t)])


def _total_column_checks(ctx, t: Table) -> list[tuple]:
    cols = _summed(t)
    if len(cols) < 3 or not _TOTAL_COLUMN.search(squash(cols[0])) or t.columns[0] != cols[0]:
        return []
    parts = cols[1:]
    if any(_NESTED.match(squash(c)) or _TOTAL_COLUMN.search(squash(c)) or _CHANGE_COLUMN.match(squash(c))
           for c in parts):
        return []
    out = []
    for r in t.rows:
        tv = val(r, cols[0])
        pv = [(t, r, v) for v in (val(r, c) for c in parts) if v is not None]
        if tv is None or not pv:
            continue
        what = f"{t.key}「{r.label}」{cols[0]} = {' + '.join(parts)}"
        out.append((r, set(cols), check_sum(ctx, "U.total_column", what, t, r, tv, pv, " + ".join(parts))))
    return out


def _periods(t: Table, change: str) -> tuple[str, str] | None:
    """(newer, older) columns of an 增减 column: the two summed columns before it, told apart by their
    years or by 本年/上年 words."""
    k = t.columns.index(change)
    before = [c for c in _summed(t) if t.columns.index(c) < k][-2:]
    if len(before) != 2:
        return None
    a, b = before
    ya, yb = _YEAR.search(a), _YEAR.search(b)
    if ya and yb and ya.group() != yb.group():
        return (a, b) if ya.group() > yb.group() else (b, a)
    if _NEWER.search(a) and _OLDER.search(b):
        return a, b
    if _OLDER.search(a) and _NEWER.search(b):
        return b, a
    return None


@rule("U.change_column", "tables", "未识别表格：增减列 = 本期列 − 上期列（逐行；至少一行相符时才判定）", applies=_any_unknown)
def change_columns(ctx) -> Iterable[Finding]:
    for t in _unknown(ctx):
        checks = _change_checks(ctx, t)
        for change in dict.fromkeys(f.evidence["change_column"] for _, _, f in checks):
            yield from _borne_out([f for _, _, f in checks if f.evidence["change_column"] == change])


def _change_checks(ctx, t: Table) -> list[tuple]:
    out = []
    for change in [c for c in t.columns if _CHANGE_COLUMN.match(squash(c))]:
        pair = _periods(t, change)
        if pair is None:
            continue
        newer, older = pair
        for r in t.rows:
            cv, nv, ov = val(r, change), val(r, newer), val(r, older)
            if cv is None or nv is None or ov is None:
                continue
            minus = Value(ov.column, -ov.value, ov.text, ov.line)
            f = check_sum(ctx, "U.change_column", f"{t.key}「{r.label}」{change} = {newer} − {older}",
                          t, r, cv, [(t, r, nv), (t, r, minus)], f"{newer} − {older}")
            f.evidence["change_column"] = change
            out.append((r, {change, newer, older}, f))
    return out
