"""Amounts against the tables: the figure a sentence states equals the cell it restates.

The stated value is converted to the table's unit (元/万元/亿元) and compared as an interval with
the cell at the cell's precision ("13.5 万元" covers the cell 13.50). A figure written in 元 whose
number is the cell's 万元 value ("住房保障（类）81.12元" for 81.12 万元) is a wrong unit: its own
finding (``narrative.amount_unit``), not an amount mismatch.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare, decimals_of
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, clause_before, finding, fmt, stated
from .context import sentence_index, sentences, statement_of
from .link import link


_BUDGET_ROLES = ("budget", "initial", "adjusted")


def _amounts(ctx: RuleContext, roles: tuple[str, ...] = ("level",)) -> list[Claim]:
    """The money figures the statements give in ``roles``: levels (restated cells) by default;
    budgets (年初预算为 X, 调整后预算 X) are no restated cells, but their unit is checked against the
    sentence's other amounts as a level's is."""
    out = []
    for sent in sentences(ctx):
        for st in sent.statements:
            if st.level is not None and st.role in roles and st.level.unit in MONEY_FACTOR:
                if not out or out[-1] is not st.level:
                    out.append(st.level)
    return out


def _asides_in_own_table(ctx: RuleContext, cells) -> list[Claim]:
    """Money figures that are no statement's level (a use: "主要用于小学教育 2,418.75 万元") but name a row
    of the passage's own table: they restate it all the same."""
    from .link import link_own_table

    if not any((c.table or "").startswith("U") for c in cells):
        return []
    return [c for sent in sentences(ctx) for c in sent.asides
            if c.unit in MONEY_FACTOR and c.value is not None and link_own_table(c, cells) is not None]


_OPENS_LIST = regex.compile(r"\s*(?:其中|包括|分别为|分别是)")


def _wan_peers(ctx: RuleContext, c: Claim) -> list[Claim]:
    """The other 万元 amounts of the sentence holding ``c``, and of the sentence before when this one
    opens with its list ("收入合计 153.47 万元，…。其中：财政拨款收入 153.47 元，占 100%")."""
    sents = sentences(ctx)
    i = sentence_index(ctx, c.start)
    if i is None:
        return []
    scope = sents[i - 1:i + 1] if i and _OPENS_LIST.match(ctx.doc.text, sents[i].start) else [sents[i]]
    return [o for t in scope for o in t.claims if o is not c and o.unit == "万元" and o.value is not None]


def _of_their_order(c: Claim, peers: list[Claim]) -> bool:
    """A 元 figure within a factor of ten of one of its 万元 peers reads as 万元 (81.12元 beside 80.5万元)."""
    return any(p.value / 10 <= c.value <= p.value * 10 for p in peers)


def _share_of(ctx: RuleContext, c: Claim) -> Claim | None:
    """The share its statement gives a money figure ("0.18 元，占 0.30%"), if any."""
    st = statement_of(ctx, c)
    return st.shares[0] if st is not None and st.shares else None


def _share_reads_as_wan(ctx: RuleContext, c: Claim) -> Claim | None:
    """A 元 figure whose stated share fits it only read in 万元: an amount stated before, as the
    denominator (not another part: one with a share of its own), gives the share within a tenth when
    the figure is 万元, and one ten-thousandth of it as written ("公务接待费 0.18 元，占 0.30%" after "支出决算为 57.53 万元"). The denominator, or None."""
    from .shares import _amounts_before

    sh = _share_of(ctx, c)
    if sh is None or not sh.value or not c.value:
        return None
    for d in _amounts_before(ctx, sh.start):
        if d is c or d.value is None or not d.value or d.unit not in MONEY_FACTOR or _share_of(ctx, d):
            continue  # another part of the breakdown (it has its own share) is no denominator
        as_wan = c.value / (d.value * MONEY_FACTOR[d.unit] / MONEY_FACTOR["万元"]) * 100
        if abs(as_wan - sh.value) <= sh.value / 10:
            return d
    return None


def _wan_finding(ctx: RuleContext, c: Claim, peers: list[Claim]) -> Finding:
    return finding(ctx, "narrative.amount_unit", c, "inconsistent",
                   f"{c.subject or ''}写作 {stated(c)}（第 {c.line} 行），同句其他金额均以“万元”计且数量级相同：单位疑为“万元”。",
                   expected=f"{c.value}万元", severity="medium", claims=peers)


def _in_table_unit(c: Claim, unit: str | None):
    factor = MONEY_FACTOR[c.unit] / MONEY_FACTOR.get(unit or "万元", MONEY_FACTOR["万元"])
    return c.value * factor


