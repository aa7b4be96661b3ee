"""Shapes the fourth written checks probe (batch cd, scored blind) taught, one edit at a time on its
corrected passages: a per-head figure is no list part, a list opened by the total's name ("基本支出中，…"),
绩效 grades as a complete breakdown, a count list's second measure, the 收支 composition of a joined or
a 财政拨款 grand total, a total score after its parts, the whole's head count for 人均."""

import pytest

from tests.check_runs import edited_findings
from tests.test_checks_probe import _corrected


def _findings(pid: str, rule: str, old: str = "", new: str = "") -> list:
    return edited_findings(f"{pid}:corrected", _corrected(pid), rule, old, new)


def _verdicts(pid, rule, old="", new=""):
    return sorted({(f.line, f.verdict) for f in _findings(pid, rule, old, new)})


@pytest.mark.parametrize("pid, rule, old, new, line", [
    # "其中：…公务接待费9.83万元，…人均接待费用309.12元": the per-head figure is no part; edit a part
    ("cd-015", "narrative.list_total", "公务接待费9.83万元", "公务接待费9.93万元", 2),
    # "基本支出中，人员经费…；公用经费…" after "基本支出3,780.83万元" a sentence before
    ("cd-003", "narrative.list_total", "公用经费512.38万元", "公用经费521.38万元", 2),
    # grades 优/良/中/差 of 27 projects
    ("cd-037", "narrative.list_total", "“良”的5个", "“良”的8个", 3),
    # 批次 beside 人次 that add up: 国内 38 + 外事 3 批次 = 41
    ("cd-022", "narrative.list_total", "共接待41批次", "共接待44批次", 6),
    # 收、支总计均为… = 本年收入合计 + 年初结转和结余 + 使用非财政拨款结余
    ("cd-001", "narrative.totals_composition", "收入总计9,857.83万元", "收入总计9,875.83万元", 3),
    # 财政拨款收、支总计 = 本年财政拨款支出 + 年末财政拨款结转和结余
    ("cd-026", "narrative.totals_composition", "结转和结余1,044.63万元", "结转和结余1,404.63万元", 2),
    # a shortfall that two swapped digits explain is no hidden 结余分配
    ("cd-024", "narrative.totals_composition", "550.57 万元", "505.57 万元", 11),
    # 自评总分 after 分值/得分 pairs whose 分值 add up to 100
    ("cd-010", "perf.total_score", "自评总分95.1分", "自评总分96.1分", 6),
    # batch ce: "…预算为90.90万元，上年预算为79.70万元，比上年预算增加11.20万元，增长14.05%": 79.70 is the base
    ("ce-003", "narrative.change_rate", "增长14.05%", "增长16.35%", 2),
    # a sentence stating only the base: "与上年预算2,450.00万元相比，增加550.00万元，增长22.45%"
    ("ce-020", "narrative.change_rate", "增长22.45%", "增长28.95%", 4),
    # … named with its subject: "与2023年收入预算1.16亿元相比，增加900万元，增幅为7.76%"
    ("ce-011", "narrative.change_rate", "增幅为7.76%", "增幅为8.41%", 3),
    # "预算执行率为98.62%，比上年的96.35%提高2.27个百分点": 96.35% is last year's rate
    ("ce-024", "narrative.completion_rate", "执行率为98.62%", "执行率为96.35%", 1),
    # a count list after a count's change: "共有车辆23辆，比上年末的26辆减少了3辆，其中：…"
    ("ce-023", "narrative.list_total", "执法执勤用车14辆", "执法执勤用车16辆", 2),
    # the count, its earlier value and its change
    ("ce-023", "narrative.count_change", "减少了3辆", "增加了3辆", 2),
    # session 10: "货物、工程、服务分别占政府采购预算总额的31.72%、13.10%、57.18%": the i-th share of the i-th name
    ("ce-005", "narrative.share", "、11.10%、", "、11.40%、", 3),
    ("ce-005", "narrative.share", "分别占政府采购预算总额的31.72%", "分别占政府采购预算总额的37.12%", 3),
    # "增长百分之八点六四": a rate in Chinese numerals
    ("ce-012", "narrative.change_rate", "百分之八点六四", "百分之八点四六", 1),
    # batch cf: "收入合计X,支出合计Y。…收入合计增加…，增长9.59%": income never continues expense (9.78% is
    # the rate on 支出合计's base)
    ("cf-028", "narrative.change_rate", "增长9.59%", "增长9.78%", 2),
    # "年末结转和结余86.42万元，上年年末结转和结余132.75万元，比上年减少46.33万元": last year's, by its name
    ("cf-033", "narrative.prior_change", "减少46.33万元", "减少64.33万元", 3),
    # "项目支出年初预算…，年中追加612.45万元，实际支出…，执行率92.65%": 执行率 is on 年初 + 追加
    ("cf-010", "narrative.completion_rate", "执行率92.65%", "执行率93.65%", 4),
    # "培训1860人次（年度目标≥1800人次），其中…；经考核合格1782人次，培训合格率95.81%": the target is no whole
    ("cf-035", "narrative.count_rate", "培训合格率95.81%", "培训合格率99.00%", 4),
    # an area list adds up like money: "共有房屋18,436.52平方米，其中：办公用房…，业务用房…，其他用房…"
    ("ce-009", "narrative.list_total", "其他用房2,417.00平方米", "其他用房2,471.00平方米", 2),
    # "收入预算9,938.42万元…。支出预算9,938.42万元…。收支预算总额比上年预算增加817.87万元，增长8.97%"
    ("ce-001", "narrative.change_rate", "增长8.97%", "增长9.79%", 4),
    # "年初结转和结余1,398.88万元…。年末财政拨款结转和结余2,181.17万元，比年初增加782.29万元": the opening balance
    ("cb-018", "narrative.prior_change", "比年初增加782.29万元", "比年初增加728.29万元", 4),
    # "一般公共预算财政拨款项目支出1,946.38万元 … 占一般公共预算项目支出总额的94.16%": one figure, two names
    ("cc-013", "narrative.share", "总额的94.16%", "总额的91.46%", 2),
    # batch ch: "一般公共预算当年拨款2,654.74万元，其中基本支出…、项目支出874.60万元；比上年预算增加382.14万元，
    # 增长16.82%": a bare change after the list's ; is the head's
    ("ch-006", "narrative.change_rate", "增长16.82%", "增长18.62%", 11),
    # "财政拨款收、支总计均为…。收入包括：…。财政拨款收支总计比上年减少1,620.16万元，下降8.51%"
    ("ch-017", "narrative.change_rate", "下降8.51%", "下降7.11%", 9),
])
def test_clean_passage_consistent_and_one_edit_inconsistent(pid, rule, old, new, line):
    assert (line, "inconsistent") not in _verdicts(pid, rule)
    assert [v for ln, v in _verdicts(pid, rule) if v in ("consistent", "rounding")]
    assert (line, "inconsistent") in _verdicts(pid, rule, old, new)


