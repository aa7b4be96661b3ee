"""A "其中" list that falls short of its total by one mistyped digit is an error, not a partial list
(real passages, one figure edited; real partial lists stay unverifiable)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run


def _list_totals(pid: str, old: str = "", new: str = "", line: int | None = None):
    text = passages()[pid]["text"]
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    _, _, findings = document_run(f"{pid}:{old}->{new}", text)
    return [f for f in findings if f.rule == "narrative.list_total" and (line is None or f.line == line)]


@pytest.mark.parametrize("old, new, culprit", [
    ("一般公共预算财政拨款6504.54万元", "一般公共预算财政拨款6204.54万元", "应为 6504.54"),  # a part: gap 300.00
    ("总收入6804.27万元", "总收入6894.27万元", "应为 6804.27"),  # the total: gap 90.00
])
def test_a_one_digit_shortfall_is_reported_with_the_likely_slip(old, new, culprit):
    clean = _list_totals("p0205", line=16)
    assert [f.verdict for f in clean] == ["consistent"]
    [edited] = _list_totals("p0205", old, new, line=16)
    assert edited.verdict == "inconsistent" and edited.severity == "medium"
    assert culprit in edited.evidence["slip"] and "疑为笔误" in edited.message


@pytest.mark.parametrize("pid, line, why", [
    ("p0074", 2, "gap 0.74: two digits, a left-out item"),
    ("p0115", 4, "integers, gap 10: a last-place gap may be an item of 10"),
    ("p0160", 8, "the list is cut off: a gap of 798.49 is no mistyped digit"),
])
def test_real_partial_lists_stay_unverifiable(pid, line, why):
    found = _list_totals(pid, line=line)
    assert found and all(f.verdict == "unverifiable" for f in found), why
    assert all(f.evidence.get("reason") == "列举可能不完整" for f in found)


@pytest.mark.parametrize("pid, line, old, new, stated, printed_sum", [
    # p0025: 0 + 30.93 + 9.22 = 40.15 against 合计 40.14 (one cent); p0073: 0 + 12 + 8 = 20 against 21 (integers)
    ("p0025", None, "公务接待费9.21万元", "公务接待费9.22万元", "40.14万元", "40.15万元"),
    ("p0073", 1, "公务接待费9万元", "公务接待费8万元", "21万元", "20.00万元"),
])
def test_a_last_place_residue_is_rounding_not_consistent(pid, line, old, new, stated, printed_sum):
    [clean] = _list_totals(pid, line=line)
    assert clean.verdict == "consistent"  # as published the parts add up
    [edited] = _list_totals(pid, old, new, line=line)
    assert (edited.verdict, edited.stated, edited.expected) == ("rounding", stated, printed_sum)
    assert "尾差" in edited.message


@pytest.mark.parametrize("pid, line, old, new, culprit, reason", [
    # the total's decimal point moved: the parts add up to exactly a tenth of it
    ("p0144", 2, "预算10441万元", "预算104410万元", "104410万元 应为 10441万元", "小数点错位"),
    ("p0123", 2, "实际收入1699.12万元", "实际收入16991.2万元", "16991.2万元 应为 1699.12万元", "小数点错位"),
    # a part's point moved, or a part written in 元: read ×10 (×10000) it completes the list
    ("p0144", 2, "资金8353万元", "资金835.3万元", "835.3万元 应为 8353万元", "小数点错位"),
    ("p0144", 2, "资金2088万元", "资金2088元", "2088元 应为 20880000元", "单位错位"),
])
def test_a_shifted_figure_that_completes_the_list_is_named(pid, line, old, new, culprit, reason):
    clean = min(_list_totals(pid, line=line), key=lambda f: f.start)  # the line's first list
    assert clean.verdict == "consistent"
    edited = min(_list_totals(pid, old, new, line=line), key=lambda f: f.start)
    assert (edited.verdict, edited.severity, edited.evidence["reason"]) == ("inconsistent", "medium", reason)
    assert edited.evidence["slip"].endswith(culprit) and "疑为笔误" in edited.message


def test_a_list_stops_before_a_new_total_with_its_own_list():
    # "…上年结转结余263.90万元；全年实际支出1595.59万元，其中…": 实际支出 is not a part of 实际收入
    found = sorted(_list_totals("p0123", "实际收入1699.12万元", "实际收入16991.2万元", line=2), key=lambda f: f.start)
    assert [f.verdict for f in found] == ["inconsistent", "consistent"]
    assert "结转结余263.90万元，合计 1,699.12万元" in found[0].message and "实际支出" not in found[0].message


def test_a_short_total_ten_times_its_parts_is_no_slip():
    # 618 has three significant digits: a split of 10% is too likely to call 61.8 a slip
    found = _list_totals("p0111", "项目批复总投资61.8万元,其中中央", "项目批复总投资618万元,其中中央", line=7)
    assert found and all(f.verdict == "unverifiable" for f in found)
