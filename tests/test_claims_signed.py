"""Signed figures and item numbers glued to figures (docs/claims.md, "Signed figures").

A negative figure after a change word is a decrease of its magnitude (``增长-3.5%`` → 减少 3.5);
the printed text keeps the sign and the offsets cover it. An enumerator run into a figure
(``7.21个司法所``) is an item number, not a decimal. The checks see the signed meaning.
"""

from __future__ import annotations

import json

import pytest

from nlp.checks import check_document
from nlp.claims import extract_claims
from nlp.load import load, load_text
from nlp.resources import corpus_path

from .conftest import SEED


def claims(text):
    doc = load_text(text)
    return doc, extract_claims(doc)


def one(text, kind):
    """The single claim of ``kind`` in ``text``."""
    doc, cs = claims(text)
    got = [c for c in cs if c.kind == kind]
    assert len(got) == 1, [(c.text, c.kind) for c in cs]
    return doc, got[0]


# (sentence, kind, printed text, magnitude, direction, how the sign was read)
SIGNED = [
    ("一般公共预算财政拨款支出100万元，比上年增长-3.5%。", "growth_rate", "-3.5%", "3.5", "减少", "flips"),
    ("增长率为-12.30%。", "growth_rate", "-12.30%", "12.30", "减少", "flips"),
    ("办公费10万元，增减变化-5.2万元。", "change", "-5.2万元", "5.2", "减少", "decides"),
    ("办公费10万元，较上年增加-0.8万元。", "change", "-0.8万元", "0.8", "减少", "flips"),
    ("收入100万元，同比增长 -3%。", "growth_rate", "-3%", "3", "减少", "flips"),
    ("支出50万元，增幅为－15.6%。", "growth_rate", "-15.6%", "15.6", "减少", "flips"),  # full-width minus
    ("支出50万元，变动率 −8.3%。", "growth_rate", "−8.3%", "8.3", "减少", "decides"),  # U+2212
    ("支出50万元，比上年增长负3.5%。", "growth_rate", "负3.5%", "3.5", "减少", "flips"),
    ("支出50万元，比上年下降-2.1%。", "growth_rate", "-2.1%", "2.1", "减少", "restates"),  # double negative
    ("增减额 -120.5万元", "change", "-120.5万元", "120.5", "减少", "decides"),
    ("办公费10万元，增减额+5万元。", "change", "+5万元", "5", "增加", "decides"),
    ("支出50万元，比上年增长+3%。", "growth_rate", "+3%", "3", "增加", "restates"),
]


@pytest.mark.parametrize("text, kind, printed, value, direction, reading", SIGNED)
def test_signed_change_keeps_text_and_takes_direction_from_the_sign(text, kind, printed, value, direction, reading):
    doc, c = one(text, kind)
    assert c.text == printed and doc.text[c.start:c.end] == printed  # the sign is inside the offsets
    assert str(c.value) == value  # a change carries its magnitude; the direction carries the sign
    assert c.direction == direction
    assert c.extra["sign"] == reading
    assert c.extra["signed"] == ("-" if direction == "减少" else "") + value


@pytest.mark.parametrize("text, double", [
    ("支出50万元，比上年下降-2.1%。", True),        # a decrease word before a negative figure
    ("支出50万元，降幅为-4.06%。", True),
    ("支出50万元，比上年减少-2万元。", True),
    ("支出50万元，比上年减少18.50万元(-65.37%)。", False),  # a bracketed rate restating its change's sign
    ("支出50万元，比上年增长-3.5%。", False),
])
def test_double_negative_is_flagged_only_after_a_decrease_word(text, double):
    _, cs = claims(text)
    signed = [c for c in cs if "signed" in c.extra]
    assert len(signed) == 1 and signed[0].direction == "减少"
    assert signed[0].extra.get("double_negative", False) is double


def test_money_value_of_a_signed_change_is_the_magnitude():
    _, c = one("办公费10万元，较上年增加-0.8万元。", "change")
    assert str(c.value_wan) == "0.8"


@pytest.mark.parametrize("text, kind, value", [
    ("差额为-5万元。", "amount", "-5"),                 # no direction: the value itself is negative
    ("降幅前三为徐州(-11.00%)、盐城(-7.09%)。", "percent", "-11.00"),  # p0232: a ranking, not a change
    ("1、總收入 | 1 | 61625022.26 | 66095039.04 | -4470016.78 | -6.76% |", "percent", "-6.76"),  # p0035:3
])
def test_figure_without_direction_keeps_the_sign_in_its_value(text, kind, value):
    _, cs = claims(text)
    got = [c for c in cs if c.kind == kind]
    assert got and str(got[0].value) == value and got[0].text.startswith(("-", "−"))
    assert got[0].extra["sign"] == "value"


