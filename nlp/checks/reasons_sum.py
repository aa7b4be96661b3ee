"""Amounts named in the reasons for a change, against the change they explain.

"比上年决算数增加 1332.69 万元 … 主要变动情况：一是…涉及年度预算 272.42 万元；二是…涉及年度预算
1060.27 万元" splits the change into parts: each part is at most the change, and the parts add up
to at most the change (equal when the reasons account for all of it; a shortfall is a partial
explanation, not an error). Parts are the money figures of the reason clauses (after 主要变动情况 /
主要原因 / 主要是, in the same sentence or in the next one when it only gives reasons) whose
clause says they move the total (涉及, 增加, 新增, 减少, 追加 …). Only "涉及 X 万元" shares split
the change and are judged; a component's own change ("项目支出增加 1133.95 万元" for a net total
change of 1062.85) may exceed the total when other components move back, so it is
``unverifiable`` — unless the total had no prior (基数为 0, 不可比): then every component started
from 0 and none can exceed the change ("其他收入 20 万元，增加 20 万元…新增非同级财政拨款 20 万元"). Reasons that move both ways (增加 … 减少 …) say nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..records import Claim, Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt_iv, is_money, stated, sum_wan, wan
from .context import sentences

_MARKER = regex.compile(r"主要(?:增减)?(?:变动|变化)?(?:情况|原因)(?:是|为)?\s*[:：]?|主要是|原因(?:是|为|如下)\s*[:：]?")
_PART_WORDS = regex.compile(r"涉及|增加|新增|增长|追加|调增|减少|下降|调减|压减|减支")
_UP = regex.compile(r"增加|新增|增长|追加|调增|提高")
_DOWN = regex.compile(r"减少|下降|调减|压减|降低|减支|取消")
_TOL = Decimal("0.011")  # one unit of the last displayed place per part (万元 to 2 places)


def _parts(ctx: RuleContext, sent, after: int) -> tuple[list[Claim], str]:
    """Money figures of the reason text of ``sent`` after offset ``after``, and that text."""
    text = ctx.doc.text
    levels = {id(st.level) for st in sent.statements if st.level is not None}
    nxt = min((st.level.start for st in sent.statements if st.level is not None and st.level.start > after
               and st.level.kind == "amount"), default=sent.end)
    m = _MARKER.search(text, after, nxt)  # the reasons of this statement, before the next one
    if m is None:
        return [], ""
    out = []
    end = sent.end
    for c in sent.claims:
        if c.start < m.end():
            continue
        if id(c) in levels and c.kind == "amount":
            end = c.start  # a new statement: the reasons end here
            break
        if not is_money(c) or c.kind not in ("amount", "change"):
            continue
        if _PART_WORDS.search(clause_before(text, c.start)):
            out.append(c)
    return out, text[m.end():end]


def _next_reason_sentence(ctx: RuleContext, idx: int):
    """The sentence after ``idx`` when it opens with a reason marker ("主要原因：一是…")."""
    sents = sentences(ctx)
    if idx + 1 >= len(sents):
        return None
    nxt = sents[idx + 1]
    head = regex.sub(r"\s+", "", ctx.doc.text[nxt.start:nxt.start + 12])
    if not regex.match(r"(?:主要(?:增减)?(?:变动|变化)?(?:情况|原因)|原因)", head):
        return None
    return nxt


def _zero_base(st, ch: Claim) -> bool:
    """The total had nothing the year before (不可比, or the change equals the amount): every
    component started from 0 too, so none can have grown by more than the total."""
    if any(c.placeholder is not None and c.change is ch for c in st.changes):
        return True
    return st.level is not None and ch.direction == "增加" and ch.value == st.level.value and ch.unit == st.level.unit


@rule("narrative.reason_amounts", scope="narrative",
      doc="变动原因中所列金额不超过所解释的增减额，各项之和不超过增减额")
def check_reason_amounts(ctx: RuleContext) -> Iterable[Finding]:
    sents = sentences(ctx)
    for idx, sent in enumerate(sents):
        for st in sent.statements:
            ch = next((c.change for c in st.changes if c.change is not None and c.change.direction in ("增加", "减少")
                       and is_money(c.change)), None)
            if ch is None or ch.value == 0:
                continue
            parts, reason = _parts(ctx, sent, ch.end)
            if not parts:
                nxt = _next_reason_sentence(ctx, idx)
                if nxt is not None:
                    parts, reason = _parts(ctx, nxt, nxt.start)
            parts = [p for p in parts if p is not ch]
            if not parts:
                continue
            opposite = _DOWN if ch.direction == "增加" else _UP
            if opposite.search(reason):
                continue  # net reasons (some up, some down): no bound
            if not _zero_base(st, ch) and not all(regex.search(r"涉及", clause_before(ctx.doc.text, p.start)) for p in parts):
                # "项目支出增加 1133.95 万元" explaining a net 1062.85: one component may move more
                # than the total when others move back; only 涉及 shares split the change
                yield finding(ctx, "narrative.reason_amounts", parts[0], "unverifiable",
                              f"{ch.direction} {stated(ch)}；原因所列 {'、'.join(stated(p) for p in parts)} 为构成项的"
                              "变动，其他项可反向变动，不能与增减额直接比较。",
                              evidence={"reason": "净变动的构成项"}, claims=[ch, *parts])
                continue
            change = wan(ch)
            total = sum_wan(parts)
            slack = _TOL * len(parts)
            big = [p for p in parts if wan(p).lo > change.hi + _TOL]
            over = total.lo > change.hi + slack
            listing = "、".join(stated(p) for p in parts)
            if big or over:
                what = (f"所列 {stated(big[0])} 大于" if big else f"所列 {listing} 合计 {fmt_iv(total)} 万元，超过")
                yield finding(ctx, "narrative.reason_amounts", big[0] if big else parts[0], "inconsistent",
                              f"{st.level.subject if st.level else ''}{ch.direction} {stated(ch)}（第 {ch.line} 行）；"
                              f"原因中{what}该增减额。", expected=f"≤{stated(ch)}", severity="medium",
                              claims=[ch, *parts])
                continue
            full = total.hi + slack >= change.lo
            yield finding(ctx, "narrative.reason_amounts", parts[0], "consistent",
                          f"{ch.direction} {stated(ch)}；原因所列 {listing}" +
                          ("合计与增减额相符。" if full else f"合计 {fmt_iv(total)} 万元，不超过增减额（部分说明）。"),
                          claims=[ch, *parts])
