"""narrative.double_negative: a decrease word followed by a minus sign (下降-2.1%) is a wording defect."""

from __future__ import annotations

import pytest

from nlp import load_text
from nlp.checks import check_document
from nlp.claims import extract_claims


def findings(text: str):
    doc = load_text(text, doc="t")
    found, _ = check_document(doc, claims=extract_claims(doc))
    return [f for f in found if f.rule == "narrative.double_negative"]


@pytest.mark.parametrize("text, expected", [
    ("2023年一般公共预算财政拨款支出100.00万元，比上年下降-2.1%，主要原因是人员减少。", "下降2.1%"),
    ("公务接待费支出3.2万元，较上年减少-1.1万元，主要是压减接待次数。", "减少1.1万元"),
    ("机关运行经费支出58.6万元，降幅为-4.06%。", "降幅4.06%"),
])
def test_a_decrease_word_with_a_minus_is_reported(text, expected):
    got = findings(text)
    assert len(got) == 1 and got[0].verdict == "inconsistent" and got[0].severity == "low"
    assert got[0].expected == expected and got[0].line == 1


@pytest.mark.parametrize("text", [
    "2023年一般公共预算财政拨款支出100.00万元，比上年增长-2.1%。",   # a signed rate after 增长: a fall, well written
    "2023年一般公共预算财政拨款支出100.00万元，比上年下降2.1%。",
    "收入合计1,200.00万元，增减变化-5.2万元。",
])
def test_no_double_negative_without_one(text):
    assert findings(text) == []
