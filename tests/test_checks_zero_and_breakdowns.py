"""A stated zero is exactly zero; shares of a complete breakdown (real passages, one figure edited)."""

import pytest

from nlp.reasons.gold import passages
from tests.check_runs import document_run


def _findings(pid: str, old: str = "", new: str = "", rule: str = ""):
    text = passages()[pid]["text"]
    if old:
        assert text.count(old) >= 1
        text = text.replace(old, new, 1)
    _, _, findings = document_run(f"{pid}:{old}->{new}", text)
    return [f for f in findings if not rule or f.rule == rule]


@pytest.mark.parametrize("pid, old, new, line", [
    ("p0001", "7.73万元", "7.79万元", 4),     # 0 + 12.39 + 7.79 = 20.18 > 20.12
    ("p0025", "30.93万元", "30.53万元", 2),   # 0 + 30.53 + 9.21 = 39.74 < 40.14 (三公 is complete)
    ("p0027", "1.34万元", "1.14万元", 2),
])
def test_a_list_with_a_zero_part_is_checked_to_the_cent(pid, old, new, line):
    clean = [f.verdict for f in _findings(pid, rule="narrative.list_total") if f.line == line]
    edited = [f.verdict for f in _findings(pid, old, new, "narrative.list_total") if f.line == line]
    # (a line may hold a second, bracketed list too: 公务用车 14.03 万元（购置费 0 万元、运行维护费 14.03 万元）)
    assert clean and set(clean) == {"consistent"} and "inconsistent" in edited


def test_zero_money_is_an_exact_interval():
    from decimal import Decimal

    from nlp.checks.common import wan
    from nlp.records import Claim

    z = wan(Claim(doc="d", line=1, start=0, end=3, text="0万元", sentence="", kind="amount", value=Decimal("0"), unit="万元"))
    assert (z.lo, z.hi) == (0, 0)
    w = wan(Claim(doc="d", line=1, start=0, end=5, text="0.3亿元", sentence="", kind="amount", value=Decimal("0.3"), unit="亿元"))
    assert (w.lo, w.hi) == (Decimal("2500.0"), Decimal("3500.0"))


def test_a_share_of_a_stated_total_its_list_adds_up_to():
    """三公 1.52 万元, listed 0 + 1.52 + 0: the 接待 share is of 1.52 even when it disagrees (97%)."""
    clean = _findings("p0042", rule="narrative.share")
    edited = _findings("p0042", "占100%", "占97%", "narrative.share")
    assert {f.verdict for f in clean} == {"consistent"}
    assert [f.verdict for f in edited if f.stated.startswith("97")] == ["inconsistent"]
    sums = _findings("p0042", "占100%", "占97%", "narrative.share_sum")
    assert [f.verdict for f in sums] == ["inconsistent"]


def test_shares_of_a_complete_breakdown_add_up_to_100_without_a_denominator():
    edited = _findings("p0173", "占86.24%", "占89.24%", "narrative.share_sum")
    assert [f.verdict for f in edited] == ["inconsistent"]
    assert "103" in edited[0].message


@pytest.mark.parametrize("old, new", [
    ("公务接待费支出决算4.15万元", "公务接待费支出决算2.15万元"),  # 26.09 ÷ 28.24 = 92.4%, not 86.24%
    ("运行维护费支出决算26.09万元", "运行维护费支出决算28.09万元"),
])
def test_a_part_edited_under_shares_that_add_up_is_caught_by_the_sum_of_the_parts(old, new):
    """p0173 states no 三公 total; its shares add up to 100%, so the whole is the sum of the three
    listed items and each share is checked against it."""
    clean = {f.stated: f.verdict for f in _findings("p0173", rule="narrative.share")}
    assert clean["86.24%"] == "consistent"
    edited = _findings("p0173", old, new, "narrative.share")
    assert {f.stated: f.verdict for f in edited}["86.24%"] == "inconsistent"
    assert all("完整构成" in f.message for f in edited)


@pytest.mark.parametrize("pid", ["p0109", "p0199"])
def test_shares_of_a_larger_whole_or_of_two_lists_are_not_summed(pid):
    """p0109: 用车 1.4 万元 占 0.02% (of the total spending); p0199: 收入 and 支出 lists on two lines."""
    assert not [f for f in _findings(pid, rule="narrative.share_sum") if f.verdict == "inconsistent"]
