"""Performance-indicator rules on real 绩效 text (seeds 002 and 004, passages): each case checks
the verdict on the text as printed, then alters one figure or word the way a defect would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.checks.performance import band_of

from .check_runs import rule_findings as run, verdicts

pytest.importorskip("nlp.claims")

ROOT = Path(__file__).resolve().parent.parent / "corpora"


def seed_lines(prefix: str, first: str, last: str) -> str:
    """The seed's lines from the one containing ``first`` to the one containing ``last``."""
    lines = next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")
    a = next(i for i, l in enumerate(lines) if first in l)
    b = next(i for i in range(a, len(lines)) if last in lines[i])
    return "\n".join(lines[a:b + 1])


def passage(pid: str) -> str:
    for line in (ROOT / "passages" / "passages.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] == pid:
            return row["text"]
    raise KeyError(pid)


# 004: 接通率目标值≥80%，实际完成值 62.83%，低于目标值 … 通话均长目标值≤250秒 … 实际完成值187秒，完成目标值
KPI = seed_lines("004", "1.人工话务接通率的完成情况", "97.99%，超额完成目标值")


def test_target_outcome_consistent_on_real_kpis():
    f = run(KPI, "perf.target_outcome")
    assert [x.verdict for x in f] == ["consistent"] * 3
    # the ≤ operator of 通话均长: 187 秒 below 250 秒 is 完成
    assert any("≤250" in x.message and "187" in x.message for x in f)


def test_target_outcome_flipped_outcome_word_is_inconsistent():
    # 62.83% against ≥80% said to be 完成
    f = run(KPI.replace("62.83%，低于目标值", "62.83%，完成目标值"), "perf.target_outcome")
    bad = [x for x in f if x.verdict == "inconsistent"]
    assert len(bad) == 1 and "62.83" in bad[0].message and bad[0].claim_text
    # 187 秒 against ≤250 秒 said to be 未完成
    f = run(KPI.replace("实际完成值187秒，完成目标值", "实际完成值187秒，未完成目标值"), "perf.target_outcome")
    assert [x.verdict for x in f].count("inconsistent") == 1


def test_target_outcome_changed_actual_is_inconsistent():
    # 超额完成 with an actual below the ≥90% target
    f = run(KPI.replace("97.99%", "87.99%"), "perf.target_outcome")
    assert [x.verdict for x in f].count("inconsistent") == 1
    # 低于目标值 with an actual above the target
    f = run(KPI.replace("62.83%", "82.83%"), "perf.target_outcome")
    assert [x.verdict for x in f].count("inconsistent") == 1


def test_target_outcome_changed_operator_turns_the_verdict():
    # with ≥250秒 the 187 秒 no longer meets the target it is said to complete
    f = run(KPI.replace("目标值≤250秒", "目标值≥250秒"), "perf.target_outcome")
    assert [x.verdict for x in f].count("inconsistent") == 1


# 002: 自评结果为“优”，自评得分为 99.5 分 … 总分 20 分，得分 20 分 … 总分 50 分，自评得分 49.5 分
SCORES = seed_lines("002", "经综合自评", "下设 22 个三级指标")


def test_score_rules_consistent_on_002():
    assert verdicts(SCORES, "perf.score_weight") == ["consistent"] * 4
    assert verdicts(SCORES, "perf.total_score") == ["consistent"]
    assert verdicts(SCORES, "perf.grade_band") == ["consistent"]


def test_score_above_weight_is_inconsistent():
    f = run(SCORES.replace("总分 10 分，得分 10 分", "总分 10 分，得分 12 分"), "perf.score_weight")
    assert [x.verdict for x in f].count("inconsistent") == 1


def test_total_not_the_sum_of_parts_is_inconsistent():
    f = run(SCORES.replace("自评得分 49.5 分", "自评得分 45.5 分"), "perf.total_score")
    assert [x.verdict for x in f] == ["inconsistent"] and "95.50" in f[0].message


def test_incomplete_breakdown_is_not_added_up():
    # drop the 管理效率 part: the remaining weights (50) are not a whole, so no total is claimed
    text = SCORES[:SCORES.index("2.管理效率")]
    assert verdicts(text, "perf.total_score") == []


def test_grade_band_on_002_and_passages():
    assert verdicts(SCORES.replace("结果为“优”", "结果为“良”"), "perf.grade_band") == ["inconsistent"]
    for pid in ("p0153", "p0210"):  # 得分85.82,等级为良 / 得分80.56分,等级为“良”
        text = passage(pid)
        assert verdicts(text, "perf.grade_band") == ["consistent"]
        assert "inconsistent" in verdicts(text.replace("良", "优"), "perf.grade_band")


@pytest.mark.parametrize("score,grade", [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.5", "中"),
                                         ("60", "中"), ("59.9", "差"), ("100", "优")])
def test_band_boundaries(score, grade):
    from decimal import Decimal
    assert band_of(Decimal(score)) == grade


def test_target_pairs_with_the_stated_actual_and_reads_its_own_indicator():
    # 004:1467 拨通率目标值 100% … "均能100%接入 … 实际完成值100%，完成目标值" pairs with the actual;
    # 001:994 "可用率 ≥ 99.9% … 可用率大于 99.9%，指标完成情况良好"; 001:1008 满意度 95% is ≥ although
    # the previous indicator (每月节省费用) ends just before it
    from .test_checks_coverage_rules import altered, found

    assert [f.verdict for f in found("004", "perf.target_outcome", 1477)] == ["consistent"]
    assert [f.verdict for f in found("001", "perf.target_outcome", 994)] == ["consistent"]
    fs = found("001", "perf.target_outcome", 1008)
    assert [f.verdict for f in fs] == ["consistent"] and fs[0].evidence["operator"] == "≥"
    bad = [f for f in altered("004", 1477, "成值100%", "成值90%")
           if f.rule == "perf.target_outcome" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 1477


def test_outcome_in_the_summing_up_sentence_001():
    # 001:1002 每月节省 7.4 万元 (target) → 1004 实际每月节省 6.5 万元，租用短信平台…168.504 万元。
    # "但互联网专线每月节省费用少于预期值": the outcome comes after the next figure, in a 但 sentence
    from .test_checks_coverage_rules import altered, found

    fs = found("001", "perf.target_outcome", 1004)
    assert [f.verdict for f in fs] == ["consistent"] and "低于目标" in fs[0].message
    bad = [f for f in altered("001", 1004, "实际每月节省 6.5 万元", "实际每月节省 8.5 万元")
           if f.rule == "perf.target_outcome" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 1004


# the written probe's 项目 self-evaluation (cf-016, corrected): 预算执行 scored with no weight before the
# indicators' (得分, 分值) pairs, whose weights add up to 90
EXECUTION = ("一、预算执行情况：项目年初预算860.00万元，实际执行792.45万元，执行率92.15%，该项得分9.21分。\n"
             "二、产出指标：新建集中供水工程目标值≥12处，实际完成12处，得分15分（分值15分）；受益人口实际完成3.62万人，"
             "得分15分（分值15分）；工程验收合格率实际100%，得分15分（分值15分）；按期完工率实际83.3%，未完成，得分8分（分值10分）。\n"
             "三、效益指标：普及率实际提高2.4个百分点，得分15分（分值15分）；管护机制建立健全，得分10分（分值10分）。\n"
             "四、满意度指标：受益群众满意度实际91.6%，得分10分（分值10分）。\n"
             "综上，该项目绩效自评得分97.21分，评价等级为“优”。")


@pytest.mark.parametrize("old, new, expected", [
    ("", "", ["consistent"]),
    ("自评得分97.21分", "自评得分96.21分", ["inconsistent"]),
    ("该项得分9.21分", "该项得分8.21分", ["inconsistent"]),
    # no execution sentence: the pairs' 90 points are no whole
    ("一、预算执行情况：项目年初预算860.00万元，实际执行792.45万元，执行率92.15%，", "一、项目情况：", []),
    # a score above the template's 10 points is no 预算执行率 score
    ("该项得分9.21分", "该项得分19.21分", []),
])
def test_execution_score_without_its_weight(old, new, expected):
    assert verdicts(EXECUTION.replace(old, new, 1), "perf.total_score") == expected
