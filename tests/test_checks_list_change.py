"""narrative.list_change: the parts' changes net to the total's change, also when each part's change is
stated in a later sentence ("其中：A 预算为 0 万元，B 预算为 4 万元，C 预算为 75 万元。具体情况如下：（二）B 预算
4 万元，比上年减少 4 万元…") or after "主要用于以下方面："; the one change figure that slipped is named when a
single repair fits (real passages, one figure edited)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run, edited_findings


def _list_changes(pid: str, old: str = "", new: str = "") -> list:
    return edited_findings(pid, passages()[pid]["text"], "narrative.list_change", old, new)


@pytest.mark.parametrize("pid, line", [("p0013", 2), ("p0016", 2)])
def test_part_changes_stated_in_later_items_net_to_the_total(pid, line):
    # p0013: "…预算为79万元,比上年预算减少49万元…其中:因公出国(境)费…0万元,公务接待费…4万元,公务用车…75万元。
    # 具体情况如下:(一)…持平…(二)…比2021年预算减少4万元…(三)…减少45万元"
    [f] = [f for f in _list_changes(pid) if f.line == line]
    assert f.verdict == "consistent"
    assert len(f.evidence["lines"]) > 1  # the later items' lines are cited


@pytest.mark.parametrize("pid, old, new, line", [
    ("p0013", "比上年预算减少49万元", "比上年预算减少59万元", 2),        # the total's change
    ("p0013", "比2021年预算减少45万元", "比2021年预算减少35万元", 2),   # a later item's change
    ("p0016", "比2019年预算减少4.8万元", "比2019年预算减少3.8万元", 2),
])
def test_a_slipped_change_breaks_the_net(pid, old, new, line):
    [f] = [f for f in _list_changes(pid, old, new) if f.line == line or f.evidence.get("slip")]
    assert f.verdict == "inconsistent" and f.severity == "high"


def test_the_total_named_when_only_its_own_repair_fits():
    # 94 for 49: the total's two digits swapped; no part's single repair nets to 94
    [f] = [f for f in _list_changes("p0013", "比上年预算减少49万元", "比上年预算减少94万元") if f.line == 2]
    assert f.verdict == "inconsistent"
    assert f.evidence["slip"].endswith("应为 49万元（两位数字颠倒）")


def test_no_slip_named_when_two_repairs_fit():
    # 增加4 for 减少4: reversing it fits, but so does the total's 49 read as 41 (one digit): not told apart
    [f] = [f for f in _list_changes("p0013", "比2021年预算减少4万元", "比2021年预算增加4万元") if f.verdict == "inconsistent"]
    assert "slip" not in (f.evidence or {})
    assert f.line == 2


def test_a_budget_list_after_its_total_is_read():
    # "…“三公”经费支出预算为79万元…。其中:因公出国(境)费支出预算为0万元,…": the parts are budgets as the total is
    _, _, findings = document_run("p0013", passages()["p0013"]["text"])
    [f] = [f for f in findings if f.rule == "narrative.list_total" and f.line == 2]
    assert f.verdict == "consistent" and "79" in f.message
