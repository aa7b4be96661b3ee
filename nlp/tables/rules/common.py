"""Helpers shared by the table rules: find tables and rows, compare figures, word findings.

Every comparison is rounding-aware (:mod:`nlp.interval`): a displayed figure stands for an
interval, a sum of displayed parts for the sum of their intervals. ``compare`` then says
``consistent`` (intervals overlap), ``rounding`` (they miss by at most one unit in the last
place) or ``inconsistent``. A rule whose inputs are missing yields one ``unverifiable`` finding
that says what was not found.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

import regex

from ...interval import Interval, compare, decimals_of, shown_equal
from ...records import Finding
from ..lexicon import row_is, squash, strip_ordinal
from ..model import Row, Table, Value

_ORDINAL = regex.compile(r"^[一二三四五六七八九十]+[、.．]")
_UNIT_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


# -- lookups -------------------------------------------------------------------------------------
def table(ctx, tid: str) -> Table | None:
    """The (first) table with canonical id ``tid``."""
    for t in ctx.tables:
        if t.id == tid:
            return t
    return None


def tables(ctx, tid: str) -> list[Table]:
    return [t for t in ctx.tables if t.id == tid]


def doc_kind(ctx) -> str | None:
    kind = (ctx.doc.meta or {}).get("kind")
    if kind:
        return kind
    ids = {t.id[0] for t in ctx.tables}
    return "预算" if "B" in ids and "T" not in ids else "决算" if "T" in ids else None


def is_juesuan(ctx) -> bool:
    return doc_kind(ctx) == "决算" or any(t.id.startswith("T") for t in ctx.tables)


def is_yusuan(ctx) -> bool:
    return doc_kind(ctx) == "预算" or any(t.id.startswith("B") for t in ctx.tables)


def has_table(tid: str):
    """``applies`` predicate: the rule is applicable when the table is present."""
    return lambda ctx: table(ctx, tid) is not None


def rows_of(t: Table, side: str | None = None) -> list[Row]:
    return [r for r in t.rows if side is None or r.side == side]


def find_row(t: Table, key: str, side: str | None = None, after: Row | None = None) -> Row | None:
    """First row naming ``key`` (``lexicons/table_rows.tsv``), optionally on a side / after a row."""
    for r in rows_of(t, side):
        if after is not None and r.index <= after.index:
            continue
        if row_is(r.label, key):
            return r
    return None


def total_row(t: Table, side: str | None = None) -> Row | None:
    """The 合计/总计 row of a one-sided table (no code)."""
    for r in rows_of(t, side):
        if not r.code and squash(r.label) in ("合计", "总计", "合计:", "总计:"):
            return r
    return None


def by_code(t: Table, code: str) -> Row | None:
    for r in t.rows:
        if r.code == code:
            return r
    return None


def is_ordinal_row(r: Row) -> bool:
    return bool(_ORDINAL.match(r.label))


def val(row: Row | None, column: str | None = None) -> Value | None:
    """A row's value in ``column`` (the first value when None); None when absent or blank."""
    if row is None:
        return None
    v = row.first() if column is None else row.get(column)
    return v if v is not None and v.value is not None else None


def wan(value: Decimal, unit: str | None) -> Decimal:
    """A figure in 万元 (tables may be in 元)."""
    return value * _UNIT_WAN.get(unit or "万元", Decimal(1))


# -- findings ------------------------------------------------------------------------------------
def _fmt(d: Decimal | None) -> str | None:
    return None if d is None else format(d, "f")


def _severity(verdict: str, stated: Decimal, expected: Decimal) -> str:
    if verdict == "inconsistent":
        gap = abs(stated - expected)
        return "high" if gap >= 1 or (stated and gap / abs(stated) >= Decimal("0.01")) else "medium"
    if verdict == "unverifiable":
        return "low"
    return "info"


def _where(t: Table, r: Row | None, v: Value) -> dict[str, Any]:
    return {"table": t.key or t.id, "row": r.label if r else None, "code": r.code if r else None,
            "side": r.side if r else None, "column": v.column, "value": _fmt(v.value), "line": v.line}


