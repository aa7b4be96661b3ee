"""Wordings of other departments for forms the corpus prints one way (docs/claims.md).

- A rate against a zero base said in words (``增长率不可比``, ``增幅无法计算``) is ``not_comparable``,
  as the template's dash placeholder ``增长—(基数为 0,不可比)`` is; the words inside that
  placeholder's brackets are not a second claim.
- A label before a colon names the figure after it (``增长率：-5%`` is a growth rate).

The check cases restate seed 000 line 468 (其他收入 20 万元, 比上年决算数增加 20 万元: a zero base).
"""

from __future__ import annotations

import pytest

from nlp.checks import check_document
from nlp.claims import extract_claims
from nlp.load import load_text

SEED_468 = "8. 其他收入 20万元,比上年决算数增加 20 万元,增长—(基数为 0,不可比)。"


def kinds(text):
    return [(c.kind, c.text) for c in extract_claims(load_text(text))]


@pytest.mark.parametrize("words", ["增长率不可比", "增幅无法计算", "增长率为不可比", "增减率：无法比较", "增长不具可比性"])
def test_not_comparable_in_words(words):
    text = SEED_468.replace("增长—(基数为 0,不可比)", words)
    got = [k for k in kinds(text) if k[0] == "not_comparable"]
    assert len(got) == 1 and words.endswith(got[0][1]), kinds(text)


@pytest.mark.parametrize("text", [
    SEED_468,  # the template's placeholder: one claim, the dash
    SEED_468.replace("增长—(", "增长率：—("),  # a colon after the rate word
])
def test_placeholder_brackets_give_one_claim(text):
    got = [k for k in kinds(text) if k[0] == "not_comparable"]
    assert got == [("not_comparable", "—")]


@pytest.mark.parametrize("text", [
    "三是公务用车购置费及运行维护费1001万元(含公务用车购置费不可比因素),同比增长34.91%。",  # p0069
    "两年统计口径不同，数据不可比。",
])
def test_other_uses_of_bukebi_are_no_claims(text):
    assert [k for k in kinds(text) if k[0] == "not_comparable"] == []


@pytest.mark.parametrize("added, verdict", [
    ("20 万元,增长率不可比", "consistent"),      # base 20 − 20 = 0
    ("10 万元,增长率不可比", "inconsistent"),    # base 10: a rate can be computed
])
def test_zero_base_checks_words(added, verdict):
    doc = load_text(SEED_468.replace("20 万元,增长—(基数为 0,不可比)", added))
    findings, _ = check_document(doc, claims=extract_claims(doc), tables=[], cells=[])
    assert [f.verdict for f in findings if f.rule == "narrative.zero_base"] == [verdict]


@pytest.mark.parametrize("text, kind, direction", [
    ("公务接待费10万元，增长率：-5%。", "growth_rate", "减少"),
    ("公务接待费10万元，增长率:5%。", "growth_rate", "增加"),
    ("其中：财政拨款收入100万元。", "amount", None),
    ("一般公共服务支出80万元，占比：40%。", "share", None),
])
def test_label_before_a_colon_names_the_figure(text, kind, direction):
    c = extract_claims(load_text(text))[-1]
    assert (c.kind, c.direction) == (kind, direction)


# A rate or a share written in Chinese numerals (百分之…) is a claim like its Arabic twin; the 之 of
# 百分之 is not the ordinal-like 之 that keeps "之一" out.
@pytest.mark.parametrize("text, kind, value", [
    ("比上年增加213.40万元，增长百分之六点八四，主要原因是", "growth_rate", "6.84"),
    ("基本支出1,956.20万元，占百分之七十二点八七；", "share", "72.87"),
    ("比上年减少12万元，下降百分之五。", "growth_rate", "5"),
])
def test_rates_in_chinese_numerals(text, kind, value):
    got = [(c.kind, str(c.value)) for c in extract_claims(load_text(text)) if c.unit == "%"]
    assert got == [(kind, value)]


@pytest.mark.parametrize("text, verdict", [
    ("本部门收入2,684.50万元，比上年增加213.40万元，增长百分之八点六四。", "consistent"),
    ("本部门收入2,684.50万元，比上年增加213.40万元，增长百分之六点八四。", "inconsistent"),
])
def test_a_rate_in_chinese_numerals_is_checked(text, verdict):
    doc = load_text(text)
    findings, _ = check_document(doc, claims=extract_claims(doc), tables=[], cells=[])
    assert [f.verdict for f in findings if f.rule == "narrative.change_rate"] == [verdict]
