"""A rate restated with the same words and figure before it is the same rate.

Reports repeat sentences: "2022 年来电总量 114.86 万通，同比增长 51.07%" in the indicator list and
again in the reasons further on. When the clause before a rate holds the same subject and figure
and the rate's own words are the same, the two rates state one quantity and must agree. The clause
before must name its subject with a figure (at least four characters), so a bare "增长 X%" after
"比上年增加 6.04 万元", which different subjects share, is never compared.
"""

from __future__ import annotations

from typing import Iterable

import regex

from ..interval import Interval, compare
from ..records import Finding
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, is_percent, stated
from .context import narrative_claims

_CUT = set(",，;；。:：!?！？")
_FIGURE = regex.compile(r"\d(?:\.\d+)?\s*(?:万|亿)?(?:元|通|人|件|次|个|项|户|家|台|套|辆|批|%)")
_CHANGE_CLAUSE = regex.compile(r"^(?:比|较|与|同比|环比|增加|减少|增长|下降)")
_RATE_WORDS = regex.compile(r"^(?:同比|比上年|较上年|比上年度)?(?:增长|下降|减少|增加|提高|降低)(?:了)?$|^占[\p{Han}]{0,12}的?$")


def _previous_clause(text: str, start: int, limit: int = 60) -> str:
    """The clause before the one that ends at ``start`` (whitespace dropped)."""
    i = start
    lo = max(0, start - limit * 2)
    while i > lo and text[i - 1] not in _CUT:
        i -= 1
    j = i - 1
    while j > lo and text[j - 1] not in _CUT:
        j -= 1
    return regex.sub(r"\s+", "", text[j:i - 1]) if i > lo else ""


def _key(text: str, c) -> str | None:
    own = clause_before(text, c.start)
    if not _RATE_WORDS.search(own):
        return None
    prev = _previous_clause(text, c.start)
    if not _FIGURE.search(prev) or len(regex.findall(r"\p{Han}", prev)) < 4 or _CHANGE_CLAUSE.search(prev):
        return None  # "比上年增加 6.04 万元，增长 X%" follows different subjects (003: 三公 11.4%, 公务接待费 70.6%)
    # the direction word is compared apart: a restatement that flips it is a contradiction
    return prev + "|" + regex.sub(r"增长|下降|减少|增加|提高|降低", "变动", own)


def _direction(text: str, c) -> str | None:
    m = regex.search(r"(增长|增加|提高)|(下降|减少|降低)", clause_before(text, c.start))
    return None if m is None else ("增加" if m.group(1) else "减少")


@rule("narrative.restated_rate", scope="narrative",
      doc="同一主体与数字之后、以相同措辞复述的比率前后一致")
def check_restated_rate(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    first: dict[str, object] = {}
    for c in sorted(narrative_claims(ctx), key=lambda c: c.start):
        if not is_percent(c) or c.kind not in ("growth_rate", "share"):
            continue
        key = _key(text, c)
        if key is None:
            continue
        if key not in first:
            first[key] = c
            continue
        a = first[key]
        v = compare(c.value, Interval.of(a.value), slack_units=0)
        da, dc = _direction(text, a), _direction(text, c)
        flipped = da is not None and dc is not None and da != dc and a.value != 0
        if flipped:
            v = "inconsistent"
        words = f"（第 {a.line} 行为{da}，复述为{dc}）" if flipped else ""
        yield finding(ctx, "narrative.restated_rate", c, v,
                      f"“{key.split('|')[0]}，{key.split('|')[1]}”第 {a.line} 行为 {stated(a)}，第 {c.line} 行复述为 {stated(c)}{words}。",
                      expected=stated(a), severity="medium" if v == "inconsistent" else None, claims=[a, c])
