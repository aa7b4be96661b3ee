"""narrative.amount_unit on budgets: "年初预算8.5元，支出决算4.5万元" — a budget written in 元 among the
sentence's 万元 amounts of its order (real passages p0086 and p0101, one unit edited)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run


def _units(pid: str, old: str = "", new: str = ""):
    text = passages()[pid]["text"]
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    _, _, findings = document_run(f"{pid}:{old}->{new}", text)
    return [f for f in findings if f.rule == "narrative.amount_unit"]


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
