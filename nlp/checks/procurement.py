"""The 政府采购 paragraph: a category's share awarded to 中小企业 against the stated amounts.

"政府采购货物支出 120.38 万元、工程支出 41.36 万元、服务支出 33,272.92 万元。授予中小企业合同金额
5,642.63 万元 … 货物采购授予中小企业合同金额占货物支出金额的 97.5%，…" — the category's amount
awarded to 中小企业 (share × category spending) is part of the total awarded to 中小企业, so it
cannot exceed it; a category with no spending (0.00 万元) has no share but 0 (or 不可比). The
categories need not add up to the total (contract amounts are not the year's spending: 000 and
004 both differ), so only the per-category bound is judged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt_iv, is_money, is_percent, stated, wan
from .context import heading_between, narrative_claims

_CATEGORY_AMOUNT = regex.compile(r"政府采购(货物|工程|服务)(?:类)?支出(?:金额)?(?:为)?$")
_SME_TOTAL = regex.compile(r"(?<!小微企业)授予中小企业(?:的)?合同金额(?:为|共)?$")
_CATEGORY_SHARE = regex.compile(r"(货物|工程|服务)(?:类)?采购授予中小企业(?:的)?合同金额占\1(?:类)?(?:采购)?支出(?:金额)?(?:的)?(?:比例)?(?:为)?$")
_WINDOW = 900
_HUNDRED = Decimal(100)


@rule("narrative.sme_category_share", scope="narrative",
      doc="各品目授予中小企业合同金额（占比 × 品目支出）不超过授予中小企业合同总额；品目支出为 0 时占比为 0")
def check_sme_category_share(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    claims = sorted(narrative_claims(ctx), key=lambda c: c.start)
    for i, s in enumerate(claims):
        if not is_percent(s):
            continue
        m = _CATEGORY_SHARE.search(clause_before(text, s.start, 120))
        if m is None:
            continue
        cat = m.group(1)
        before = [c for c in claims[:i] if s.start - c.start <= _WINDOW and is_money(c) and c.kind == "amount"
                  and not heading_between(ctx, c.start, s.start)]
        amount = next((c for c in reversed(before) if (k := _CATEGORY_AMOUNT.search(clause_before(text, c.start, 120)))
                       and k.group(1) == cat), None)
        total = next((c for c in reversed(before) if _SME_TOTAL.search(clause_before(text, c.start, 120))), None)
        if amount is None or total is None:
            continue
        share = Interval.of(s.value) * (Decimal(1) / _HUNDRED)
        spent, sme = wan(amount), wan(total)
        used = [amount, total]
        if spent.lo <= 0:  # no spending in the category (0.00 万元)
            v = "consistent" if s.value == 0 else "inconsistent"
            msg = f"{cat}支出为 {stated(amount)}（第 {amount.line} 行），其授予中小企业的占比应为 0 或不可比，文中为 {stated(s)}。"
        else:
            awarded = Interval(share.lo * spent.lo, share.hi * spent.hi)
            v = "inconsistent" if awarded.lo > sme.hi or s.value > _HUNDRED else "consistent"
            msg = (f"{cat}授予中小企业 {stated(s)} × {stated(amount)} ≈ {fmt_iv(awarded)} 万元，"
                   f"{'超过' if v == 'inconsistent' else '不超过'}授予中小企业合同金额 {stated(total)}（第 {total.line} 行）。")
        yield finding(ctx, "narrative.sme_category_share", s, v, msg,
                      severity="medium" if v == "inconsistent" else None, claims=used)
