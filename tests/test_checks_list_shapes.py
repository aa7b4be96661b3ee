"""List shapes beyond "X 万元，其中：…": the level before a change ("X 元，比上年增 Y 元，增长 Z%，其中：…"),
a bracket with no trigger word after a figure ("X 万元（购置费 A 万元，运行维护费 B 万元）"), and a one-digit
slip among figures of mixed precision (real passages and seeds, one figure edited)."""

import pytest

from nlp.reasons.gold import passages
from nlp.resources import corpus_path
from tests.check_runs import document_run, edited_findings


def _text(src: str) -> str:
    if src.startswith("p0"):
        return passages()[src]["text"]
    return (corpus_path("seeds") / src).read_text(encoding="utf-8")


def _lists(src: str, line: int, old: str = "", new: str = ""):
    return edited_findings(src, _text(src), "narrative.list_total", old, new, line)


@pytest.mark.parametrize("src, line, old, new, verdict", [
    # "运行维护及购置费325000元,比上年预算增72000元,同比增长28.46%,其中:购置费0元,…;运行维护费325000元,…"
    ("p0099", 7, "公务用车运行维护费325000元", "公务用车运行维护费335000元", "inconsistent"),
    # "购置及运行费12万元,比2015年预算减少2万元,其中:购置费0万元、运行费12万元"
    ("p0073", 6, "运行费12万元,比2015年预算减少2万元,其中:购置费0万元", "运行费12万元,比2015年预算减少2万元,其中:购置费3万元",
     "inconsistent"),
])
def test_a_list_after_the_change_of_a_level_details_that_level(src, line, old, new, verdict):
    [clean] = _lists(src, line)
    assert clean.verdict == "consistent"
    assert [f.verdict for f in _lists(src, line, old, new)] == [verdict]


def test_a_list_after_a_change_must_be_a_complete_breakdown():
    # p0089: "…决算数为431.38万元,相比预算数减少约44万元,其中公车购置费为0元;北京市教育委员会…6360.73万元":
    # after the change the next department's total is no part
    text = passages()["p0089"]["text"]
    _, _, findings = document_run("p0089", text)
    assert not [f for f in findings if f.rule == "narrative.list_total" and "公车购置费" in f.message]


@pytest.mark.parametrize("src, line, old, new", [
    ("003_addf04541b682303.txt", 912, "公务用车购置及运行费 20.40 万元（", "公务用车购置及运行费 20.20 万元（"),
    ("p0188", 3, "公务用车购置费109.0万元", "公务用车购置费119.0万元"),
    ("p0026", 2, "公务用车运行维护费21万元", "公务用车运行维护费27万元"),
])
def test_a_bracket_holding_a_complete_breakdown_is_its_figures_list(src, line, old, new):
    clean = _lists(src, line)
    assert clean and {f.verdict for f in clean} == {"consistent"}
    edited = _lists(src, line, old, new)
    assert "inconsistent" in {f.verdict for f in edited}


def test_a_bracket_list_names_its_parts_by_their_own_subjects():
    [f] = [f for f in _lists("p0188", 3) if "公务用车购置费" in f.message and "1,646.4" in f.stated]
    assert "所列 公务用车购置费109.0万元、公务用车运行维护费1,537.4万元" in f.message


def test_a_one_digit_slip_among_figures_of_mixed_precision():
    # p0063: "政府采购资金共计758.8万元,其中:办公设备购置款100万元,行政公用取暖费658.8万元" — 958.8 is a slip
    [f] = _lists("p0063", 2, "758.8万元", "958.8万元")
    assert f.verdict == "inconsistent" and f.evidence["reason"] == "差额为一位数字之差"
    assert "958.8万元 应为 758.8" in f.evidence["slip"]
