"""The side of 100% a completion rate falls on, against the reason given for the difference.

"行政运行（项）支出 12.24 万元，完成年初预算的 121.28%。预决算产生差异的主要原因是…年中统一调增预算"
cannot be recomputed when no 年初预算 is stated (the 决算 tables carry none), but its explanation
fixes its side: a budget raised in the year (调增, 追加, 年初没预算) means more than 100%; spending
held back (未支付, 没发放, 结余, 调减) means less; "预决算没有差异" means exactly 100%. Only rates
of the 年初预算 with an explanation on the same line are judged, and an explanation that points
both ways (or neither) says nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, stated
from .context import narrative_claims

HUNDRED = Decimal(100)
_UP = regex.compile(r"调增|追加|年初(?:没|未)(?:有)?(?:预算|安排)|(?<!未|没)新增|(?<!未|没)增加|超支")
_DOWN = regex.compile(r"未(?:能)?(?:如期)?(?:支付|发放|实施|执行|完成)|没(?:有)?(?:发放|支付|实施)|结余|节约|调减|"
                      r"压减|减少|延期|推迟|取消|暂缓")
_NONE = regex.compile(r"(?:预决算|预算与决算)?(?:没有|无)差异|预决算一致")
_EXPLAIN = regex.compile(r"差异|原因")


@rule("narrative.completion_direction", scope="narrative",
      doc="完成年初预算的比率在 100% 哪一侧与差异原因（调增/未支付/无差异）一致")
def check_completion_direction(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for r in narrative_claims(ctx):
        if r.kind != "completion_rate" or r.value is None:
            continue
        if "年初" not in (r.base or "") and "年初" not in clause_before(text, r.start):
            continue
        line_end = text.find("\n", r.end)
        rest = text[r.end:line_end if line_end >= 0 else len(text)][:200]
        if not _EXPLAIN.search(rest):
            continue
        up, down, none = bool(_UP.search(rest)), bool(_DOWN.search(rest)), bool(_NONE.search(rest))
        if up + down + none != 1:
            continue
        side = compare(r.value, Interval.exact(HUNDRED), slack_units=0)
        if none:
            v, want = ("consistent" if side != "inconsistent" else "inconsistent"), "等于 100%"
        elif up:
            v, want = ("consistent" if r.value > HUNDRED else "inconsistent"), "高于 100%"
        else:
            v, want = ("consistent" if r.value < HUNDRED else "inconsistent"), "低于 100%"
        reason = (_NONE if none else _UP if up else _DOWN).search(rest).group(0)
        yield finding(ctx, "narrative.completion_direction", r, v,
                      f"完成年初预算的 {stated(r)}（第 {r.line} 行）；差异原因写“{reason}”，完成率应{want}。",
                      expected=want, severity="medium" if v == "inconsistent" else None,
                      evidence={"reason_words": reason})
