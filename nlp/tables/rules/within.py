"""Within-table reconciliation rules (docs/rules-domain.md "Within a table").

Each rule is a small registered function: its id names the table and the identity
(``T1.income_total``), its doc is one line, and it yields one finding per evaluated instance.
The same identities hold in the 部门预算 tables (B1/B4 like T1/T4, B3/B5 like T3/T5 …) and are
registered for them under B ids.
"""

from __future__ import annotations

from typing import Iterable

from ...records import Finding
from ...rules.registry import rule
from ..lexicon import squash
from ..model import Row, Table
from .common import (by_code, find_row, has_table, hierarchy_sums, is_ordinal_row, rows_of, sum_rows, table,
                     total_row, unverifiable, val)

_FUNDS = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")


# -- statements (T1, T4, B1, B4) -------------------------------------------------------------------
def _income_rows(t: Table) -> list[Row]:
    """The numbered income lines above 本年收入合计 (一、… 八、)."""
    total = find_row(t, "本年收入合计", "收入")
    return [r for r in rows_of(t, "收入") if is_ordinal_row(r) and (total is None or r.index < total.index)]


def _class_rows(t: Table) -> list[Row]:
    """The 类 expenditure lines (they carry a 功能分类 class code) above 本年支出合计."""
    total = find_row(t, "本年支出合计", "支出")
    return [r for r in rows_of(t, "支出") if r.code and (total is None or r.index < total.index)]


def _carry_breakdown(t: Table, side: str, r: Row) -> bool:
    """Is ``r`` a fund sub-line of 年初(财政拨款)结转和结余 — a breakdown of that line, not an addend?

    The sub-lines are printed with or without ordinals (000 T4: ``一般公共预算财政拨款``; the 2024
    template: ``一、一般公共预算财政拨款``); what makes them a breakdown is that they name a fund and
    follow the carry-over line."""
    if not any(_is_fund(r, k) for k in _FUNDS):
        return False
    carry = find_row(t, "年初结转和结余", side)
    return carry is not None and r.index > carry.index


def _between(t: Table, side: str, first: Row | None, last: Row | None) -> list[Row]:
    """Rows strictly between two rows of a side, without the fund sub-lines of 年初结转 (T4 29-31)."""
    if first is None or last is None:
        return []
    out = []
    for r in rows_of(t, side):
        if first.index < r.index < last.index:
            if _carry_breakdown(t, side, r):
                continue
            out.append(r)
    return out


def _is_fund(r: Row, key: str) -> bool:
    from ..lexicon import row_is
    return row_is(r.label, key)


def _statement_income_total(ctx, rid: str, tid: str) -> Iterable[Finding]:
    t = table(ctx, tid)
    yield from sum_rows(ctx, rid, t, find_row(t, "本年收入合计", "收入"), _income_rows(t), f"{tid} 本年收入合计")


def _statement_expense_total(ctx, rid: str, tid: str, columns: bool = False) -> Iterable[Finding]:
    t = table(ctx, tid)
    total = find_row(t, "本年支出合计", "支出")
    cols = [None]
    if columns and total is not None:
        cols = [v.column for v in total.values]
    for c in cols:
        yield from sum_rows(ctx, rid, t, total, _class_rows(t), f"{tid} 本年支出合计" + (f"（{c}）" if c else ""), c)


def _statement_grand(ctx, rid: str, tid: str, side: str) -> Iterable[Finding]:
    t = table(ctx, tid)
    subtotal = find_row(t, "本年收入合计" if side == "收入" else "本年支出合计", side)
    grand = find_row(t, "收入总计" if side == "收入" else "支出总计", side, after=subtotal)
    what = f"{tid} {side}总计"
    if subtotal is None:
        yield unverifiable(ctx, rid, what, f"{tid} 中未找到本年{side}合计")
        return
    parts = [subtotal] + _between(t, side, subtotal, grand)
    cols = [v.column for v in grand.values] if grand is not None else [None]
    for c in cols:
        yield from sum_rows(ctx, rid, t, grand, parts, what + (f"（{c}）" if len(cols) > 1 else ""), c)