def test_per_capita_uses_the_whole_count_before_its_parts():
    # "全年共接待41批次、438人次，其中：国内…412人次，外事…26人次；人均接待费用196.80元" = 8.62万元 ÷ 438
    [f] = _findings("cd-022", "narrative.per_capita")
    assert f.verdict == "consistent" and "438" in f.message


def test_a_shortfall_named_by_a_slip_sits_on_the_slipped_figure():
    [f] = [f for f in _findings("cd-024", "narrative.totals_composition", "550.57 万元", "505.57 万元")
           if f.verdict == "inconsistent"]
    assert f.line == 11 and "550.57" in f.evidence["slip"]


def test_the_funds_of_a_fiscal_total_add_up_together():
    # "财政拨款收入总计6,642.95万元…其中：一般公共预算财政拨款收入5,873.29万元，政府性基金预算财政拨款收入600.00万元，
    # 年初财政拨款结转和结余169.66万元": both funds are the year's 财政拨款收入 (no slip of 600 in 169.66)
    assert _verdicts("cc-004", "narrative.totals_composition")[0] == (2, "consistent")


def test_scores_are_read_at_the_finest_precision():
    # 48 + 27.5 + 10 + 9.6 = 95.1: 48 is 48.0, so 96.1 cannot be a rounding of the parts
    [f] = _findings("cd-010", "perf.total_score", "自评总分95.1分", "自评总分95.6分")
    assert f.verdict == "inconsistent"


