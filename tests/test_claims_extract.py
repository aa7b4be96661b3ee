"""Claims on real corpus text: every NOISE §1–§2 form that appears in narrative, kinds, not-claims."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nlp.claims import extract_claims
from nlp.load import load_text


@pytest.fixture(scope="module")
def seed_claims(seed_docs):
    return {k: extract_claims(d) for k, d in seed_docs.items()}


def on_line(claims, line):
    return [(c.kind, None if c.value is None else str(c.value), c.unit) for c in claims if c.line == line]


def passage(text):
    return extract_claims(load_text(text))


def kinds_values(text):
    return [(c.kind, None if c.value is None else str(c.value), c.unit) for c in passage(text)]


# --- NOISE §1 number forms, on the seed lines where they occur ---------------------------------

@pytest.mark.parametrize("seed, line, expected", [
    # 1.1 / 1.2 OCR spaces after comma and point (000:507 `13. 16 万元`), normalised then read
    ("000", 507, ("amount", "13.16", "万元")),
    # 1.3 dot as thousands separator `10.391.38`
    ("000", 484, ("change", "10391.38", "万元")),
    # 1.5 thousands separators in narrative
    ("003", 906, ("amount", "49057.92", "万元")),
    # 1.6 trailing zero dropped: precision as stated
    ("000", 494, ("amount", "13.5", "万元")),
    ("004", 1256, ("amount", "62.7", "万元")),
    # 1.7 integer 万元
    ("003", 910, ("amount", "59", "万元")),
    ("002", 93, ("amount", "600", "万元")),
    # 1.8 four-decimal 万元
    ("001", 846, ("amount", "22.1904", "万元")),
    # 1.9 percent without decimals
    ("000", 475, ("growth_rate", "30", "%")),
    ("000", 515, ("growth_rate", "9", "%")),
    # 1.11 万 / 亿 as a count multiplier, not money
    ("000", 539, ("count", "3200", "万件")),
    ("000", 703, ("count", "72.4", "万人次")),
    ("001", 1487, ("count", "24.6", "亿条")),
    ("002", 49, ("count", "10", "万支")),
    ("004", 1348, ("count", "114.86", "万通")),
    ("004", 1350, ("count", "33.90", "万人")),
    # 1.12 non-money numbers in money sentences
    ("003", 926, ("amount", "12193.49", "平方米")),
    ("003", 926, ("count", "7", "辆")),
    # 2.1 unit 万 missing: read as stated (元), so the checker can flag it
    ("001", 685, ("amount", "81.12", "元")),
    # 2.2 number and unit split across a line break: the claim's line is the number's line
    ("000", 488, ("amount", "49644.69", "万元")),
    ("004", 1098, ("change", "84.42", "万元")),
    # 2.3 unit split by a space `49,644.69万 元`
    ("000", 484, ("amount", "49644.69", "万元")),
    # 2.4 keyword split across a line break: `下` / `降 100%`, `增` / `长 125.00%`, `减` / `少 0.07`
    ("004", 1100, ("growth_rate", "100", "%")),
    ("004", 1193, ("growth_rate", "125.00", "%")),
    ("004", 1205, ("change", "0.07", "万元")),
    # 2.6 base-0 growth printed as 0.00%
    ("004", 1146, ("growth_rate", "0.00", "%")),
    # 2.8 half-width punctuation `万元,增长` and full-width `万元，增长`
    ("001", 576, ("growth_rate", "26.28", "%")),
    ("001", 584, ("growth_rate", "34.02", "%")),
])
def test_noise_forms_read_on_their_line(seed_claims, seed, line, expected):
    assert expected in on_line(seed_claims[seed], line)


@pytest.mark.parametrize("seed, line, count", [
    ("000", 468, 1),   # 2.5 `增长—(基数为 0`
    ("000", 494, 3),   # `完成预算 0 万元的——%` twice and `增长——(`
    ("000", 490, 2),   # CJK 一 used as a dash, and `—`
    ("004", 1186, 1),  # 2.7 garbled `完成预算 0.00 万元的增长--`
    ("004", 1187, 1),
])
def test_dash_placeholders_are_not_comparable(seed_claims, seed, line, count):
    got = [k for k, _, _ in on_line(seed_claims[seed], line) if k == "not_comparable"]
    assert len(got) == count
    # never read as a number ("minus" or "one")
    assert all(v is not None for k, v, _ in on_line(seed_claims[seed], line) if k in ("growth_rate", "amount"))


def test_split_number_keeps_offsets_and_text(seed_docs, seed_claims):
    doc = seed_docs["000"]
    c = next(c for c in seed_claims["000"] if c.line == 488 and c.kind == "amount" and c.subject
             and "一般公共预算" in c.subject)
    assert doc.line_of(c.start) == 488
    assert doc.line_of(c.end - 1) == 490          # the unit 元 sits two lines further down
    assert c.text.startswith("49,644.69万") and c.text.endswith("元")
    assert c.value_wan == Decimal("49644.69")


def test_keyword_split_change_and_rate_share_a_group(seed_claims):
    cs = [c for c in seed_claims["004"] if c.line in (1098, 1100)]
    change = next(c for c in cs if c.kind == "change")
    rate = next(c for c in cs if c.kind == "growth_rate")
    assert change.direction == rate.direction == "减少"
    assert change.group == rate.group
    assert change.base == "上年决算"


@pytest.mark.parametrize("seed, line", [
    ("001", 932),   # 2.10 7x24 (a table row: not narrative at all)
    ("004", 1330),  # 7*24
])
def test_seven_by_24_is_not_a_claim(seed_claims, seed, line):
    assert on_line(seed_claims[seed], line) == []


def test_comparison_signs_give_targets(seed_claims):
    # 2.11 `\geq 99.9%` (LaTeX, normalised to ≥): a target with its operator
    t = [c for c in seed_claims["001"] if c.line == 994 and c.kind == "target" and c.unit == "%"]
    assert t and t[0].operator == "≥" and t[0].value == Decimal("99.9")


def test_ids_unique_and_groups_tie_statements(seed_claims):
    for claims in seed_claims.values():
        ids = [c.id for c in claims]
        assert len(ids) == len(set(ids))
    g = [c for c in seed_claims["000"] if c.line == 460]
    assert {c.kind for c in g} == {"amount", "change", "growth_rate"}
    assert len({c.group for c in g}) == 1
    assert {c.subject_key for c in g} == {"一般公共预算财政拨款收入"}


# --- kinds on passages (real sentences from corpora/passages) --------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2022年度“三公”经费预算较2021年度增加1.68万元,其中公务接待较上年同期减少0.58万元,减少4.68%。",
     [("change", "1.68", "万元"), ("change", "0.58", "万元"), ("growth_rate", "4.68", "%")]),
    ("2019年保山市环境保护局“三公”经费财政拨款预算安排389000元,比上年预算增56400元,同比增长16.96%。",
     [("amount", "389000", "元"), ("change", "56400", "元"), ("growth_rate", "16.96", "%")]),
    ("公务接待费支出决算1.52万元,占100%;公务用车购置及运行维护费支出决算0万元,占0%。",
     [("amount", "1.52", "万元"), ("share", "100", "%"), ("amount", "0", "万元"), ("share", "0", "%")]),
    ("2021年度一般公共预算财政拨款“三公”经费支出预算为89.90万元,支出决算为57.53万元,完成预算的63.99%。",
     [("amount", "89.90", "万元"), ("amount", "57.53", "万元"), ("completion_rate", "63.99", "%")]),
    ("2019年本部门一般公共预算“三公”经费预算支出9.80万元,较上年减少18.50万元(65.37%)。",
     [("amount", "9.80", "万元"), ("change", "18.50", "万元"), ("growth_rate", "65.37", "%")]),
    ("国内公务接待3批次,接待16人次;年末公务用车保有量38辆。",
     [("count", "3", "批次"), ("count", "16", "人次"), ("count", "38", "辆")]),
    ("因公出国(境)费预算与上年持平。", [("flat", None, None)]),
    ("自评得分为99.5分,评价等级为优。", [("score", "99.5", "分"), ("grade", None, None)]),
    ("人工话务接通率目标值≥80%,实际完成值62.83%。", [("target", "80", "%"), ("actual", "62.83", "%")]),
    ("預算數1.8萬元,決算數1.52萬元。", [("amount", "1.8", "万元"), ("amount", "1.52", "万元")]),
    ("比年初预算8.3亿元减少1.8亿多元。", [("amount", "8.3", "亿元"), ("change", "1.8", "亿元")]),
    ("财政拨款收入177.28万元,占29.67%,与2016年相比21.79万元,增加14.01%。",
     [("amount", "177.28", "万元"), ("share", "29.67", "%"), ("change", "21.79", "万元"),
      ("growth_rate", "14.01", "%")]),
])
def test_kinds_on_passages(text, expected):
    assert kinds_values(text) == expected


def test_approximation_words_are_kept():
    cs = passage("全年大厅来访人数近72.4万人次,受理诉求超3200万件,集成业务办理量约21万件,服务器800台以上,进驻30多个部门。")
    assert [(str(c.value), c.approx) for c in cs] == [("72.4", "近"), ("3200", "超"), ("21", "约"),
                                                       ("800", "以上"), ("30", "多")]


def test_verbless_change_takes_direction_from_rate():
    cs = passage("财政拨款收入177.28万元,与2016年相比21.79万元,增加14.01%。")
    ch = next(c for c in cs if c.kind == "change")
    assert ch.direction == "增加"


def test_pinyin_glosses_do_not_break_numbers():
    cs = passage("2022年度“三公”经费预(yù)算数(shù)为12.5万元,比上年减少2.5萬(wàn)元。")
    assert [(c.kind, str(c.value), c.unit) for c in cs] == [("amount", "12.5", "万元"), ("change", "2.5", "万元")]


# --- not claims ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "根据《关于印发广州市政务服务数据管理局职能配置的通知》(穗文〔2019〕52号)开展工作。",
    "截至2022年12月31日,本部门资产情况如下。",
    "全年开通7×24小时的人工服务,话务员进行7*24小时的排班,接受7x24小时报障。",
    "广州12345政府服务热线受理中心2021年信息化建设项目已完成。",
    "一、收入支出决算总体情况说明\n(一)年度收入总体情况\n1.一般公共预算财政拨款收入",
    "严格落实中央八项规定精神和省委省政府十项规定,过紧日子十条措施。",
    "在2022年全国考核中排名第3名,位列前五名。",
    "升级WAF1000设备,采用2.0版本,租用2M-SDH数字电路。",
    "具体情况如表1所示。",
])
def test_not_claims(text):
    assert kinds_values(text) == []


def test_years_dates_and_document_numbers_are_not_claims_in_seed(seed_claims):
    for claims in seed_claims.values():
        for c in claims:
            assert not (c.unit in ("年", None) and c.value is not None and 1990 <= c.value <= 2100
                        and c.value == int(c.value) and c.kind == "count")


def test_bare_passage_is_read_whole():
    cs = passage("一、2022年“三公”经费预算安排情况\n2022年度“三公”经费预算总计21.8万元,其中:因公出国(境)经费0万元。")
    assert [(c.line, str(c.value)) for c in cs] == [(2, "21.8"), (2, "0")]


def test_sentence_and_section_fields():
    cs = passage("公务接待费支出0.89万元,比上年减少1.63万元。其他收入20万元。")
    assert cs[0].sentence == "公务接待费支出0.89万元,比上年减少1.63万元。"
    assert cs[-1].sentence == "其他收入20万元。"
    assert all(c.section == "情况说明" for c in cs)
