"""The whole pipeline, stage by stage, on generated budget-like text: no exception, records in range.

``nlp.pipeline.analyze`` swallows stage errors into notes, so this test calls the same stage
functions directly (load_text → sections → tables → claims → checks → reasons) and lets any
exception surface.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import pipeline
from nlp.load import load_text
from nlp.sections import find_sections, narrative_lines

FRAGMENTS = [
    "一、部门基本情况", "二、收入支出决算总体情况说明", "（一）", "1.", "一是", "二是", "主要原因是",
    "2023年度", "收入总计", "支出总计", "一般公共预算财政拨款支出", "基本支出", "项目支出",
    "“三公”经费", "公务接待费", "公务用车购置及运行费", "因公出国（境）费",
    "1234.56万元", "0万元", "12.3亿元", "49, 644. 69", "10.391.38", "8.9%", "-3.5%", "100%",
    "比上年增加", "比上年减少", "较年初预算", "增长", "下降", "持平", "占", "完成率", "得分", "95分",
    "，", "。", "；", "：", "（", "）", "\n", "\t", " ", "|", "| --- |", "\r\n",
    "项目\t预算数\t决算数", "合计\t150.00\t158.50", "单位：万元", "表1", "预算数为", "决算数为",
    "无", "本部门", "人员增加", "因工作需要", "厉行节约", "由于", "主要用于",
]
ALPHABET = st.characters(blacklist_categories=("Cs",))
PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=6),
                  st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str))
TEXT = st.lists(PIECE, max_size=60).map("".join)


def run_stages(text: str):
    doc = load_text(text, doc="<hyp>")
    sections = find_sections(doc)
    narrative_lines(doc, sections, kinds=pipeline.NARRATIVE_KINDS)
    tables, cells = pipeline._tables(doc, sections)
    claims = pipeline._claims(doc, sections, tables, cells)
    findings, _coverage = pipeline._checks(doc, sections, tables, cells, claims)
    reasons = pipeline._reasons(doc, claims, sections)
    return doc, claims, findings, reasons


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_pipeline_stages_never_raise(text):
    doc, claims, _findings, reasons = run_stages(text)
    n = len(doc.text)
    for c in claims:
        assert 0 <= c.start <= c.end <= n
        assert 1 <= c.line <= max(doc.n_lines, 1)
    for r in reasons:
        start, end = getattr(r, "start", None), getattr(r, "end", None)
        if start is not None and end is not None:
            assert 0 <= start <= end <= n
