"""narrative.amount_unit on budgets: "年初预算8.5元，支出决算4.5万元" — a budget written in 元 among the
sentence's 万元 amounts of its order (real passages p0086 and p0101, one unit edited)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run, edited_findings


def _units(pid: str, old: str = "", new: str = ""):
    return edited_findings(pid, passages()[pid]["text"], "narrative.amount_unit", old, new)


@pytest.mark.parametrize("pid, old, new, line", [
    ("p0086", "年初预算8.5万元", "年初预算8.5元", 3),
    ("p0101", "年初预算3.05万元", "年初预算3.05元", 3),
])
def test_a_budget_in_yuan_among_wan_figures_is_reported(pid, old, new, line):
    assert not [f for f in _units(pid) if f.verdict == "inconsistent"]
    [f] = [f for f in _units(pid, old, new) if f.verdict == "inconsistent"]
    assert (f.line, f.expected, f.severity) == (line, new.removeprefix("年初预算").replace("元", "万元"), "medium")


@pytest.mark.parametrize("text, reported", [
    ("年初预算600元，支出决算1200万元，完成年初预算的98%。", True),
    ("年初预算每人每年600元，支出决算1200万元，完成年初预算的98%。", False),  # a standard per person: 元 by custom
])
def test_a_per_unit_budget_in_yuan_is_not_reported(text, reported):
    _, _, findings = document_run(text, text)
    assert any(f.rule == "narrative.amount_unit" and f.verdict == "inconsistent" for f in findings) is reported


@pytest.mark.parametrize("pid, old, new, line, why", [
    # the share fits the figure only in 万元: 0.18 万元 of 57.53 万元 is 0.31%, 0.18 元 is 0.00003%
    ("p0174", "公务接待费支出决算0.18万元", "公务接待费支出决算0.18元", 4, "占比按万元相符"),
    # the sentence opens with its list: the total of the sentence before is its peer
    ("p0196", "财政拨款收入153.47万元", "财政拨款收入153.47元", 8, None),
])
def test_a_yuan_figure_that_reads_as_wan_by_its_share_or_its_total(pid, old, new, line, why):
    assert not [f for f in _units(pid) if f.verdict == "inconsistent"]
    [f] = [f for f in _units(pid, old, new) if f.verdict == "inconsistent"]
    assert f.line == line and f.expected.endswith("万元")
    assert (f.evidence or {}).get("reason") == why


def test_a_published_yuan_slip_under_a_list_opening():
    # p0069 as published: "…“三公”经费支出1283万元…。其中公共财政拨款的“三公”经费支出1208元，增长27.16%"
    [f] = [f for f in _units("p0069") if f.verdict == "inconsistent" and f.line == 9]
    assert f.stated == "1208元" and f.expected == "1208万元"


def test_a_share_of_another_part_is_no_evidence():
    # a 元 figure whose share fits only another listed part (which has its own share) is not judged by it
    # (接待费 5 万元 would be 5% of 出国费 100 万元, but 100 万元 is a part with its own share, not the whole)
    text = "三公经费支出决算中，因公出国（境）费支出决算100万元，占95%；公务接待费支出决算5元，占5%。"
    assert not [f for f in document_run(text, text)[2]
                if f.rule == "narrative.amount_unit" and f.verdict == "inconsistent"]
