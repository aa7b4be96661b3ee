"""Narrative arithmetic rules on real sentences of the seeds (claims from the real extractor).

Each case takes a sentence as printed in a seed, checks the verdict the rule gives on it, then
changes one figure or word the way a defect would and checks the verdict turns.
"""

from __future__ import annotations

import pytest

from .check_runs import rule_findings as run, verdicts

pytest.importorskip("nlp.claims")


# 000:460
S_INCOME = "1. 一般公共预算财政拨款收入 49,644.69 万元,比上年决算数增加 10,391.38 万元,增长 26.5%。"
# 001:594 (four decimals; 下降 with 减少)
S_FUND = "2. 政府性基金预算财政拨款收入 18.37 万元，比上年决算数减少 231.46 万元，下降 92.65%，主要变动情况：区政务服务中心及万博分中心改造工程项目已完工。"


def test_change_rate_consistent_on_seed_sentences():
    assert verdicts(S_INCOME, "narrative.change_rate") == ["consistent"]
    assert verdicts(S_FUND, "narrative.change_rate") == ["consistent"]


def test_change_rate_wrong_rate_is_inconsistent_with_expected_value():
    f = run(S_INCOME.replace("26.5%", "28.5%"), "narrative.change_rate")
    assert [x.verdict for x in f] == ["inconsistent"]
    assert f[0].expected == "26.47%" and "39,253.31" in f[0].message
    assert f[0].claim_text and f[0].start is not None and f[0].line == 1


def test_change_rate_rounding_of_integer_percent_is_not_an_error():
    # 000:475 项目支出 … 增长 30% (exact 30.05%): an integer percent covers [29.5, 30.5]
    s = "2. 项目支出 39,193.86 万元,比上年决算数增加 9,055.92 万元,增长 30%。"
    assert verdicts(s, "narrative.change_rate") == ["consistent"]
    # one unit of the stated last place is rounding (NOISE 1.9/1.10); two are an error
    assert verdicts(s.replace("30%", "31%"), "narrative.change_rate") == ["rounding"]
    assert verdicts(s.replace("30%", "32%"), "narrative.change_rate") == ["inconsistent"]


def test_changed_amount_breaks_the_rate():
    assert verdicts(S_INCOME.replace("10,391.38", "11,391.38"), "narrative.change_rate") == ["inconsistent"]


def test_direction_flip_is_caught():
    flipped = S_INCOME.replace("增长 26.5%", "下降 26.5%")
    assert "inconsistent" in verdicts(flipped, "narrative.direction")
    assert verdicts(S_INCOME, "narrative.direction") == ["consistent"]


def test_zero_base_placeholder_and_numeric_rate():
    ok = "8. 其他收入 20万元,比上年决算数增加 20 万元,增长—(基数为 0,不可比)。"
    assert verdicts(ok, "narrative.zero_base") == ["consistent"]
    bad = "8. 其他收入 20万元,比上年决算数增加 20 万元,增长 15%。"
    assert verdicts(bad, "narrative.zero_base") == ["inconsistent"]
    # a placeholder where the base is not zero
    wrong = "2. 政府性基金预算财政拨款收入 3,740.53 万元，比上年决算数增加 849.61 万元，增长--（基数为 0，不可比）。"
    assert verdicts(wrong, "narrative.zero_base") == ["inconsistent"]


def test_zero_rate_on_zero_base_is_a_template_note_not_an_error():
    # 004:1144-1146 增加 0.00 万元，增长 0.00% on a zero base (NOISE 2.6)
    s = "3.国有资本经营预算财政拨款收入 0.00 万元，比上年决算数增加 0.00 万元，增长 0.00%。"
    f = run(s, "narrative.zero_base")
    assert [x.verdict for x in f] == ["consistent"] and f[0].severity == "low"


S_3GONG = ("广州市政务服务数据管理局 2022 年度\"三公\"经费财政拨款支出决算为 14.05 万元,完成全年预算 14.39 万元的 97.6%,"
           "比上年决算数减少 21.89 万元,下降 60.9%。")


def test_completion_rate_with_inline_budget():
    assert verdicts(S_3GONG, "narrative.completion_rate") == ["consistent"]
    assert verdicts(S_3GONG, "narrative.change_rate") == ["consistent"]
    assert verdicts(S_3GONG.replace("97.6%", "96.6%"), "narrative.completion_rate") == ["inconsistent"]


def test_completion_rate_from_change_against_budget():
    # 001:732 基本支出 … 比年初预算数增加 218.70 万元，完成年初预算的 122.60%
    s = "本部门 2019 年度一般公共预算财政拨款本年基本支出 1186.59 万元，比年初预算数增加 218.70 万元，完成年初预算的 122.60%。"
    assert verdicts(s, "narrative.completion_rate") == ["consistent"]
    assert verdicts(s.replace("218.70", "118.70"), "narrative.completion_rate") == ["inconsistent"]


S_002 = ("一是信息化项目管理经费，年初预算 600 万元，年中调减预算 356.04 万元，调整后预算 343.96 万元，"
         "2022 年实际支出 242.68 万元，预算执行率 99.48%；")


def test_adjusted_budget_and_execution_rate_002():
    f = run(S_002, "narrative.adjusted_budget")
    assert [x.verdict for x in f] == ["inconsistent"] and "243.96" in f[0].message
    c = run(S_002, "narrative.completion_rate")
    assert [x.verdict for x in c] == ["inconsistent"] and "243.96" in c[0].message
    fixed = S_002.replace("343.96", "243.96")
    assert verdicts(fixed, "narrative.adjusted_budget") == ["consistent"]
    assert verdicts(fixed, "narrative.completion_rate") == ["consistent"]


S_PROC = ("2022 年度本单位政府采购支出总额 2,915.76 万元，其中：政府采购货物支出 122.8 万元、政府采购工程支出 0.00 万元、"
          "政府采购服务支出 2,792.96 万元。授予中小企业合同金额2,792.96 万元，占政府采购支出总额的 95.8%，其中：授予小微企业"
          "合同金额 122.8 万元，占授予中小企业合同金额的 4.20%；货物采购授予中小企业合同金额占货物支出金额的 100%。")


def test_share_named_denominator_004():
    f = run(S_PROC, "narrative.share")
    got = {x.stated: x.verdict for x in f}
    assert got.get("95.8%") == "consistent"
    assert got.get("4.20%") == "inconsistent"
    bad = next(x for x in f if x.stated == "4.20%")
    assert "政府采购支出总额" in bad.message and "4.40%" in bad.message
    # a share whose part is not stated is not judged against a neighbour's amount
    assert "100%" not in got or got["100%"] != "inconsistent"
    fixed = run(S_PROC.replace("4.20%", "4.40%"), "narrative.share")
    assert all(x.verdict != "inconsistent" for x in fixed)
