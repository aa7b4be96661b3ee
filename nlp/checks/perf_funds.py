"""Money a performance evaluation covers, against the fund's spending in the tables.

"组织对 0 个政府性基金预算项目开展绩效自评，共涉及资金 0 万元" and "重点绩效评价…涉及一般公共预算支出
13,841.87 万元，政府性基金预算支出 0 万元，国有资本经营预算支出 0 万元" name a subset of one fund's
spending of the year: it cannot exceed that fund's total in the tables — 一般公共预算 → T5 合计
(its 项目支出 column when the words say 项目), 政府性基金 → T8 合计, 国有资本经营 → T9 合计. The fund is
the last one named in the clause run before the figure (back to a ；or 。). A figure above the
bound is ``inconsistent``; when it equals the sum of two funds' totals the message says so (004:
6467.51 = T5 + T8 项目支出, written as 一般公共预算).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt, is_money, stated, wan
from .context import narrative_claims
from .link import _headings

_FUND = regex.compile(r"(一般公共预算|政府性基金|国有资本经营)(?:预算)?(?:财政拨款)?(?:支出)?(项目)?")
_TABLE = {"一般公共预算": "T5", "政府性基金": "T8", "国有资本经营": "T9"}
_TOTAL_COL = regex.compile(r"^(?:本年支出)?(?:合计|小计)$|^本年支出小计$")
_SEGMENT_END = regex.compile(r"[;；。]")
_PERF = regex.compile(r"绩效")
_MULTI_YEAR = regex.compile(r"总投资|概算|累计|总额度|合同(?:总)?金额|以来|至\s*\d{4}\s*年|\d{4}\s*[-—~至]\s*\d{4}")
_NOT_SPENT = regex.compile(r"收入|结转|结余|预算数|预算安排|年初|调整|结算")


def _fund(text: str, start: int) -> tuple[str, bool] | None:
    """The fund named last in the clause run before ``start`` and whether it is about projects."""
    lo = max(0, start - 160)
    seg = text[lo:start]
    ends = list(_SEGMENT_END.finditer(seg))
    if ends:
        seg = seg[ends[-1].end():]
    found = list(_FUND.finditer(regex.sub(r"\s+", "", seg)))
    if not found:
        return None
    m = found[-1]
    if _MULTI_YEAR.search(seg):
        return None  # a project's total over several years is not this year's spending
    if _NOT_SPENT.search(regex.sub(r"\s+", "", seg)[m.start():]):
        return None  # income, balances or budgets of the fund are not bounded by its spending
    return m.group(1), bool(m.group(2))


def _total(ctx: RuleContext, table: str, project: bool):
    rows = [c for c in ctx.cells or [] if c.table == table and (c.row_label or "").strip() in ("合计", "总计")
            and c.value is not None]
    want = (lambda col: col == "项目支出") if project else (lambda col: bool(_TOTAL_COL.search(col)))
    return next((c for c in rows if want((c.column or "").replace(" ", ""))), None)


@rule("perf.fund_amount", scope="narrative",
      doc="绩效评价所涉某类资金金额不超过该资金在表中的支出合计（一般公共预算→T5，政府性基金→T8，国有资本经营→T9）")
def check_fund_amount(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for c in narrative_claims(ctx):
        if c.kind != "amount" or not is_money(c):
            continue
        heads = _headings(ctx.sections, c.line)
        if not any(_PERF.search(h or "") for h in heads):
            continue
        got = _fund(text, c.start)
        if got is None:
            continue
        fund, project = got
        cell = _total(ctx, _TABLE[fund], project)
        if cell is None:
            continue  # the fund's table is not in the document: nothing to bound it by
        bound = Interval.of(cell.value) * MONEY_FACTOR.get(cell.unit or "万元", Decimal(1))
        what = f"{_TABLE[fund]}“合计”{'项目支出' if project else '支出'} {fmt(cell.value)} 万元（第 {cell.line} 行）"
        amount = wan(c)
        unit = Decimal(1).scaleb(-max(2, -cell.value.as_tuple().exponent))
        if amount.lo > bound.hi + unit:
            other = [x for f2, t in _TABLE.items() if f2 != fund for x in [_total(ctx, t, project)] if x is not None]
            both = next((x for x in other if abs(_wan(cell) + _wan(x) - amount.mid) <= unit * 2), None)
            hint = (f"；与 {_TABLE[fund]} 和 {both.table} 两类资金合计 {fmt(_wan(cell) + _wan(both))} 万元相符，资金类别写错"
                    if both is not None else "")
            yield finding(ctx, "perf.fund_amount", c, "inconsistent",
                          f"绩效评价涉及{fund}{'项目' if project else ''}资金 {stated(c)}（第 {c.line} 行），超过{what}{hint}。",
                          expected=f"≤{fmt(cell.value)}万元", severity="medium",
                          evidence=_evidence(cell))
        else:
            yield finding(ctx, "perf.fund_amount", c, "consistent",
                          f"绩效评价涉及{fund}{'项目' if project else ''}资金 {stated(c)}，不超过{what}。",
                          evidence=_evidence(cell))


def _wan(cell) -> Decimal:
    return cell.value * MONEY_FACTOR.get(cell.unit or "万元", Decimal(1))


def _evidence(cell) -> dict:
    return {"table": cell.table, "row_label": cell.row_label, "column": cell.column, "cell_line": cell.line,
            "cell_value": str(cell.value), "unit": cell.unit}
