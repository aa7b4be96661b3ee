"""Real errors in published development passages, confirmed by reading (docs/checks.md, "Review of
findings on the development passages"): each must stay reported as inconsistent."""

from __future__ import annotations

import pytest

pytest.importorskip("nlp.claims")
pytest.importorskip("nlp.tables")
from .passage_findings import findings_on  # noqa: E402

# (passage, sentence fragment, rule, what is wrong)
CASES = [
    ("p0014", "卫生健康支出预算13.33万元", "narrative.change_rate", "3.33 ÷ 10.00 = 33.3%, text 13.68%"),
    ("p0018", "(二)事业收入33844.74万元", "narrative.change_rate", "738.30 ÷ 34583.04 = 2.13%, text 1.73% (the line above's rate)"),
    ("p0023", "较上年支出数减少0.71万元,下降7.83%", "narrative.change_rate", "0.71 ÷ 9.78 = 7.26%; 7.83% is ÷ the current 9.07"),
    ("p0103", "收入合计10911万元", "narrative.change_rate", "1376.32 ÷ 12287.32 = 11.20%; 12.61% is ÷ the current"),
    ("p0103", "支出合计12638.86万元", "narrative.change_rate", "5117.19 ÷ 7521.67 = 68.03%; 40.48% is ÷ the current"),
    ("p0103", "年末结转和结余3383.53万元", "narrative.change_rate", "1768.21 ÷ 5151.74 = 34.32%; 52.26% is ÷ the current"),
    ("p0109", "较上年增加2.4万元,增长0.24%", "narrative.change_rate", "2.4 ÷ 1.06 = 226%, text 0.24%"),
    ("p0199", "财政拨款收入决算总计177.28万元", "narrative.change_rate", "22.13 ÷ 155.15 = 14.26%, text 12.28%"),
    ("p0200", "基本支出250.7219万元", "narrative.change_rate", "170.8798 ÷ 79.8421 = 214%, text 46.7242%"),
    ("p0237", "较上年减少1.5万元(42.86%)", "narrative.change_rate", "1.5 ÷ 3.80 = 39.47%, text 42.86%"),
    ("p0026", "较上年减少19万元,下降43.78%", "narrative.change_rate", "19 ÷ 60 = 31.7%, text 43.78%"),
    ("p0028", "20109-海关事务50万元", "narrative.zero_base", "增长100% on a prior of 0"),
    ("p0070", "增加4.79万元,增长100%", "narrative.zero_base", "增长100% on a prior of 0"),
    ("p0069", "二是公务接待费282元", "narrative.amount_unit", "282 元 among 万元 figures (其中 266 万元)"),
    ("p0074", "部门决算公开公务接待费1.58元", "narrative.amount_unit", "1.58 元, the same sentence says 1.58 万元"),
]


@pytest.mark.parametrize("pid,snippet,rule,what", CASES,
                         ids=[f"{c[0]}-{c[2].split('.')[-1]}-{i}" for i, c in enumerate(CASES)])
def test_real_error_is_reported(pid, snippet, rule, what):
    found = findings_on(pid, snippet, rule)
    assert any(f.verdict == "inconsistent" for f in found), f"{pid} {rule} not reported: {what}"
