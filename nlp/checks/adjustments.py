"""A project's budget adjustment against its stated reasons, and its 年初预算 restated.

Project reports read "年初预算安排 108.51 万元。年中预算追加了 190.7049 万元…。预算调整原因如下：
1.受财力约束年初预算只能安排 108.51 万元。…追加支付部分验收款 60.71 万元。2.…需支付主项目合同第二笔
款项 126.595 万元和监理合同第一笔款项 3.395 万元。" Two checks follow:

- ``narrative.adjustment_reasons``: the payments the reasons list (clauses that pay, add or cut:
  支付/款项/追加/调增/调减/用于) add up to at most the adjustment; equal when they account for all of
  it (60.71 + 126.595 + 3.395 = 190.70). Caps and the initial budget (额度/限制/年初/只能安排) are
  not parts. A shortfall is a partial explanation (``consistent``), an excess is ``inconsistent``.
- ``narrative.restated_budget``: a 年初预算 restated in a bare clause of the next sentences
  ("2019年初预算安排为 329.45 万元", "受财力约束年初预算只能安排 108.51 万元") equals the one stated
  just before. A clause naming anything else ("二是…经费，年初预算 …") is another project's budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt_iv, is_money, money_verdict, stated, sum_wan, text_between, wan
from .context import heading_between, sentences

_ADJUST = regex.compile(r"(?:年中|年度中)?(?:预算)?(?:追加|调增|调减|追减)(?:了)?(?:预算|资金)?$")
_MARKER = regex.compile(r"(?:预算)?调整(?:的)?原因(?:如下|是|为|主要是)?\s*[:：]?")
_PART = regex.compile(r"支付|款项|追加|调增|调减|用于|采购|购置")
_NOT_PART = regex.compile(r"额度|限制|年初|只能安排|合计|共计|总预算|调整后")
_TOL = Decimal("0.011")


@rule("narrative.adjustment_reasons", scope="narrative",
      doc="预算调整原因所列各笔款项之和不超过（全部列明时等于）调整额")
def check_adjustment_reasons(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        for ch in sent.claims:
            if ch.kind != "change" or not is_money(ch) or not _ADJUST.search(clause_before(text, ch.start)):
                continue
            line_end = text.find("\n", ch.end)
            line_end = len(text) if line_end < 0 else line_end
            m = _MARKER.search(text, ch.end, line_end)
            if m is None:
                continue
            parts = [c for c in ctx.claims if getattr(c, "start", None) is not None and m.end() <= c.start < line_end
                     and is_money(c) and c.kind == "amount" and _PART.search(clause_before(text, c.start, 120))
                     and not _NOT_PART.search(clause_before(text, c.start, 120))]
            if not parts:
                continue
            total = sum_wan(parts)
            change = wan(ch)
            slack = _TOL * len(parts)
            listing = "、".join(stated(p) for p in parts)
            if total.lo > change.hi + slack:
                v, how = "inconsistent", f"合计 {fmt_iv(total, 4)} 万元，超过调整额"
            elif total.hi + slack >= change.lo:
                v, how = "consistent", f"合计 {fmt_iv(total, 4)} 万元，与调整额相符"
            else:
                v, how = "consistent", f"合计 {fmt_iv(total, 4)} 万元，不超过调整额（部分说明）"
            yield finding(ctx, "narrative.adjustment_reasons", parts[0], v,
                          f"预算调整 {stated(ch)}（第 {ch.line} 行）；调整原因所列 {listing} {how}。",
                          expected=f"≤{stated(ch)}", severity="medium" if v == "inconsistent" else None,
                          claims=[ch, *parts])


_INITIAL = regex.compile(r"年初(?:总)?预算(?:数|额)?(?:只能|仅)?(?:安排)?(?:为|是)?$")
_BARE = regex.compile(r"^(?:\d+[.、．])?(?:受财力约束|本项目|该项目|项目)?(?:\d{4}年度?|\d{4}(?=年初))?年初(?:总)?预算(?:数|额)?"
                      r"(?:只能|仅)?(?:安排)?(?:为|是)?$")
_REASONS_LEAD = regex.compile(r"^[^，,。；;]*原因(?:如下)?[:：]")
_NEW_ITEM = regex.compile(r"(?m)[一二三四五六七八九十]是|[(（]\s*[类款项]\s*[)）]|^\s*(?:\d+[、.．]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）])")
_BACK = 2  # sentences


@rule("narrative.restated_budget", scope="narrative",
      doc="项目年初预算在随后句中复述时金额一致")
def check_restated_budget(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    sents = sentences(ctx)
    for i, sent in enumerate(sents):
        for c in sent.claims:
            if c.kind != "amount" or not is_money(c) or not _BARE.search(clause_before(text, c.start)):
                continue
            lead = _REASONS_LEAD.sub("", text_between(text, sent.start, c.start))
            if not _BARE.search(lead):
                continue  # the clause follows another subject in its sentence ("B经费，年初预算 …")
            earlier = [p for s in sents[max(0, i - _BACK):i + 1] for p in s.claims
                       if p.start < c.start and p.kind == "amount" and is_money(p)
                       and _INITIAL.search(clause_before(text, p.start))]
            if not earlier:
                continue
            first = earlier[-1]
            if heading_between(ctx, first.start, c.start) or _NEW_ITEM.search(text[first.end:c.start]):
                continue  # a list of items, each with its own 年初预算 (财政局 PDF: 1、…(项)…年初预算为 …)
            v = money_verdict(c, wan(first))
            yield finding(ctx, "narrative.restated_budget", c, v,
                          f"年初预算先写 {stated(first)}（第 {first.line} 行），复述为 {stated(c)}（第 {c.line} 行）。",
                          expected=stated(first), severity="medium" if v == "inconsistent" else None,
                          claims=[first, c])