def _statement_balance(ctx, rid: str, tid: str) -> Iterable[Finding]:
    t = table(ctx, tid)
    inc = find_row(t, "收入总计", "收入", after=find_row(t, "本年收入合计", "收入"))
    exp = find_row(t, "支出总计", "支出", after=find_row(t, "本年支出合计", "支出"))
    what = f"{tid} 收入总计与支出总计"
    if inc is None or exp is None or val(inc) is None or val(exp) is None:
        yield unverifiable(ctx, rid, what, "未找到收入总计或支出总计")
        return
    yield from sum_rows(ctx, rid, t, inc, [exp], what)


for _tid in ("T1", "T4", "B1", "B4"):
    def _mk(tid: str):
        rule(f"{tid}.income_total", "tables", f"{tid} 本年收入合计 = Σ 各项收入", applies=has_table(tid))(
            lambda ctx, tid=tid: _statement_income_total(ctx, f"{tid}.income_total", tid))
        rule(f"{tid}.expense_total", "tables", f"{tid} 本年支出合计 = Σ 各类（功能分类）支出", applies=has_table(tid))(
            lambda ctx, tid=tid: _statement_expense_total(ctx, f"{tid}.expense_total", tid, columns=tid == "T4"))
        rule(f"{tid}.income_grand_total", "tables", f"{tid} 收入总计 = 本年收入合计 + 结余/结转等",
             applies=has_table(tid))(lambda ctx, tid=tid: _statement_grand(ctx, f"{tid}.income_grand_total", tid, "收入"))
        rule(f"{tid}.expense_grand_total", "tables", f"{tid} 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
             applies=has_table(tid))(lambda ctx, tid=tid: _statement_grand(ctx, f"{tid}.expense_grand_total", tid, "支出"))
        rule(f"{tid}.balance", "tables", f"{tid} 收入总计 = 支出总计", applies=has_table(tid))(
            lambda ctx, tid=tid: _statement_balance(ctx, f"{tid}.balance", tid))
    _mk(_tid)


@rule("T4.row_sum", "tables", "T4 每一支出行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营", applies=has_table("T4"))
def t4_row_sum(ctx) -> Iterable[Finding]:
    t = table(ctx, "T4")
    for r in rows_of(t, "支出"):
        if len(r.values) < 2 or val(r, r.values[0].column) is None:
            continue
        yield from sum_rows(ctx, "T4.row_sum", t, r, [Row(label=v.column, line=v.line, values=[v]) for v in r.values[1:]],
                            f"T4「{r.label}」合计", r.values[0].column, part_column=None)


