"""False alarms found by reading every `inconsistent` finding on the 245 development passages
(docs/checks.md, "Review of findings on the development passages"). Each row is a real published
sentence whose figures agree; the rule must not call it inconsistent. Where the fix lets the rule
check the sentence properly (a stated prior, an inline budget), the row also asks for a verdict."""

from __future__ import annotations

import pytest

pytest.importorskip("nlp.claims")
pytest.importorskip("nlp.tables")
from .passage_findings import altered_findings, findings_on  # noqa: E402

CHECKED = ("consistent", "rounding")

# (passage, sentence fragment, rule, verdict the rule should now reach or None, why it was a false alarm)
CASES = [
    # the amount after 比上年 / 较上年同期 / 较2022年决算数 is the prior, not the current amount
    ("p0017", "比上年18.39亿元增加2.88亿元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0018", "比上年5251.91万元减少3920.44万元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0018", "比上年78060.19万元增加7026.46万元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0021", "比上年194.85亿元增加12.39亿元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0057", "较上年同期526499万元减支76067万元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0012", "较2022年决算数688.84万元131.49万元", "narrative.change_rate", CHECKED, "prior read as current"),
    ("p0012", "较2022年决算数13.8万元49.26万元", "narrative.zero_base", None, "prior read as current"),
    ("p0090", "相比年初预算数的1.5亿元减少0.3亿元", "narrative.change_rate", CHECKED, "budget compared with read as current"),
    ("p0090", "相比预算数6.1亿元减少1.1亿元", "narrative.change_rate", CHECKED, "budget compared with read as current"),
    ("p0090", "相比年初预算数6200万元下降62.1%", "narrative.change_rate", CHECKED, "rate against a stated base"),
    # 短收 (vs budget) is not the change of 同比下降; the rate's change follows it
    ("p0057", "同比下降10.2%,减收4800万元", "narrative.change_rate", CHECKED, "rate paired with a change of another base"),
    # ... but last year's budget (较2023年年初预算) and a subject naming 预算 are periods: one change
    ("p0032", "较2023年年初预算的1278万元减少40万元", "narrative.change_rate", CHECKED, "pairing kept"),
    ("p0061", "总预算共压减2928万元", "narrative.direction", CHECKED, "pairing kept"),
    # a change after closed brackets belongs to the amount before them
    ("p0064", "包括购置费9.26亿元、运行费33.42亿元", "narrative.change_rate", CHECKED, "change given to a bracketed part"),
    ("p0065", "公务车购置经费146万元),减少12万元", "narrative.change_rate", CHECKED, "change given to a bracketed part"),
    # a change after ； naming another subject, or a sentence's change carried to another subject
    ("p0173", "公务用车购置及运行维护费支出决算减少0.47万元", "narrative.zero_base", None, "change given to the previous item"),
    ("p0071", "比2014年“三公”经费决算数据减少16.5万元", "narrative.change_rate", None, "change carried to the previous sentence's item"),
    # 占(年初)预算 X 万元的 Y%: X is the budget, the executed amount comes before
    ("p0233", "占年初预算10065万元的43.2%", "narrative.completion_rate", CHECKED, "budget read as executed"),
    ("p0233", "占年初预算1050万元的27.5%", "narrative.completion_rate", CHECKED, "budget read as executed"),
    ("p0233", "占年初预算74261万元的77.1%", "narrative.completion_rate", CHECKED, "budget read as executed"),
    ("p0057", "占预算101032万元的67.3%", "narrative.completion_rate", CHECKED, "budget read as executed"),
    # the executed amount is not a part listed in brackets, nor the budget itself
    ("p0149", "总预算执行率95.61%", "narrative.completion_rate", None, "bracketed part read as executed"),
    # a change stated after the rate, vs 上年, is not the gap to the budget
    ("p0091", "115.8%", "narrative.completion_rate", None, "year-on-year change used as budget gap"),
    # 0 of a 0 budget written 0%: a template note
    ("p0036", "完成预算的0%", "narrative.completion_rate", None, "0 ÷ 0 written 0%"),
    # a figure after a replacement character (mis-decoded mirror page) lost a digit
    ("p0091", "8639", "narrative.change_rate", None, "garbled figure"),
    ("p0091", "8639", "narrative.list_total", None, "garbled figure"),
    # lists: brackets close the list; a restated total ends it; a prefix adding up ends it
    ("p0007", "公务用车购置及运行费35.99亿元", "narrative.list_total", CHECKED, "list ran past its brackets"),
    ("p0057", "加上级补助收入387613万元", "narrative.list_total", CHECKED, "list ran past its brackets"),
    ("p0104", "公务用车购置费和运行维护费849万元", "narrative.list_total", None, "list ran past its brackets"),
    ("p0226", "3039万元(其中:中央资金2888万元", "narrative.list_total", CHECKED, "list ran past its brackets"),
    ("p0106", "其中本级收入103万元,上级补助收入1331万元,上年结余1885万元", "narrative.list_total", CHECKED,
     "list ran into the next statement"),
    ("p0106", "加上级转移支付收入1884万元", "narrative.list_total", None, "list ran into a restated total"),
    ("p0123", "全年实际收入1699.12万元", "narrative.list_total", CHECKED, "list ran into the next statement"),
    ("p0155", "收到财政资金共2330.9万元", "narrative.list_total", CHECKED, "list ran into the next statement"),
    ("p0111", "共计下达61.8万元", "narrative.list_total", CHECKED, "restated total read as a part"),
    ("p0111", "2021年度中央下达资金61.8万元", "narrative.list_total", CHECKED, "another fact read as a part"),
    ("p0073", "比2015年预算减少2万元,其中", "narrative.list_total", None, "a change read as the list total"),
    ("p0089", "其中公车购置费为0元", "narrative.list_total", None, "a change read as the list total"),
    ("p0084", "其中:国内公务接待4032批次", "narrative.part_le_whole", None, "a list of counts read as money parts"),
    ("p0050", "高等教育在教育支出中占比最大", "narrative.list_total", None, "a nested part read as a peer"),
    ("p0116", "年度资金总额: 854万", "narrative.list_total", None, "a bracketed figure read as the total"),
    ("p0046", "包括内设非独立核算的机构14个", "narrative.part_le_whole", None, "机构 counted against 单位"),
    # per-unit standards are written in 元
    ("p0128", "每村每年补助 4400 元", "narrative.amount_unit", None, "per-unit standard"),
    ("p0208", "分红款每户贫困户可分得700元", "narrative.amount_unit", None, "per-unit standard"),
    ("p0229", "按照每人每年600元的扶持标准", "narrative.amount_unit", None, "per-unit standard"),
]