def part_intervals(nums: list[Decimal], total_decimals: int) -> Interval:
    """Interval of the true sum of displayed parts.

    Two conventions of the tables: a column is printed at one precision, so a part shown with
    fewer decimals than its total had trailing zeros dropped (``7`` in a column of ``71.65`` and
    ``311.3652``); and a printed zero is a zero (an empty line of the template), not ±0.005 —
    otherwise the twenty 0.00 lines of a T1 would hide a real 0.10 difference."""
    total = Interval.exact(Decimal(0))
    for n in nums:
        if n == 0:
            continue
        total = total + Interval.of(n, max(decimals_of(n), total_decimals))
    return total


def unverifiable(ctx, rule: str, what: str, reason: str, line: int | None = None) -> Finding:
    return Finding(doc=ctx.doc.doc, rule=rule, verdict="unverifiable", severity="low", line=line,
                   stated=None, expected=None, evidence={"reason": reason},
                   message=f"无法核对{what}：{reason}。")


def _message(verdict: str, what: str, stated: Decimal, expr: str, expected: Decimal, line: int,
             relation: str = "=") -> str:
    s, e = _fmt(stated), _fmt(expected)
    if verdict == "consistent":
        return f"{what}：{s} {relation} {expr}（{e}），相符。"
    if verdict == "rounding":
        return f"{what}：{s} 与 {expr}（{e}）相差 {_fmt(abs(stated - expected))}，属四舍五入尾差，无需更正。"
    gap = _fmt(abs(stated - expected))
    if relation == "≤":
        return (f"{what}：{s} 应不大于 {expr}（{e}），却超出 {gap}。请核对第 {line} 行及对应表格，"
                f"确认是否填错或口径不一致。")
    return f"{what}：表中为 {s}，但 {expr} 为 {e}，相差 {gap}。请核对第 {line} 行及相关行次的数据。"


def check_sum(ctx, rule: str, what: str, t: Table, row: Row, stated: Value,
              parts: list[tuple[Table, Row | None, Value]], expr: str) -> Finding:
    """``stated`` (a total) against the sum of ``parts``; blank parts count as nothing."""
    nums = [wan(p[2].value, p[0].unit) for p in parts if p[2].value is not None]
    s = wan(stated.value, t.unit)
    computed = part_intervals(nums, decimals_of(stated.value))
    verdict = compare(s, computed)
    expected = sum(nums, Decimal(0))
    nonzero = [n for n in nums if n != 0]
    same_table = all(pt is t for pt, _, _ in parts)
    if same_table and len(nonzero) == 1 and decimals_of(nonzero[0]) == decimals_of(s) and verdict != "inconsistent":
        # one figure printed twice at one precision in one table (a 款 with one 项, a row with one
        # non-zero column): the same number rounded the same way — 20.00 against 20.01 is a typo, not a
        # rounding residue. Across tables touching intervals are a residue, `rounding` (a T1 class total
        # printed from the true sum, T3's from its rounded 项: 236.63 / 236.64 in the 规划 PDF).
        verdict = "consistent" if s == nonzero[0] else "inconsistent"
    if verdict == "consistent" and not shown_equal(s, expected):
        verdict = "rounding"  # the intervals allow it, but the printed sum differs: a residue, reported apart
    ev = {"stated": _where(t, row, stated), "parts": [_where(pt, pr, pv) for pt, pr, pv in parts],
          "computed_interval": [_fmt(computed.lo), _fmt(computed.hi)]}
    return Finding(doc=ctx.doc.doc, rule=rule, verdict=verdict, severity=_severity(verdict, s, expected),
                   line=stated.line, stated=_fmt(stated.value), expected=_fmt(expected), evidence=ev,
                   message=_message(verdict, what, s, expr, expected, stated.line))