@rule("T4.fund_balance", "tables", "T4 各资金来源：本年收入 + 年初结转和结余 = 总计（分栏）", applies=has_table("T4"))
def t4_fund_balance(ctx) -> Iterable[Finding]:
    t = table(ctx, "T4")
    grand = find_row(t, "支出总计", "支出", after=find_row(t, "本年支出合计", "支出"))
    carry = find_row(t, "年初结转和结余", "收入")
    for key, col in zip(_FUNDS, ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")):
        what = f"T4 {col}收支总计"
        if grand is None or grand.get(col) is None:
            continue
        inc = next((r for r in _income_rows(t) if _is_fund(r, key)), None)
        sub = None
        if carry is not None:
            sub = next((r for r in rows_of(t, "收入") if r.index > carry.index and _is_fund(r, key)), None)
        parts = [r for r in (inc, sub) if r is not None]
        if inc is None:
            yield unverifiable(ctx, "T4.fund_balance", what, f"未找到{key}行", grand.line)
            continue
        yield from sum_rows(ctx, "T4.fund_balance", t, grand, [Row(label=p.label, line=p.line, values=[p.first()])
                                                                  for p in parts], what, col, part_column=None)


# -- row sums of one-sided tables -------------------------------------------------------------------
def _row_sum(ctx, rid: str, tid: str, total_col: str, part_cols: list[str] | None = None) -> Iterable[Finding]:
    """Each row: ``total_col`` = Σ ``part_cols`` (default: every other value column)."""
    t = table(ctx, tid)
    for r in t.rows:
        tv = r.get(total_col)
        if tv is None or tv.value is None:
            continue
        parts = [v for v in r.values if v.column != total_col and (part_cols is None or v.column in part_cols)]
        if not parts:
            continue
        yield from sum_rows(ctx, rid, t, r, [Row(label=v.column, line=v.line, values=[v]) for v in parts],
                            f"{tid}「{r.label or r.code}」{total_col}", total_col, part_column=None)


_ROW_SUMS = {
    "T2": ("本年收入合计", None, "T2 每行：本年收入合计 = Σ 各收入来源"),
    "T3": ("本年支出合计", None, "T3 每行：本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助"),
    "T5": ("本年支出合计", ["基本支出", "项目支出"], "T5 每行：合计 = 基本支出 + 项目支出"),
    "T8": ("本年支出小计", ["基本支出", "项目支出"], "T8 每行：本年支出小计 = 基本支出 + 项目支出"),
    "T9": ("本年支出小计", ["基本支出", "项目支出"], "T9 每行：本年支出小计 = 基本支出 + 项目支出"),
    "B3": ("合计", None, "B3 每行：合计 = 基本 + 项目 + 经营 + 对附属单位补助 + 上缴上级 + 结转下年"),
    "B5": ("小计", ["基本支出", "项目支出"], "B5 每行：小计 = 基本支出 + 项目支出"),
    "B8": ("小计", ["基本支出", "项目支出"], "B8 每行：小计 = 基本支出 + 项目支出"),
    "B9": ("小计", ["基本支出", "项目支出"], "B9 每行：小计 = 基本支出 + 项目支出"),
    "B2": ("合计", None, "B2 每行：合计 = Σ 各收入来源"),
    "B7": ("合计", None, "B7 每行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营"),
    "B11": ("总计", ["财政拨款合计", "财政专户拨款", "其他资金"], "B11 每行：总计 = 财政拨款 + 财政专户拨款 + 其他资金"),
    "B12": ("总计", ["财政拨款合计", "财政专户拨款", "其他资金"], "B12 每行：总计 = 财政拨款 + 财政专户拨款 + 其他资金"),
    "X1": ("合计", None, "X1 每行：合计 = 缴国库 + 缴财政专户"),
}
for _tid, (_col, _parts, _doc) in _ROW_SUMS.items():
    rule(f"{_tid}.row_sum", "tables", _doc, applies=has_table(_tid))(
        lambda ctx, tid=_tid, col=_col, parts=_parts: _row_sum(ctx, f"{tid}.row_sum", tid, col, parts))

for _tid in ("B11", "B12"):
    rule(f"{_tid}.fiscal_sum", "tables", f"{_tid} 每行：财政拨款合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
         applies=has_table(_tid))(lambda ctx, tid=_tid: _row_sum(
             ctx, f"{tid}.fiscal_sum", tid, "财政拨款合计", ["一般公共预算", "政府性基金预算", "国有资本经营预算"]))


# -- code hierarchy --------------------------------------------------------------------------------
def _hierarchy(ctx, rid: str, tid: str) -> Iterable[Finding]:
    """合计 = Σ 类; 类 = Σ its 款; 款 = Σ its 项 (only where children are listed), per column."""
    t = table(ctx, tid)
    if not any(r.code for r in t.rows):
        yield unverifiable(ctx, rid, f"{tid} 科目层级", "表中没有科目编码")
        return
    yield from hierarchy_sums(ctx, rid, t, total_row(t))


for _tid in ("T2", "T3", "T5", "T8", "T9", "B2", "B3", "B5", "B6", "B8", "B9", "B10"):
    rule(f"{_tid}.hierarchy", "tables", f"{_tid} 科目层级：合计 = Σ 类，类 = Σ 款，款 = Σ 项",
         applies=lambda ctx, tid=_tid: table(ctx, tid) is not None and any(r.code for r in table(ctx, tid).rows))(lambda ctx, tid=_tid: _hierarchy(ctx, f"{tid}.hierarchy", tid))


# -- T6 基本支出明细 ----------------------------------------------------------------------------------
def _t6_side(ctx, rid: str, side: str) -> Iterable[Finding]:
    t = table(ctx, "T6")
    total = find_row(t, f"{side}合计", side)
    classes = [r for r in rows_of(t, side) if r.code and len(r.code) == 3]
    yield from sum_rows(ctx, rid, t, total, classes, f"T6 {side}合计 = Σ 经济分类类级科目")


rule("T6.personnel_total", "tables", "T6 人员经费合计 = 301 + 303", applies=has_table("T6"))(
    lambda ctx: _t6_side(ctx, "T6.personnel_total", "人员经费"))
rule("T6.public_total", "tables", "T6 公用经费合计 = 302 + 307 + 309 + 310 + 399 …", applies=has_table("T6"))(
    lambda ctx: _t6_side(ctx, "T6.public_total", "公用经费"))


@rule("T6.hierarchy", "tables", "T6 经济分类：每个类 = Σ 其款", applies=has_table("T6"))
def t6_hierarchy(ctx) -> Iterable[Finding]:
    t = table(ctx, "T6")
    for parent in [r for r in t.rows if r.code and len(r.code) == 3]:
        kids = [r for r in t.rows if r.code and len(r.code) == 5 and r.code.startswith(parent.code)]
        if kids:
            yield from sum_rows(ctx, "T6.hierarchy", t, parent, kids, f"T6 {parent.code}{parent.label} = Σ 款")


# -- 三公 (T7, B7) ----------------------------------------------------------------------------------
def _sangong(ctx, rid: str, tid: str, part: str) -> Iterable[Finding]:
    t = table(ctx, tid)
    total = find_row(t, "三公合计") if tid == "T7" else next(
        (r for r in t.rows if "三公" in squash(r.label)), None)
    car = find_row(t, "公务用车购置及运行维护费")
    if part == "total":
        items = [find_row(t, "因公出国(境)费"), car, find_row(t, "公务接待费")]
        head, what = total, f"{tid}“三公”经费合计 = 因公出国(境) + 公务用车 + 公务接待"
    else:
        items = [find_row(t, "公务用车购置费"), find_row(t, "公务用车运行维护费")]
        head, what = car, f"{tid} 公务用车购置及运行维护费 = 购置费 + 运行维护费"
    if head is None or any(i is None for i in items):
        yield unverifiable(ctx, rid, what, "未找到全部所需的三公经费行")
        return
    for v in head.values:
        yield from sum_rows(ctx, rid, t, head, [i for i in items if i is not None], f"{what}（{v.column}）", v.column)


for _tid in ("T7", "B7"):
    rule(f"{_tid}.total", "tables", f"{_tid}“三公”经费合计 = 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费",
         applies=has_table(_tid))(lambda ctx, tid=_tid: _sangong(ctx, f"{tid}.total", tid, "total"))
    rule(f"{_tid}.vehicle", "tables", f"{_tid} 公务用车购置及运行维护费 = 购置费 + 运行维护费",
         applies=has_table(_tid))(lambda ctx, tid=_tid: _sangong(ctx, f"{tid}.vehicle", tid, "vehicle"))


# -- unit subtotals of the 预算 基本/项目 tables (B11, B12) -------------------------------------------
def _unit_rows(ctx, rid: str, tid: str) -> Iterable[Finding]:
    """Each 单位 subtotal row = Σ the rows listed under it; 合计 = Σ 单位 rows."""
    from ..lexicon import row_is
    t = table(ctx, tid)
    total = total_row(t)
    units = [r for r in t.rows if row_is(r.label, "单位") and r is not total]
    if not units:
        yield unverifiable(ctx, rid, f"{tid} 单位小计", "未识别出单位小计行")
        return
    yield from sum_rows(ctx, rid, t, total, units, f"{tid} 合计 = Σ 各单位", units[0].values[0].column)
    for k, u in enumerate(units):
        end = units[k + 1].index if k + 1 < len(units) else len(t.rows)
        kids = [r for r in t.rows if u.index < r.index < end]
        yield from sum_rows(ctx, rid, t, u, kids, f"{tid}「{u.label}」小计 = Σ 所列项目", u.values[0].column)


for _tid in ("B11", "B12"):
    rule(f"{_tid}.units", "tables", f"{_tid} 单位小计 = Σ 所列明细；合计 = Σ 单位小计", applies=has_table(_tid))(
        lambda ctx, tid=_tid: _unit_rows(ctx, f"{tid}.units", tid))


# -- fund usage (P3) -------------------------------------------------------------------------------
@rule("P3.total", "tables", "P3 资金使用情况表：合计 = Σ 各项金额；占比合计 = 100%", applies=has_table("P3"))
def p3_total(ctx) -> Iterable[Finding]:
    for t in [x for x in ctx.tables if x.id == "P3"]:
        total = total_row(t)
        items = [r for r in t.rows if r is not total]
        for col in t.columns:
            yield from sum_rows(ctx, "P3.total", t, total, items, f"{t.key}（{col}）合计", col)


del _tid
del by_code
