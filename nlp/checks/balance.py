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

from ..interval import compare, decimals_of
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt, is_money, stated, wan
from .context import sentences

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
