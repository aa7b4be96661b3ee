"""Growth stated in 倍 (docs/claims.md, "Growth in 倍").

``增长1.2倍`` is a rise of 120%: a growth_rate with unit 倍, checked by narrative.change_rate in
倍. A ratio to the base (``是上年的2倍``), 倍 after a decrease word and words built on 倍 (倍数,
倍增) are not growth rates. The corpus prints its rates in %; the check cases below restate a real
passage's rate (p0075: 225.58 万元, 增加 161.78 万元, so the base is 63.80 and the rise 2.54 倍).
"""

from __future__ import annotations

import pytest

from nlp.claims import extract_claims
from nlp.load import load_text

from .passage_findings import altered_findings


def rates(text):
    return [c for c in extract_claims(load_text(text)) if c.kind == "growth_rate"]


@pytest.mark.parametrize("text, printed, value, approx", [
    ("其他支出120.00万元，比上年增加65.45万元，增长1.2倍，主要是新增项目。", "1.2倍", "1.2", None),
    ("商品和服务支出200万元，比上年增加100万元，增长了一倍。", "一倍", "1", None),
    ("项目支出90万元，较上年增长两倍。", "两倍", "2", None),
    ("培训费比上年提高0.5倍。", "0.5倍", "0.5", None),
    ("差旅费同比增1倍。", "1倍", "1", None),
    ("会议费较上年增加了一倍多。", "一倍多", "1", "多"),
    ("公务接待批次比上年增长约1.5倍。", "1.5倍", "1.5", "约"),
])
def test_growth_in_times_is_a_growth_rate(text, printed, value, approx):
    got = rates(text)
    assert len(got) == 1, [(c.text, c.kind) for c in got]
    c = got[0]
    assert (c.text, str(c.value), c.unit, c.direction, c.approx) == (printed, value, "倍", "增加", approx)


@pytest.mark.parametrize("text", [
    "项目支出300.00万元，是上年的2倍。",       # a ratio to the base, not a rise
    "公用经费比上年下降一倍。",                 # 倍 after a decrease word states no rate we can read
    "绩效目标值设定为基准值的1.5倍数。",       # 倍数
    "实施人才倍增计划。",
    "今年新增1倍以上的项目。",                  # 新增 names new items, not a rise
    "比上年增加10倍率指标。",
])
def test_other_uses_of_bei_are_not_growth_rates(text):
    assert rates(text) == []


P0075 = "政府性基金预算财政拨款本年收入225.58万元,比上年增加161.78万元,增长253%"


@pytest.mark.parametrize("rate, verdict", [
    ("2.54倍", "consistent"),
    ("2.5倍", "consistent"),      # one decimal: 2.45–2.55 holds 2.536
    ("3倍", "consistent"),        # a whole 倍: 2.5–3.5
    ("3.5倍", "inconsistent"),
    ("1.54倍", "inconsistent"),   # the ratio (current ÷ base = 3.54) minus 2: a slip, not a rounding
])
def test_change_rate_is_checked_in_times(rate, verdict):
    _, findings = altered_findings("p0075", P0075, P0075.replace("253%", rate))
    got = [f for f in findings if f.rule == "narrative.change_rate" and f.stated == rate]
    assert [f.verdict for f in got] == [verdict]
    assert got[0].expected == "2.54倍"