@pytest.mark.parametrize("text, expected", [
    ("期限3个月-6个月。", [("3", "个月"), ("6", "个月")]),              # a range after a figure with unit
    ("金额10万元-2万元。", [("10", "万元"), ("2", "万元")]),
    ("7-10个工作日办结。", []),                                           # a range after a digit
    ("收入10万元 -2万元=8万元", [("10", "万元"), ("2", "万元"), ("8", "万元")]),  # a written formula
    ("项目如下：\n-3个项目", [("3", "个")]),                              # a bullet at a line start
    ("正负3%", [("3", "%")]),                                            # 正负 is ±
    ("预计三-5个工作日", [("5", "个工作日")]),                           # after a Chinese numeral
])
def test_dashes_that_are_not_signs(text, expected):
    _, cs = claims(text)
    assert [(str(c.value), c.unit) for c in cs] == expected
    assert all("signed" not in c.extra for c in cs)


@pytest.mark.parametrize("text", ["收入100万元，增长--(基数为0,不可比)。", "完成预算0万元的——%。"])
def test_dash_placeholders_stay_not_comparable(text):
    _, cs = claims(text)
    assert [c.kind for c in cs][-1] == "not_comparable"


def test_coordinated_rates_take_their_own_signs():
    _, cs = claims("同比增长-3%和5%。")
    assert [(c.kind, str(c.value), c.direction) for c in cs] == [
        ("growth_rate", "3", "减少"), ("growth_rate", "5", "增加")]


def test_verbless_change_takes_its_own_sign_before_the_rate():
    _, cs = claims("支出50万元，与上年相比-21.79万元，下降14%。")
    ch = next(c for c in cs if c.kind == "change")
    assert ch.direction == "减少" and str(ch.value) == "21.79"


def test_neutral_change_word_without_sign_leaves_direction_open():
    _, c = one("办公费10万元，增减变化5.2万元。", "change")
    assert c.direction is None and "signed" not in c.extra


@pytest.mark.parametrize("text, value, direction", [
    ("支出50万元，增幅为15.6%。", "15.6", "增加"),   # 增幅为 names the rate, not a level reached
    ("支出50万元，降幅为15.6%。", "15.6", "减少"),
])
def test_rate_noun_before_wei_is_a_growth_rate(text, value, direction):
    _, c = one(text, "growth_rate")
    assert (str(c.value), c.direction) == (value, direction)


# --- the checks see the signed meaning ----------------------------------------------------------

# 000:460 as printed, turned into a fall stated with signs: 39,253.31 = 49,644.69 − 10,391.38, and
# 10,391.38 ÷ 49,644.69 = 20.93%.
S_FALL = "1. 一般公共预算财政拨款收入 39,253.31 万元,比上年决算数增加 -10,391.38 万元,增长 -20.93%。"


def verdicts(text, rule):
    doc = load_text(text)
    findings, _ = check_document(doc, claims=extract_claims(doc), tables=[], cells=[])
    return [f.verdict for f in findings if f.rule == rule]


@pytest.mark.parametrize("text, rule, verdict", [
    (S_FALL, "narrative.change_rate", "consistent"),
    (S_FALL, "narrative.direction", "consistent"),
    (S_FALL.replace("增长 -20.93%", "增长 20.93%"), "narrative.direction", "inconsistent"),  # signs disagree
    (S_FALL.replace("增长 -20.93%", "下降 20.93%"), "narrative.direction", "consistent"),
    (S_FALL.replace("-10,391.38", "10,391.38").replace("-20.93", "20.93"), "narrative.change_rate", "inconsistent"),
    (S_FALL.replace("-20.93%", "-26.47%"), "narrative.change_rate", "inconsistent"),  # the rate of a rise
])
def test_checks_use_the_signed_meaning(text, rule, verdict):
    assert verdicts(text, rule) == [verdict]


# --- item numbers glued to a figure ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("(二)总体绩效目标完成情况分析。\n7.21个司法所基本完成信息化建设。", [("count", "21", "个", "21个")]),  # p0194:11
    ("完成率达 100%。\n2.24 小时人工服务比率的完成情况。", [("percent", "100", "%", "100%")]),      # 004:1328
    ("考核验收:3.15家企业完成整改。", [("count", "15", "家", "15家")]),
    ("1.12345热线接通率。", []),                                         # no unit: nothing either way
    ("同比增长2.24%。", [("growth_rate", "2.24", "%", "2.24%")]),         # decimals stay decimals
    ("项目资金如下。\n2.24万元用于设备采购。", [("amount", "2.24", "万元", "2.24万元")]),
    ("办理时限如下。\n2.5小时内办结。", [("count", "2.5", "小时", "2.5小时")]),  # a duration may be decimal
    ("共建成7.21个站点。", [("count", "7.21", "个", "7.21个")]),           # not at an item start
])
def test_item_number_is_not_merged_into_a_decimal(text, expected):
    _, cs = claims(text)
    assert [(c.kind, str(c.value), c.unit, c.text) for c in cs] == expected


def test_seed_004_item_number_before_24_hours():
    doc = load(str(SEED["004"]))
    line = next(i for i, l in enumerate(doc.lines, 1) if l.startswith("2.24 小时人工服务比率"))
    assert not [c for c in extract_claims(doc) if c.line == line]


def test_passage_item_number_before_a_count():
    passages = {r["id"]: r["text"] for r in map(json.loads, corpus_path("passages", "passages.jsonl").open(encoding="utf-8"))}
    doc = load_text(passages["p0194"], doc="p0194")
    got = [(str(c.value), c.unit) for c in extract_claims(doc) if c.line == 11]
    assert got == [("21", "个")]
