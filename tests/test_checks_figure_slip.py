"""narrative.figure_slip: the amount that one unit or decimal-point slip explains (docs/checks.md).

Real sentences from seed 001 (line 757) and seed 000 (lines 474–475), with one figure edited as a
slip would. The rate's own rule already reports the disagreement; this rule names the amount, when
the other figures of the text show how it writes money (a unit and decimals most figures share).
"""

from __future__ import annotations

import pytest

from nlp.checks import check_document
from nlp.claims import extract_claims
from nlp.load import load_text
from nlp.resources import corpus_path

SEED_001 = corpus_path("seeds") / "001_202dbe6575e56d7f.txt"
S001 = SEED_001.read_text(encoding="utf-8").splitlines()[756]  # its 三公 line: five budgets, rates
S000 = ("- 1. 基本支出 10,470.82 万元,比上年决算数增加 1,355.46 万元,增长 14.9%;\n"
        "- 2. 项目支出 39,193.86 万元,比上年决算数增加 9,055.92 万元,增长 30%;")


def slips(text):
    doc = load_text(text)
    findings, _ = check_document(doc, claims=extract_claims(doc), tables=[], cells=[])
    return [(f.stated, f.expected, f.evidence["slip"], f.line) for f in findings if f.rule == "narrative.figure_slip"]


@pytest.mark.parametrize("old, new, want", [
    ("2.40万元", "2.40元", ("2.40元", "2.40万元", "单位", 1)),       # the budget in 元
    ("2.40万元", "24.0万元", ("24.0万元", "2.40万元", "小数点", 1)),   # the budget's point moved
    ("0.85万元", "8.5万元", ("8.5万元", "0.85万元", "小数点", 1)),     # the actual's point moved
])
def test_completion_slip_is_placed(old, new, want):
    assert slips(S001.replace(old, new)) == [want]


@pytest.mark.parametrize("old, new, want", [
    ("1,355.46 万元", "1,355.46 元", ("1,355.46元", "1,355.46万元", "单位", 1)),
    ("1,355.46 万元", "13,554.6 万元", ("13,554.6万元", "1355.46万元", "小数点", 1)),
])
def test_change_slip_is_placed(old, new, want):
    assert slips(S000.replace(old, new)) == [want]


@pytest.mark.parametrize("text", [
    S001,
    S000,
    S001.replace("2.40万元", "2.46万元"),      # a digit typo: the rate fails, no slip explains it
    S001.replace("35.42%", "3.54%"),           # the rate's own point moved: no amount to blame
])
def test_no_slip_without_one(text):
    assert slips(text) == []


def test_no_slip_without_a_norm():
    # one sentence alone: 8.5 and 2.40 are one figure each, so no way of writing money is the usual one
    assert slips("公务接待费支出决算为8.5万元，完成预算2.40万元的35.42%。") == []