@rule("narrative.amount_cell", scope="narrative", doc="文中金额与其所复述的表格单元格相等（单位换算后，按显示位数）")
def check_amount_cell(ctx: RuleContext) -> Iterable[Finding]:
    cells = ctx.cells or []
    if not cells:
        return
    seen: set[int] = set()
    for c in _amounts(ctx) + _asides_in_own_table(ctx, cells):
        if id(c) in seen:
            continue
        seen.add(id(c))
        lk = link(ctx.doc, c, cells, ctx.sections)
        if lk is None:
            yield finding(ctx, "narrative.amount_cell", c, "unverifiable",
                          f"{c.subject or ''}{stated(c)}：未找到对应的表格单元格。",
                          evidence={"reason": "no matching table cell"})
            continue
        cell = lk.cell
        if c.unit == "元" and (cell.unit or "万元") == "万元" and compare(c.value, Interval.of(cell.value)) != "inconsistent":
            continue  # narrative.amount_unit reports it
        # a restatement: the displayed figures may differ by one unit of rounding, not more
        mine = _in_table_unit(c, cell.unit)
        v = compare(mine, Interval.of(cell.value), slack_units=0)
        if v == "inconsistent" and mine != c.value and Interval.of(c.value).overlaps(Interval.of(cell.value) * (
                MONEY_FACTOR.get(cell.unit or "万元", Decimal(1)) / MONEY_FACTOR[c.unit])):
            v = "consistent"  # "0.72 万元" for a 元 cell of 7,150.00: 0.715 万元 shown to two decimals
        if v == "consistent" and decimals_of(mine) == decimals_of(cell.value) and mine != cell.value:
            # the cell restated at its own precision with other digits (12.24 for 12.25): intervals that only
            # touch — a rounding-mode residue at best (truncated by hand), shown amber, never an error
            v = "rounding"
        yield finding(ctx, "narrative.amount_cell", c, v,
                      f"{c.subject or ''}{stated(c)}（第 {c.line} 行）；{cell.table}“{cell.row_label}”{cell.column} "
                      f"为 {fmt(cell.value)} {cell.unit or '万元'}（第 {cell.line} 行）。",
                      expected=f"{fmt(cell.value)}{cell.unit or '万元'}", evidence=lk.evidence(),
                      severity="high" if v == "inconsistent" else None)


_PER_UNIT_BEFORE = regex.compile(r"每|人均|户均|车均|村均|平均|单价|均价|标准")
_PER_UNIT_AFTER = regex.compile(r"\s*(?:/|／|每)|\s*的?[^,，;；。]{0,6}标准")


def _per_unit(text: str, c: Claim) -> bool:
    """A rate per person, household, village … ("每村每年补助4400元", "按照每人每年600元的扶持标准"):
    such figures are written in 元 beside 万元 totals."""
    return bool(_PER_UNIT_BEFORE.search(clause_before(text, c.start))
                or _PER_UNIT_AFTER.match(text, c.end))


@rule("narrative.amount_unit", scope="narrative", doc="金额单位正确：写“元”而数值等于表中“万元”数即单位错误")
def check_amount_unit(ctx: RuleContext) -> Iterable[Finding]:
    cells = ctx.cells or []
    budget_figures = _amounts(ctx, _BUDGET_ROLES)
    budgets = {id(c) for c in budget_figures}
    for c in _amounts(ctx) + budget_figures:
        if c.unit != "元" or c.value is None:
            continue
        peers = _wan_peers(ctx, c)
        if id(c) in budgets:  # a budget is no restated cell: only its sentence's 万元 peers judge it
            if not _per_unit(ctx.doc.text, c) and _of_their_order(c, peers):
                yield _wan_finding(ctx, c, peers)
            continue
        lk = link(ctx.doc, c, cells, ctx.sections) if cells else None
        if lk is not None and (lk.cell.unit or "万元") == "万元":
            same = compare(c.value, Interval.of(lk.cell.value)) != "inconsistent"
            if same:
                yield finding(ctx, "narrative.amount_unit", c, "inconsistent",
                              f"{c.subject or ''}写作 {stated(c)}（第 {c.line} 行），而 {lk.cell.table}“{lk.cell.row_label}”"
                              f"为 {fmt(lk.cell.value)} 万元（第 {lk.cell.line} 行）：单位应为“万元”。",
                              expected=f"{fmt(lk.cell.value)}万元", evidence=lk.evidence(), severity="medium")
                continue
        # no table: a 元 figure among 万元 figures of the same sentence, of their order of magnitude
        if peers and _per_unit(ctx.doc.text, c):
            yield finding(ctx, "narrative.amount_unit", c, "unverifiable",
                          f"{stated(c)}：按人/户/村等计的标准，以“元”为单位是常例，未对照表格单元格。",
                          evidence={"reason": "per-unit figure"})
            continue
        if _of_their_order(c, peers):
            yield _wan_finding(ctx, c, peers)
        elif (d := _share_reads_as_wan(ctx, c)) is not None:
            yield finding(ctx, "narrative.amount_unit", c, "inconsistent",
                          f"{c.subject or ''}写作 {stated(c)}（第 {c.line} 行），占 {stated(_share_of(ctx, c))}：按“万元”计算，"
                          f"占 {d.subject or ''}{stated(d)}（第 {d.line} 行）的比例与之相符，按“元”则不足其万分之一：单位疑为“万元”。",
                          expected=f"{c.value}万元", severity="medium", claims=[_share_of(ctx, c), d],
                          evidence={"reason": "占比按万元相符"})
        else:
            yield finding(ctx, "narrative.amount_unit", c, "unverifiable",
                          f"{stated(c)}：以“元”为单位，未找到可对照的表格单元格。",
                          evidence={"reason": "no matching table cell"})