def check_equal(ctx, rule: str, what: str, a: tuple[Table, Row | None, Value],
                b: tuple[Table, Row | None, Value], expr: str) -> Finding:
    """Figure ``a`` (checked, its line reported) equals figure ``b`` of another table/row."""
    return check_sum(ctx, rule, what, a[0], a[1], a[2], [b], expr)


def check_le(ctx, rule: str, what: str, part: tuple[Table, Row | None, Value],
             whole: tuple[Table, Row | None, Value], expr: str) -> Finding:
    """Part ≤ whole (never an equality): consistent when the intervals allow it."""
    pt, pr, pv = part
    wt, wr, wv = whole
    p, w = wan(pv.value, pt.unit), wan(wv.value, wt.unit)
    ip, iw = Interval.of(p), Interval.of(w)
    if ip.lo <= iw.hi:
        verdict = "consistent"
    else:
        unit = Decimal(1).scaleb(-max(decimals_of(p), decimals_of(w)))
        verdict = "rounding" if ip.lo - iw.hi <= unit else "inconsistent"
    ev = {"part": _where(pt, pr, pv), "whole": _where(wt, wr, wv)}
    return Finding(doc=ctx.doc.doc, rule=rule, verdict=verdict, severity=_severity(verdict, p, w),
                   line=pv.line, stated=_fmt(pv.value), expected=f"≤{_fmt(wv.value)}", evidence=ev,
                   message=_message(verdict, what, p, expr, w, pv.line, relation="≤"))


def label_of(r: Row) -> str:
    return strip_ordinal(r.label) or r.label


_SAME = object()


def sum_rows(ctx, rule: str, t: Table, total: Row | None, parts: list[Row], what: str,
             column: str | None = None, line_hint: int | None = None, part_column=_SAME) -> Iterable[Finding]:
    """One finding: ``total`` (its ``column``) against the sum of ``parts`` (their ``part_column``,
    by default the same column; None = each part's first value)."""
    if part_column is _SAME:
        part_column = column
    if total is None:
        yield unverifiable(ctx, rule, what, f"{t.key or t.id} 中未找到合计行", line_hint)
        return
    tv = val(total, column)
    if tv is None and parts and all(val(r, part_column) is None for r in parts):
        return  # a blank total over blank parts (PDF tables leave zero cells empty): no figure to check
    if tv is None:
        yield unverifiable(ctx, rule, what, f"{t.key or t.id}「{total.label}」{column or ''}为空", total.line)
        return
    if not parts:
        yield unverifiable(ctx, rule, what, f"{t.key or t.id} 中未找到构成「{total.label}」的明细行", total.line)
        return
    pv = [(t, r, r.get(part_column) if part_column else r.first()) for r in parts]
    pv = [(a, b, c) for a, b, c in pv if c is not None]
    expr = " + ".join(label_of(r) for _, r, _ in pv[:6]) + (" + …" if len(pv) > 6 else "")
    yield check_sum(ctx, rule, what, t, total, tv, pv, expr or "明细之和")


def hierarchy_sums(ctx, rid: str, t: Table, total: Row | None, only: list[str] | None = None) -> Iterable[Finding]:
    """Per column (of ``only``, when given): ``total`` = Σ the top-level coded rows (类); each coded row =
    Σ its rows two digits longer (类 = Σ 款, 款 = Σ 项), where such rows are listed."""
    coded = [r for r in t.rows if r.code]
    if not coded:
        return
    top = min(len(r.code) for r in coded)
    columns = [v.column for v in (total or coded[0]).values if only is None or v.column in only]
    classes = [r for r in coded if len(r.code) == top]
    for c in columns:
        if total is not None:
            yield from sum_rows(ctx, rid, t, total, classes, f"{t.key or t.id} 合计（{c}）= Σ 类", c)
    for parent in coded:
        kids = [r for r in coded if r is not parent and r.code.startswith(parent.code)
                and len(r.code) == len(parent.code) + 2]
        if not kids:
            continue
        for c in columns:
            yield from sum_rows(ctx, rid, t, parent, kids,
                                f"{t.key or t.id} {parent.code}{parent.label}（{c}）= Σ 下级科目", c)
