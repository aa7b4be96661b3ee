"""perf.fund_amount: money a performance evaluation covers ≤ the fund's spending in the tables."""

from __future__ import annotations

from .test_checks_coverage_rules import altered, found


def test_fund_amounts_bounded_by_the_tables_000():
    # 000:527/529/533 一般公共预算 39,173.86 / 13,841.87 ≤ T5; 政府性基金 and 国有资本经营 0 ≤ T8/T9 (all zero)
    fs = found("000", "perf.fund_amount", 527) + found("000", "perf.fund_amount", 529) + found("000", "perf.fund_amount", 533)
    assert len(fs) == 9 and all(f.verdict == "consistent" for f in fs)
    assert {f.evidence["table"] for f in fs} == {"T5", "T8", "T9"}
    bad = [f for f in altered("000", 529, "政府性基金预算支出0万元", "政府性基金预算支出12万元")
           if f.rule == "perf.fund_amount" and f.verdict == "inconsistent"]
    assert len(bad) == 1 and bad[0].line == 529 and bad[0].evidence["table"] == "T8"


def test_fund_written_for_two_funds_is_named_004():
    # 004:1293 "一般公共预算项目支出开展绩效自评，共涉及资金 6467.51 万元": T5 项目支出 2,726.98;
    # 6467.51 = T5 2726.98 + T8 3740.53
    fs = found("004", "perf.fund_amount", 1293)
    assert len(fs) == 1 and fs[0].verdict == "inconsistent"
    assert "T8" in fs[0].message and "6,467.51" in fs[0].message


def test_project_funds_use_the_project_column_001():
    fs = found("001", "perf.fund_amount", 830)
    assert [f.evidence["column"] for f in fs] == ["项目支出", "项目支出"]
    assert all(f.verdict == "consistent" for f in fs)


def test_multi_year_project_totals_are_not_bounded_000():
    # a project's total over several years is not this year's spending of the fund
    fs = [f for f in altered("000", 529, "涉及一般公共预算支出13,841.87万元", "项目总投资90,000万元，涉及一般公共预算支出80,000万元")
          if f.rule == "perf.fund_amount" and f.line == 529]
    assert not [f for f in fs if f.evidence["table"] == "T5"]
    bad = [f for f in altered("000", 529, "涉及一般公共预算支出13,841.87万元", "涉及一般公共预算支出80,000万元")
           if f.rule == "perf.fund_amount" and f.verdict == "inconsistent"]
    assert bad and bad[0].evidence["table"] == "T5"
