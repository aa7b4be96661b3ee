"""reason_missing: the ways a change or budget gap is stated, and parts folded into their total."""

from __future__ import annotations

import pytest

from nlp.load import load_text
from nlp.reasons import extract_reasons
from nlp.reasons.figures import directions, needs_explanation


@pytest.mark.parametrize("text, year, budget", [
    ("因公出国(境)经费0万元,较上年增加(减少)0万元(0%)", "持平", None),
    # a mid-year cut executed at 100% of the adjusted budget is a gap to the initial budget
    ("年初预算 5,900.51 万元,年中调减预算 2,797.33 万元,调整后预算 3,103.18 万元,实际支出 3,103.18 万元,预算执行率 100%",
     None, "小于"),
    ("全年预算数1437530.39万元,全区执行数1042971.58万元", None, "小于"),
    ("指标金额是110万元,实际拨付金额是108万元", None, "小于"),
    ("项目预算总额 73,387.27万元,截止 2021年 12 月 31 日,已经支出70,909.19万元", None, "小于"),
    ("全年预算数为200万元,执行数为200万元", None, "等于"),
    ("全市一般公共预算收入2441亿元、增长16%", "增加", None),
    ("资金补贴完成率17%", None, "小于"),
    ("经费发放率为98%", None, "小于"),
])
def test_directions_of_stated_gaps(text, year, budget):
    d = directions(text)
    assert (d.year, d.budget) == (year, budget)


@pytest.mark.parametrize("text", [
    "年初预算安排100万元,支出执行率100%",
    "满意度达到95%",  # an indicator, not money
    "预算数1000万元,其中人员经费800万元",  # no actual
])
def test_not_a_gap(text):
    assert needs_explanation(text) is None


def _missing(text):
    doc = load_text(text, doc="t")
    return [r for r in extract_reasons(doc, claims=[]) if r.kind == "missing"]


def test_parts_fold_into_their_unexplained_total():
    text = ("1-5月,全县完成财政总收入4348万元,占年初预算10065万元的43.2%,同比下降6.5%。"
            "其中:税收收入3511万元,同比下降5.2%;非税收入837万元,同比下降11.7%。"
            "按级次分:上划中省收入2628万元,同比增长9.5%。"
            "完成地方一般公共预算收入1720万元,同比下降23.6%。")
    recs = _missing(text)
    assert [r.explained.split(",")[-1] for r in recs] == ["同比下降6.5%", "同比下降23.6%"]
    assert text.find("按级次分") < recs[0].end <= text.find("完成地方")


def test_parts_of_an_explained_total_stay_flagged():
    text = ("本年支出100万元,比上年减少20万元,主要原因是人员减少。"
            "其中:公用经费30万元,比上年增加5万元;人员经费70万元,比上年减少25万元。")
    recs = _missing(text)
    assert len(recs) == 2 and all("其中" not in r.explained or "公用经费" in r.explained for r in recs)


def test_a_reason_after_the_nearest_figures_explains_the_gap_further_up():
    text = ("全年预算数为200万元,执行数为179.43万元,完成预算的89.7%。"
            "一是开展活动130场,线下观众达到13万人次。"
            "发现的主要问题及原因:受疫情影响,部分项目未能按时完成。")
    assert _missing(text) == []


def test_explanations_given_by_direction_leave_the_other_direction_missing():
    text = ("三公经费支出决算为2.52万元,完成预算的100%,比上年决算数增加0.98万元。"
            "其中:公务用车运行维护费支出决算为1.89万元,完成预算的100%,比上年决算数增加1.05万元;"
            "公务接待费支出决算为0.63万元,完成预算的100%,比上年决算数减少0.07万元。"
            "三公经费支出决算大于上年决算数的主要原因:公务来访调研学习增加。"
            "三公经费支出决算小于预算数的主要原因:从严控制开支。")
    recs = _missing(text)
    assert [r.explained[:5] for r in recs] == ["公务接待费"]


def test_one_explanation_covers_the_parts_of_its_statement():
    text = ("三公经费预算1938万元,同比增长20.07%;其中:因公出国费43万元,同比下降18.87%;"
            "公务用车购置费384万元,同比增长100%。三公经费预算增长的主要原因:购置车辆。")
    assert _missing(text) == []


@pytest.mark.parametrize("line, cells", [
    ("其中:(1)公务用车购置费 | 14.80 | 0 | -14.8 | -100% |", True),
    ("项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |", True),
    ("总体目标完成情况 | 落实各项就业创业扶持政策,做好各项就业工作,加强公共就业创业服务机构服务能力建设。就业补助资金主要用于基层特岗人员工资。 | 完成 |", False),
    ("本年支出比上年增加10万元,主要原因是人员增加。", False),
])
def test_rows_of_short_cells_are_not_prose(line, cells):
    from nlp.reasons.extract import _cell_row

    assert _cell_row(line) is cells


def test_budget_and_actual_of_different_items_are_no_gap():
    assert needs_explanation("三公经费预算54万元,其中:因公出国(境)费支出决算0万元") is None


def test_parts_after_a_mid_piece_qizhong_fold_into_the_total():
    text = ("2021年安排三公经费财政拨款预算51.87亿元,比2020年预算减少3.3亿元,下降6%,其中:因公出国(境)费6.74亿元,"
            "减少0.04亿元,下降0.6%;公务用车购置及运行费42.68亿元,减少3.11亿元,下降6.8%;公务接待费2.45亿元,减少0.15亿元,下降5.8%。")
    recs = _missing(text)
    assert len(recs) == 1 and recs[0].end >= text.find("下降5.8%")
