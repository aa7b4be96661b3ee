"""narrative.restated_rate: a rate restated after the same subject and figure agrees."""

from __future__ import annotations

from .test_checks_coverage_rules import altered, found


def test_restated_growth_rate_004():
    # 004:1350 "2022 年来电总量 114.86 万通，同比增长 51.07%", restated at 1414 in the reasons
    fs = found("004", "narrative.restated_rate", 1414)
    assert [f.verdict for f in fs] == ["consistent"] and "1350" in fs[0].message
    bad = [f for f in altered("004", 1414, "51.07%", "57.01%")
           if f.rule == "narrative.restated_rate" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 1414


def test_a_shared_change_clause_is_not_a_subject_003():
    # 003:910/912 三公 "比上年增加6.04万元，增长11.4%" and 公务接待费 "比上年增加 6.04 万元，增长 70.6%"
    assert not found("003", "narrative.restated_rate", 912)
