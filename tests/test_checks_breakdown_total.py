"""A complete breakdown listed apart from its whole (the national 三公 template: "“三公”经费支出决算中，
因公出国（境）费…占…；公务接待费…；公务用车…") adds up to the whole stated before it, and 收入总计 stated
beside 支出总计 equals it (real passages, one figure edited)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run, edited_findings


def _findings(pid: str, rule: str, old: str = "", new: str = "", line: int | None = None):
    return edited_findings(pid, passages()[pid]["text"], rule, old, new, line)


@pytest.mark.parametrize("pid, line, old, new", [
    ("p0110", 4, "支出决算16.3万元", "支出决算16.5万元"),   # 0 + 16.5 + 9.4 = 25.9 against 25.7 two lines up
    ("p0042", 5, "支出决算1.52万元", "支出决算1.62万元"),   # the only non-zero item: 占 100% cannot tell
    ("p0086", 5, "公务接待费支出决算4.5万元", "公务接待费支出决算2.5万元"),
    ("p0036", 5, "支出決算4.46萬元", "支出決算4.96萬元"),   # traditional script
    ("p0100", 5, "支出决算0.19万元", "支出决算0.29万元"),
])
def test_items_listed_apart_add_up_to_the_whole_stated_before(pid, line, old, new):
    [clean] = _findings(pid, "narrative.breakdown_total", line=line)
    assert clean.verdict in ("consistent", "rounding")
    [edited] = _findings(pid, "narrative.breakdown_total", old, new, line=line)
    assert edited.verdict == "inconsistent" and edited.severity == "high"
    assert edited.stated == clean.stated and edited.expected != clean.expected
    assert edited.evidence["whole_line"] < line or edited.evidence["whole_line"] == line


def test_the_whole_is_the_figure_of_the_same_role_not_the_budget():
    # p0110 line 2: "…“三公”经费支出预算为30.8万元,支出决算为25.7万元": the 决算 items add up to 25.7
    [f] = _findings("p0110", "narrative.breakdown_total", line=4)
    assert f.stated == "25.7万元" and f.expected == "25.70万元"


def test_a_whole_of_another_year_is_not_used():
    text = passages()["p0110"]["text"]
    edited = text.replace("人民政府2020年度一般公共预算财政拨款“三公”经费支出决算中", "人民政府2019年度一般公共预算财政拨款“三公”经费支出决算中", 1)
    assert edited != text
    _, _, findings = document_run("p0110:year", edited)
    assert not [f for f in findings if f.rule == "narrative.breakdown_total"]


def test_no_breakdown_finding_is_inconsistent_on_the_published_passages():
    bad = []
    for pid in passages():
        bad += [(pid, f.message) for f in _findings(pid, "narrative.breakdown_total") if f.verdict == "inconsistent"]
    assert not bad


@pytest.mark.parametrize("pid, line", [("p0052", 3), ("p0054", 3), ("p0076", 5), ("p0196", 7), ("p0198", 12)])
def test_income_and_spending_grand_totals_stated_side_by_side_are_equal(pid, line):
    [clean] = _findings(pid, "narrative.totals_balance", line=line)
    assert clean.verdict == "consistent"
    text = passages()[pid]["text"].split("\n")[line - 1]
    spend = text[text.index("支出总计"):].split("万元")[0]
    figure = spend[len("支出总计"):]
    bumped = figure[:-1] + str((int(figure[-1]) + 1) % 10)  # one cent off: one figure printed twice
    [edited] = _findings(pid, "narrative.totals_balance", spend, "支出总计" + bumped, line=line)
    assert edited.verdict == "inconsistent" and "应相等" in edited.message


def test_a_fund_balance_is_no_grand_total_pair():
    # p0057: "收入总计451227万元,减支出总计425533万元,财政滚存结余25694万元"
    assert not _findings("p0057", "narrative.totals_balance")