@pytest.mark.parametrize("sentence, verdicts", [
    ("货物、工程和服务支出占政府采购支出总额的比重分别为25.00%、50.00%、25.00%。",
     ["consistent", "consistent", "consistent"]),
    ("货物、工程和服务支出占政府采购支出总额的比重分别为25.00%、45.00%、25.00%。",
     ["consistent", "inconsistent", "consistent"]),
    # names and shares that do not pair one to one are not paired
    ("货物和服务支出占政府采购支出总额的比重分别为25.00%、50.00%、25.00%。", []),
])
def test_shares_stated_respectively(sentence, verdicts):
    text = ("2022年度本单位政府采购支出总额1,200.00万元，其中：政府采购货物支出300.00万元、"
            "政府采购工程支出600.00万元、政府采购服务支出300.00万元。\n" + sentence)
    found = edited_findings("respectively", text, "narrative.share", "", "")
    assert [f.verdict for f in sorted(found, key=lambda f: f.start) if f.line == 2] == verdicts


@pytest.mark.parametrize("old, new, verdict", [
    ("其他用房2,417.00平方米", "附属用房2,317.00平方米", "inconsistent"),   # one digit short: a slip
    ("其他用房2,417.00平方米", "附属用房1,000.00平方米", "unverifiable"),   # short: an item may be left out
    ("其他用房2,417.00平方米", "其他用房1,000.00平方米", "inconsistent"),   # … but not when 其他 closes the list
    ("其他用房2,417.00平方米", "附属用房2,417.00亩", "unverifiable"),       # another unit is no part
])
def test_area_lists(old, new, verdict):
    found = _findings("ce-009", "narrative.list_total", old, new)
    assert sorted({f.verdict for f in found if f.line == 2}) == ([verdict] if verdict else [])


def test_a_joined_change_needs_equal_income_and_expense():
    # ce-001 with its expense total no longer equal to its income total: no level for 收支预算总额
    found = _findings("ce-001", "narrative.change_rate", "支出预算9,938.42万元", "支出预算9,900.00万元")
    assert {f.verdict for f in found if f.line == 4} == {"unverifiable"}


def test_a_reversed_direction_against_the_opening_balance_is_named():
    found = _findings("cb-018", "narrative.prior_change", "比年初增加782.29万元", "比年初减少782.29万元")
    assert [f.verdict for f in found] == ["inconsistent"] and "方向词有误" in found[0].message


@pytest.mark.parametrize("pid, old, new", [
    # "其中科学技术支出（类）…，项目支出…": a 功能 class beside 项目支出 — two cuts of one total, no list
    ("cg-008", "", ""),
    # "…，主要用于小学教育…、初中教育…；": what a part pays for is no further part
    ("cg-007", "", ""),
    # "其中财政拨款…，占95.6%；区档案数字化加工中心项目支出最多，为69.79万元": a remark after ; ends the list
    ("cg-029", "", ""),
])
def test_no_list_is_read(pid, old, new):
    found = _findings(pid, "narrative.list_total", old, new)
    assert [f for f in found if f.verdict == "inconsistent"] == []


def test_a_fund_restated_in_a_later_part_is_no_second_part():
    # ch-001: 财政拨款收、支总计 = 一般公共预算财政拨款支出 + 年末结转; section 五 restates the fund's figure
    found = _findings("ch-001", "narrative.totals_composition")
    assert [f.verdict for f in found if f.line == 9] == ["consistent", "consistent"]
