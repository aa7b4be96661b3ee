"""收入总计 = 支出总计: the two grand totals a narrative restates side by side are one figure.

The 收入支出决算总表 balances by construction (收入总计 counts the balances brought forward,
支出总计 those carried over), and a budget's 收入总预算 equals its 支出总预算. Narratives restate
the pair in one breath ("2020 年度收入总计 3044.66 万元，支出总计 3044.66 万元"), so a difference
between them is a typing slip whatever the tables say. Only the pair stated back to back is
read: "收入总计 451227 万元，减支出总计 425533 万元，财政滚存结余 25694 万元" (a government fund's
balance) is another sentence shape, and 收入合计/支出合计 need not be equal.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..interval import Interval, compare, decimals_of, shown_equal
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt, is_money, stated, wan
from .context import heading_between, sentence_of, sentences
from .list_slips import digit_slip

_INCOME = regex.compile(r"收入总(?:计|预算)$")
_SPENDING = regex.compile(r"^支出总(?:计|预算)$")
_BETWEEN = regex.compile(r"[\s,，、;；]*")


@rule("narrative.totals_balance", scope="narrative", doc="并列写出的收入总计与支出总计（收入总预算与支出总预算）相等")
def check_totals_balance(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        money = [c for c in sent.claims if c.kind == "amount" and is_money(c) and c.value is not None]
        for a, b in zip(money, money[1:]):
            if not _INCOME.search(a.subject or ""):
                continue
            words = (b.subject or "").strip()
            gap = text[a.end:b.start]
            if not _SPENDING.match(words) or not _BETWEEN.fullmatch(gap.replace(words, "", 1)):
                continue
            if a.unit == b.unit and decimals_of(a.value) == decimals_of(b.value):
                v = "consistent" if a.value == b.value else "inconsistent"  # one figure printed twice
            else:
                v = compare(b.value, wan(a) * (1 / MONEY_FACTOR[b.unit]), slack_units=0)
            if v == "consistent":
                msg = f"{a.subject}{stated(a)}与{words}{stated(b)}相等（收支平衡）。"
            else:
                v = "inconsistent"
                msg = (f"{a.subject}{stated(a)}，{words}{stated(b)}：两者应相等（收支总表收入总计 = 支出总计），"
                       f"相差 {fmt(abs(a.value * MONEY_FACTOR[a.unit] - b.value * MONEY_FACTOR[b.unit]))} 万元。")
            yield finding(ctx, "narrative.totals_balance", b, v, msg, expected=f"{a.value}{a.unit}",
                          severity="high" if v == "inconsistent" else None, claims=[a])


# (grand total, the year's own total, its name under a 财政拨款 grand total, balances that may be added;
# the first balance is always stated)
# "收、支总计均为 9,857.83 万元" / "财政拨款收支总计各为…": one figure that is both grand totals
_JOINED = r"|收\s*[、和与及]?\s*支总计(?:均|各|都)?(?:为|是)?"
_COMPOSITION = (
    (regex.compile(r"(?:收入总计" + _JOINED + ")$"), regex.compile(r"本年(?:财政拨款)?收入(?:合计)?$"), "财政拨款收入",
     (regex.compile(r"年初(?:财政拨款)?结转和?结余$"), regex.compile(r"使用非财政拨款结余$"))),
    (regex.compile(r"(?:支出总计" + _JOINED + ")$"), regex.compile(r"本年(?:财政拨款)?支出(?:合计)?$"), "财政拨款支出",
     (regex.compile(r"年末(?:财政拨款)?结转和?结余$"), regex.compile(r"结余分配$"))),
)
_FUND = regex.compile(r"一般公共预算|政府性基金|国有资本经营")
WINDOW = 600  # characters after the grand total where its parts are looked for


@rule("narrative.totals_composition", scope="narrative",
      doc="收入总计 = 本年收入合计 + 年初结转和结余（+ 使用非财政拨款结余）；支出总计 = 本年支出合计 + 年末结转和结余（+ 结余分配）")
def check_totals_composition(ctx: RuleContext) -> Iterable[Finding]:
    """The 收入支出决算总表's own identities, when the narrative restates a grand total and its parts
    (the template's "收入总计 X 万元，…其中：本年收入合计 Y 万元，…年初结转和结余 Z 万元"). The parts are the
    first levels after the grand total, within a few lines, with those subjects. A balance that may be
    added (使用非财政拨款结余, 结余分配) and is not stated can hide in a shortfall: then only an excess is
    an error, a shortfall is unverifiable."""
    levels = list({id(st.level): st.level for s in sentences(ctx) for st in s.statements  # a level carried on
                   if st.level is not None and st.role == "level" and is_money(st.level)  # to a later sentence
                   and st.level.value is not None}.values())                              # is one figure
    for grand_pat, own_pat, fiscal, (bal_pat, extra_pat) in _COMPOSITION:
        for g in (c for c in levels if grand_pat.search(_subject(c))):
            near = [c for c in levels if g.start < c.start <= g.start + WINDOW
                    and not heading_between(ctx, g.start, c.start, max_level=1)]  # not a later part's restatement
            nxt = next((c for c in near if grand_pat.search(_subject(c))), None)
            if nxt is not None:
                near = [c for c in near if c.start < nxt.start]
            own = [c for c in near if own_pat.search(_subject(c))][:1]
            if not own and "财政拨款" in _before_in_sentence(ctx, g):
                # 财政拨款收入总计: the year's 财政拨款收入 of every fund (一般公共预算, 政府性基金, 国有资本经营)
                named = [c for c in near if _subject(c).endswith(fiscal)]
                funds = list({_FUND.search(_subject(c)).group(): c for c in reversed(named)
                              if _FUND.search(_subject(c))}.values())[::-1]  # each fund once, its first mention
                own = [c for c in named if c not in funds][:1] or funds
            bal = next((c for c in near if bal_pat.search(_subject(c))), None)
            if not own or bal is None:
                continue
            extra = next((c for c in near if extra_pat.search(_subject(c))), None)
            parts = [*own, bal] + ([extra] if extra is not None else [])
            total = sum((wan(c) for c in parts[1:]), wan(parts[0]))
            shown = total * (1 / MONEY_FACTOR[g.unit])
            v = compare(g.value, shown, slack_units=0)
            if v == "consistent" and not shown_equal(g.value, shown.mid):
                v = "rounding"  # the parts as printed add up to another figure: a residue
            listing = " + ".join(f"{_subject(c)} {stated(c)}" for c in parts)
            slip = digit_slip(g, parts) if v == "inconsistent" and shown.hi < Interval.of(g.value).lo else None
            if slip is not None:  # a shortfall that one mistyped or two swapped digits explain: no hidden balance
                yield finding(ctx, "narrative.totals_composition", _slipped(slip, g, parts), v,
                              f"{_subject(g)} {stated(g)}应等于 {listing} = {fmt(shown.mid)}{g.unit}：{slip}。",
                              expected=f"{fmt(shown.mid)}{g.unit}", severity="high", claims=[g, *parts],
                              evidence={"slip": slip})
                continue
            if v == "inconsistent" and shown.hi < Interval.of(g.value).lo and extra is None:
                yield finding(ctx, "narrative.totals_composition", g, "unverifiable",
                              f"{_subject(g)} {stated(g)}：{listing} = {fmt(shown.mid)}{g.unit}，少于总计；"
                              f"未写明的{extra_pat.pattern.rstrip('$')}可能补足差额。",
                              evidence={"reason": "可能有未列示的项"}, claims=parts)
                continue
            yield finding(ctx, "narrative.totals_composition", g, v,
                          f"{_subject(g)} {stated(g)}" + ("应等于" if v == "inconsistent" else "等于")
                          + f" {listing} = {fmt(shown.mid)}{g.unit}" + ("，差额属四舍五入尾差。" if v == "rounding" else "。"), expected=f"{fmt(shown.mid)}{g.unit}",
                          severity="high" if v == "inconsistent" else None, claims=parts)


def _slipped(slip: str, g, parts):
    """The figure a :func:`digit_slip` repair names (the grand total when it names several)."""
    named = [c for c in parts if slip.startswith(f"{c.subject or ''}{c.value}")]
    return named[0] if len(named) == 1 and "，或" not in slip else g


def _subject(c) -> str:
    return regex.sub(r"\s+", "", c.subject or "")


def _before_in_sentence(ctx: RuleContext, c) -> str:
    """The sentence's text up to a figure ("财政拨款收入总计 X 万元，支出总计" for the second total)."""
    sent = sentence_of(ctx, c)
    return ctx.doc.text[sent.start:c.start] if sent is not None else (c.subject or "")
