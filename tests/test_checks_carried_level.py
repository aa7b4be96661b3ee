"""narrative.change_rate when the change's sentence states no level: the level is the one of the same
subject up to three sentences before (no heading between), unless that sentence is of the year the change
is measured from (real passages)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import edited_findings


def _rates(pid: str, line: int, old: str = "", new: str = "") -> list:
    return edited_findings(pid, passages()[pid]["text"], "narrative.change_rate", old, new, line)


@pytest.mark.parametrize("pid, line, level_line, n", [
    ("p0027", 4, 2, 1),  # "2020年度“三公”经费15.37万元…。…(counts)…。经比较,2020年度“三公”经费较上年减少15.29万元,下降49.88%"
    ("p0188", 5, 3, 2),  # two changes (上年决算, 年初预算) of the level two sentences up
])
def test_a_level_two_sentences_up_measures_the_rate(pid, line, level_line, n):
    found = _rates(pid, line)
    assert len(found) == n
    assert all(f.verdict == "consistent" and f"第 {level_line} 行，前句所述" in f.message for f in found)


def test_a_slipped_rate_against_the_carried_level_is_reported():
    [f] = _rates("p0027", 4, "下降49.88%", "下降46.88%")
    assert f.verdict == "inconsistent" and "49.87%" in f.message


def test_a_figure_of_the_base_year_is_not_the_level():
    # p0001: "2021年度“三公”经费合计支出20.12万元,…公务用车运行费用7.73万元。⏎2022年度“三公”经费预算较2021年度
    # 增加1.68万元,…。公务用车运行费用较上年同期增加2.27万元,增长29.37%" — 7.73 is the base (2021), not the level
    found = _rates("p0001", 5)  # with 公务接待…减少0.58万元,减少4.68% (its level, 12.39 on line 4, is of 2021 too)
    assert [f.verdict for f in found] == ["unverifiable", "unverifiable"]
