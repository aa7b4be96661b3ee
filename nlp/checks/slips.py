"""Which figure is wrong: a unit or decimal-point slip in one amount of a rate's statement.

"年初预算为 171.49 元，支出决算为 170.50 万元，完成年初预算的 99.4%": the completion rate fails, and
it holds again once the budget is read in 万元; "年初预算为 450.0 万元，支出决算为 45.00 万元，完成年初
预算的 100%" holds once the budget's point moves back. The rate's own rule (:mod:`.changes`,
:mod:`.completion`) reports that the figures disagree, on the rate; this rule names the amount that
one slip explains, on that amount's line, with the figure it should read. A ratio cannot tell
which of its two figures slipped (×10 on one is ÷10 on the other), so the repair must also bring
the amount to the way the rest of the document writes money; when two repairs would do, or the
document shows no usual way, nothing is said."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterable, Iterator

from ..interval import Interval, compare, decimals_of
from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .changes import DOWN, HUNDRED, UP, base_of_change, stated_prior
from .common import finding, fmt_iv, is_money, stated, wan, zero_possible
from .completion import _BUDGET_ROLES, budget_candidates
from .context import sentences

TEN = Decimal(10)
_UNIT_SWAP = {"元": ("万元", Decimal(10000)), "万元": ("元", Decimal("0.0001"))}


def _mode(counts: Counter) -> object | None:
    """The most common key when it is common (twice at least) and ahead of the next."""
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def _norm(ctx: RuleContext, figures: list[Claim]) -> tuple[str | None, int | None]:
    """How the rest of the document writes money: its usual unit and, in it, decimals (None where
    the other figures give no clear majority)."""
    money = [c for c in ctx.claims if is_money(c) and c.value and not any(c is f for f in figures)]
    unit = _mode(Counter(c.unit for c in money))
    return unit, _mode(Counter(decimals_of(c.value) for c in money if c.unit == unit)) if unit else None


def _repairs(c: Claim, norm: tuple[str | None, int | None]) -> Iterator[tuple[Decimal, str, str]]:
    """(factor on the 万元 value, the figure as it should read, what slipped) for amount ``c``.

    A ratio cannot say which of its two figures slipped (×10 on one is ÷10 on the other), so a
    repair must also bring ``c`` to the way the document writes money (``norm``): its usual unit
    (171.49元 where the document writes 万元), or its usual decimals (450.0 where it writes 45.00)."""
    unit, want = norm
    if c.value is None or c.value == 0:
        return
    if c.unit == unit and want is not None and decimals_of(c.value) != want:
        for k, shifted in ((TEN, c.value.scaleb(1)), (Decimal("0.1"), c.value.scaleb(-1))):
            if decimals_of(shifted) == want:
                yield k, f"{shifted}{c.unit}", "小数点"
    if c.unit in _UNIT_SWAP and c.unit != unit and _UNIT_SWAP[c.unit][0] == unit and not c.approx:
        to, k = _UNIT_SWAP[c.unit]
        yield k, f"{c.text.removesuffix(c.unit).strip()}{to}", "单位"


def _holds(rate: Claim, computed: Interval | None) -> bool:
    return computed is not None and compare(rate.value, computed) == "consistent"


def _completion(a: Interval, b: Interval) -> Interval | None:
    return None if zero_possible(b) else a / b * HUNDRED


def _change_rate(level: Interval, change: Interval, direction: str) -> Interval | None:
    prior = base_of_change(level, change, direction)
    return None if zero_possible(prior) else change / prior * HUNDRED


def _single_repair(ctx: RuleContext, rate: Claim, figures: list[Claim],
                   relation) -> tuple[Claim, str, str, Interval] | None:
    """The one amount and repair that make ``relation(*values)`` agree with ``rate``, if only one does."""
    values = [wan(c) for c in figures]
    if any(v is None for v in values) or _holds(rate, relation(*values)):
        return None
    norm = _norm(ctx, figures)
    found = []
    for i, c in enumerate(figures):
        for k, should, what in _repairs(c, norm):
            vs = list(values)
            vs[i] = values[i] * k
            r = relation(*vs)
            if _holds(rate, r):
                found.append((c, should, what, r))
    return found[0] if len(found) == 1 else None


def _slip_finding(ctx: RuleContext, rate: Claim, found: tuple[Claim, str, str, Interval], figures: list[Claim],
                  name: str) -> Finding:
    c, should, what, r = found
    return finding(ctx, "narrative.figure_slip", c, "inconsistent",
                   f"{stated(c)} 疑为{what}误写：按 {should} 计，{name}为 {fmt_iv(r)}%，与文中 {stated(rate)} 相符。",
                   expected=should, severity="medium", evidence={"slip": what, "rate": stated(rate)},
                   claims=[rate, *[x for x in figures if x is not c]])


@rule("narrative.figure_slip", scope="narrative",
      doc="单位或小数点误写：改正句中某一金额的单位（元↔万元）或小数点后，完成率/增减率即相符，指明该金额")
def check_figure_slip(ctx: RuleContext) -> Iterable[Finding]:
    for sent in sentences(ctx):
        for st in sent.statements:
            if st.level is None or not is_money(st.level):
                continue
            for rate in st.completions:
                if rate.value is None or st.role in _BUDGET_ROLES:
                    continue
                cands = budget_candidates(ctx, sent, st, rate)
                if not cands or len(cands[0][2]) != 1 or not is_money(cands[0][2][0]):
                    continue
                figures = [st.level, cands[0][2][0]]
                found = _single_repair(ctx, rate, figures, _completion)
                if found:
                    yield _slip_finding(ctx, rate, found, figures, "完成率")
            for ch in st.changes:
                c, rate = ch.change, ch.rate
                if c is None or rate is None or rate.value is None or rate.unit not in ("%", "％") \
                        or c.direction not in (UP, DOWN) or not is_money(c) or stated_prior(st, ch) is not None:
                    continue
                if st.role == "initial" and "年初" in (c.base or ""):
                    continue  # an adjustment measured from the initial budget: not level ∓ change
                figures = [st.level, c]
                found = _single_repair(ctx, rate, figures,
                                       lambda lv, d, _dir=c.direction: _change_rate(lv, d, _dir))
                if found:
                    yield _slip_finding(ctx, rate, found, figures, "增减率")
