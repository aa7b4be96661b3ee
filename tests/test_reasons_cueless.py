"""Explanations with no cue phrase: the rest of a change's sentence naming a cause ("…下降 7.83%，认真贯彻落实
中央八项规定精神…"), a 一方面…另一方面 list opening the next sentence, and 主要为 right after a change's figure.
Real passages with their cue taken out; sentence tails that only state a status are no explanation."""

from __future__ import annotations

import pytest

from nlp.load import load_text
from nlp.reasons import extract_reasons
from nlp.reasons.gold import passages


def _line(pid: str, n: int) -> str:
    return passages()[pid]["text"].split("\n")[n - 1]


def _reasons(text: str) -> tuple[list, list]:
    recs = extract_reasons(load_text(text))
    return [r for r in recs if r.kind == "reason"], [r for r in recs if r.kind == "missing"]


@pytest.mark.parametrize("pid, n, cue", [
    ("p0023", 5, "主要原因是认真贯彻"),   # austerity: 认真贯彻落实中央八项规定精神…
    ("p0085", 2, "主要原因是受新冠"),     # external_shock: 受新冠疫情影响,出国(境)团(组)减少
    ("p0167", 7, "主要原因是我局严格"),   # austerity: 我局严格控制公务用车的运行费用
    ("p0169", 24, "主要原因是严格做好"),  # austerity: 严格做好接待审批…
])
def test_a_cause_after_the_figures_with_no_cue(pid, n, cue):
    line = _line(pid, n)
    assert cue in line
    with_cue, _ = _reasons(line)
    bare = line.replace(cue, cue.replace("主要原因是", ""), 1)
    got, missing = _reasons(bare)
    want = [r for r in with_cue if r.clause.startswith(cue.replace("主要原因是", ""))]
    [r] = [r for r in got if want and r.clause == want[0].clause]
    assert r.cue in ("", None) and r.explains == want[0].explains
    assert not [m for m in missing if m.line == want[0].line]


@pytest.mark.parametrize("pid, n, status", [
    ("p0069", 9, "达到零增长要求"),   # a status after the rate, not a cause: the change stays unexplained
    ("p0088", 5, "未發(fā)生增減變動"),  # "比2020年減少0萬元,未發生增減變動": restates the figure
])
def test_a_status_after_the_figures_is_no_explanation(pid, n, status):
    line = _line(pid, n)
    assert status in line
    got, _ = _reasons(line)
    assert not [r for r in got if status in r.clause]


@pytest.mark.parametrize("pid, n, cue, reason", [
    ("p0026", 4, "主要是事业单位公车改革,", "公务用车保有量减少4辆"),
    ("p0027", 4, "主要是因公车改革,", "公务用车保有量减少2辆"),
])
def test_a_count_that_changed_is_a_cause_with_no_cue(pid, n, cue, reason):
    """"…较年初预算数减少4万元,公务用车保有量减少4辆;公务接待费…": the cause runs to the ；, its count allowed."""
    line = _line(pid, n)
    assert cue + reason in line
    got, _ = _reasons(line.replace(cue, "", 1))
    [r] = [r for r in got if r.clause == reason]
    assert r.cue == "" and "vehicles" in r.labels


def test_yifangmian_list_after_the_change():
    """Seed 000's 一是…二是… list with no cue, written 一方面…另一方面 instead."""
    from tests.test_reasons_find import _seed_line

    line = _seed_line("000", 474).replace("主要变动情况:", "")
    assert "一是" in line and "二是" in line
    side = line.replace("一是", "一方面，", 1).replace("二是", "另一方面，", 1)
    want = [r.clause for r in _reasons(line)[0]]
    got, missing = _reasons(side)
    assert len(want) == 2 and [r.clause for r in got] == want and not missing


def test_zhuyaowei_after_a_change_but_not_after_a_level():
    line = _line("p0103", 3)  # "…减少12.61%,主要原因是本年度地方政府专项债拨款和疫情防控专项资金拨款数减少。"
    assert "主要原因是本年度" in line
    got, _ = _reasons(line.replace("主要原因是本年度", "主要为本年度", 1))
    assert [r for r in got if r.clause.startswith("本年度地方政府专项债")]
    level = "一般公共预算财政拨款支出120.00万元，主要为人员经费和日常公用经费。"
    assert not _reasons(level)[0]
