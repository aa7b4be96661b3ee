"""A change in percentage points is the difference of the two rates it compares.

"民生支出占 78.42%，比上年提高 2.23 个百分点（上年民生支出占比为 76.19%）", "预算执行率 95.59%，较上年
（95.87%）下降 0.28 个百分点": when a sentence states the rate, its earlier value and the change in
个百分点, the change is the difference, and its word (提高/下降) its sign.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, fmt, fmt_iv, stated
from .context import sentences

_EARLIER = regex.compile(r"上年|去年|上一年|上年度|同期|(?:19|20)\d\d年")


@rule("narrative.point_change", scope="narrative", doc="“提高/下降 X 个百分点” = 本期比率 − 上期比率（两者均在句中写明）")
def check_point_change(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        for ch in sent.claims:
            if ch.kind != "change" or ch.unit != "个百分点" or ch.value is None or ch.direction not in ("增加", "减少"):
                continue
            pcts = [c for c in sent.claims if c.unit == "%" and c.value is not None and c is not ch]
            earlier = [c for c in pcts if _EARLIER.search(clause_before(text, c.start, 20))]
            current = [c for c in pcts if c.end <= ch.start and c not in earlier]
            if len(earlier) != 1 or not current:
                continue
            now, then = current[-1], earlier[0]
            diff = Interval.of(now.value) - Interval.of(then.value)
            signed = ch.value if ch.direction == "增加" else -ch.value
            v = compare(signed, diff)
            word = "提高" if diff.mid >= 0 else "下降"
            yield finding(ctx, "narrative.point_change", ch, v,
                          f"{stated(now)} − {stated(then)}（上期）= {fmt_iv(diff)} 个百分点，应为{word} "
                          f"{fmt(abs(diff.mid))} 个百分点，文中为{'提高' if ch.direction == '增加' else '下降'} {stated(ch)}。",
                          expected=f"{word}{fmt(abs(diff.mid))}个百分点",
                          severity="medium" if v == "inconsistent" else None, claims=[now, then])