@pytest.mark.parametrize("pid,snippet,rule,verdicts,why", CASES,
                         ids=[f"{c[0]}-{c[2].split('.')[-1]}-{i}" for i, c in enumerate(CASES)])
def test_no_false_alarm(pid, snippet, rule, verdicts, why):
    found = findings_on(pid, snippet, rule)
    bad = [f.message for f in found if f.verdict == "inconsistent"]
    assert not bad, f"{pid} {rule} ({why}): {bad}"
    if verdicts:
        assert any(f.verdict in verdicts for f in found), f"{pid} {rule}: not checked any more ({why})"


# the same sentences with one figure altered: the fixes must not hide a real defect
ALTERED = [
    ("p0017", "增长15.66%", "增长17.66%", "narrative.change_rate"),
    ("p0012", "增长19.09%", "增长21.09%", "narrative.change_rate"),
    ("p0057", "下降10.2%,减收4800万元", "下降12.2%,减收4800万元", "narrative.change_rate"),
    ("p0064", "下降6.8%", "下降8.8%", "narrative.change_rate"),
    ("p0233", "占年初預算10065萬元的43.2%", "占年初預算10065萬元的45.2%", "narrative.completion_rate"),
    ("p0007", "公务用车运行维护费31.99亿元", "公务用车运行维护费32.99亿元", "narrative.list_total"),
    ("p0155", "地方资金98.6万元,其他资金859.6万元2023年", "地方资金99.6万元,其他资金859.6万元2023年",
     "narrative.list_total"),
    ("p0123", "上年结转结余263.90万元", "上年结转结余293.90万元", "narrative.list_total"),
    ("p0111", "县财政配套资金30.9万元", "县财政配套资金31.9万元", "narrative.list_total"),
]


@pytest.mark.parametrize("pid,old,new,rule", ALTERED, ids=[f"{c[0]}-{c[3].split('.')[-1]}" for c in ALTERED])
def test_altered_figure_is_still_caught(pid, old, new, rule):
    _, findings = altered_findings(pid, old, new)
    assert any(f.rule == rule and f.verdict == "inconsistent" for f in findings), f"{pid}: {old} → {new}"
