"""Normalisation: every NOISE.md §1/§2/§3 text form that normalisation owns, with offsets kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.document import Document
from nlp.normalize import normalise, normalise_text

from .conftest import SEED


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("合计\t49, 664. 69\t49, 644. 69", "合计\t49,664.69\t49,644.69"),  # 1.1 OCR spaces
        ("一般公共服务支出\t34, 970. 13", "一般公共服务支出\t34,970.13"),
        ("九、卫生健康支出\t39\t3. 45", "九、卫生健康支出\t39\t3.45"),  # 1.2 space after point
        ("公务用车运行维护费支出 13. 16 万元", "公务用车运行维护费支出 13.16 万元"),
        ("比上年决算数增加 10.391.38 万元", "比上年决算数增加 10,391.38 万元"),  # 1.3 dot as thousands sep
        ("341.11\t341. 11", "341.11\t341.11"),  # 1.4 same cell twice
        ("<p>2811.8</p>", "2811.8"),  # 3.13 HTML
        ("目标值 $\\geq 99.9\\%$", "目标值 ≥ 99.9%"),  # 2.11 / 3.13 LaTeX
        ("$20 \\text{万} \\div \\text{个} \\times 3$", "20 万 ÷ 个 × 3"),
        ("**二是政务服务便利化再提升。**", "二是政务服务便利化再提升。"),  # 3.14 bold
        ("增加 1332.69 万元，增长 34.02％", "增加 1332.69 万元,增长 34.02%"),  # 2.8 full width
        ("收入（项）：１２３．４５", "收入(项):123.45"),
        ("決算數大於預算數的主要原因", "决算数大于预算数的主要原因"),  # traditional
        ("公務用車運行維護費 12.5 萬元", "公务用车运行维护费 12.5 万元"),
        ("決算數(shù)小于預(yù)算數(shù)", "决算数小于预算数"),  # pinyin glosses from mirror sites
        ("經(jīng)費預(yù)算安排", "经费预算安排"),
    ],
)
def test_forms(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["- 1. 20个项目", "1. 2022年度收入", "因公出国(境)费", "收入(a)", "2022.12.31", "穗文〔2019〕52 号", "7×24", "7x24", "1.2.3"],
)
def test_left_alone(raw):
    assert normalise_text(raw) == raw


def test_line_structure_is_kept_on_a_whole_seed():
    raw = SEED["000"].read_text(encoding="utf-8")
    norm = normalise(raw).mapped
    assert norm.text.count("\n") == raw.count("\n")
    assert len(norm.origin) == len(norm.text) + 1


@pytest.mark.parametrize("seed, line, figure", [
    ("000", 484, "10,391.38"),  # 1.3 in narrative
    ("000", 460, "49,644.69"),
    ("000", 507, "13.16"),  # 1.2 in narrative
])
def test_offsets_map_back_to_input_columns(seed, line, figure):
    raw = SEED[seed].read_text(encoding="utf-8")
    doc = Document.from_text(seed, raw)
    text_line = doc.lines[line - 1]
    i = doc.line_start(line) + text_line.index(figure)
    got_line, col = doc.position(i)
    assert got_line == line
    raw_line = raw.split("\n")[line - 1]
    # the first digit of the normalised figure sits on the same digit of the input
    assert raw_line[col - 1] == figure[0]
    end_line, end_col = doc.position(i + len(figure) - 1)
    assert end_line == line and raw_line[end_col - 1] == figure[-1]


def test_stream_joins_wrapped_keywords_and_units():
    raw = SEED["004"].read_text(encoding="utf-8")
    doc = Document.from_text("004", raw)
    s = doc.stream(1096, 1102)
    assert "下降100%" in s.text  # 2.4 keyword split across lines: 下 / 降
    i = s.text.index("降100%")
    assert doc.position(s.source(i))[0] == 1100


def test_stream_joins_number_and_unit_across_lines():
    raw = SEED["000"].read_text(encoding="utf-8")
    doc = Document.from_text("000", raw)
    s = doc.stream(486, 490)
    assert "49,644.69万元,比年初预算数增加1,979.12万元" in s.text  # 2.2 number / unit split
    assert "49,644.69万元,比上年" in doc.stream(484, 484).text  # 2.3 "万 元"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_unicode_normalises_with_a_full_map(text):
    mt = normalise(text).mapped
    assert len(mt.origin) == len(mt.text) + 1
    assert mt.text.count("\n") == text.replace("\r", "").count("\n") or "\r" in text
    assert all(0 <= o <= len(text) for o in mt.origin)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789., 万元增加下降\n\t%（）()：:一是")), max_size=80))
def test_stream_maps_every_char_into_the_document(text):
    doc = Document.from_text("h", text)
    s = doc.stream()
    for i in range(len(s.text)):
        assert 0 <= s.source(i) <= len(doc.text)


def test_invisible_format_characters_are_dropped_and_positions_still_map():
    # A zero-width non-joiner inside a number split it ("12\u200c3.4万元" read as 3.4万元).
    from nlp.normalize import normalise

    raw = "支出12\u200c3.4万元\u202e，增长\u00ad3%\u2060。\n"
    n = normalise(raw)
    assert n.mapped.text == "支出123.4万元,增长3%。\n"
    i = n.mapped.text.index("3.4")
    assert raw[n.mapped.origin[i]] == "3"


def test_script_and_style_elements_are_dropped_with_their_content():
    from nlp.normalize import normalise_text

    raw = '<script>alert("x")</script>支出12万元<STYLE type="a">p{x:1}</style >。<b>增长</b>3%\n'
    assert normalise_text(raw) == "支出12万元。增长3%\n"


def test_a_bare_heading_line_opens_a_paragraph():
    """p0162: "项目资金执行情况分析" alone on its line is a heading, not the start of a wrapped sentence."""
    from nlp.reasons.gold import passages

    doc = Document.from_text("p0162", passages()["p0162"]["text"])
    assert "项目资金执行情况分析\n2023年实际使用补贴资金13.6万元" in doc.stream().text


def _reflowed_001_1040() -> str:
    """Seed 001 line 1040 with its enumerators "1." and "2." each alone on a line, as some PDF
    converters print a list."""
    line = SEED["001"].read_text(encoding="utf-8").split("\n")[1039]
    assert "如下:1.受财力" in line and "。2.按项目进度" in line
    return line.replace("如下:1.", "如下:\n1.\n").replace("。2.", "。\n2.\n")


def test_a_marker_alone_on_its_line_runs_on_into_its_item():
    doc = Document.from_text("001-reflowed", _reflowed_001_1040())
    text = doc.stream().text
    assert "\n1.受财力约束" in text and "\n2.按项目进度" in text
