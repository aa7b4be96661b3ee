"""The tables stage (nlp.tables) on the PDF rendering: the same Cell records as the text layouts.

Skipped until nlp.tables is importable. Expected values are read off the PDF pages. Where the
tables parser does not yet read the PDF rendering right, the test is an xfail naming the parser issue
(not strict: the parser is being worked on; an XPASS in the report means it is fixed).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import PDFS

tables = pytest.importorskip("nlp.tables")

CZJ = PDFS / "上海市普陀区财政局2024年度部门决算.pdf"
GH = PDFS / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
TEMPLATE = PDFS / "附件2：部门决算模板.pdf"

TEMPLATE_SET = {
    "T1": ("收入支出决算总表", 6), "T2": ("收入决算表", 8), "T3": ("支出决算表", 10),
    "T4": ("财政拨款收入支出决算总表", 12), "T5": ("一般公共预算财政拨款支出决算表", 15),
    "T6": ("一般公共预算财政拨款基本支出决算表", 16), "T7": ("财政拨款“三公”经费支出决算表", 18),
    "T8": ("政府性基金预算财政拨款收入支出决算表", 19), "T9": ("国有资本经营预算财政拨款收入支出决算表", 20),
}


@pytest.fixture(scope="module")
def czj():
    from nlp.load import load

    doc = load(str(CZJ))
    return doc, {t.id: t for t in tables.extract_tables(doc)}


def cell(found, tid: str, key: str, column: str, side: str | None = None):
    _, ts = found
    hits = [c for c in ts[tid].cells if (c.row_code == key or c.row_label == key) and c.column == column
            and (side is None or c.side == side)]
    assert len(hits) == 1, (tid, key, column, hits)
    return hits[0]


def test_every_template_table_recognised(czj):
    doc, ts = czj
    for tid, (title, page) in TEMPLATE_SET.items():
        assert tid in ts, tid
        t = ts[tid]
        assert t.title == title and t.identified_by == "title", tid
        assert doc.page_of(t.start_line) == page, tid


@pytest.mark.parametrize("tid, key, column, side, value, page", [
    ("T1", "一、一般公共预算财政拨款收入", "决算数", "收入", "2940.05", 6),
    ("T1", "九、卫生健康支出", "决算数", "支出", "60.99", 6),
    ("T1", "本年收入合计", "决算数", "收入", "2946.25", 6),
    ("T1", "年初结转和结余", "决算数", "收入", "49.14", 7),  # continued on page 7
    ("T1", "总计", "决算数", "支出", "2995.39", 7),
    ("T2", "2010601", "本年收入合计", None, "1511.90", 8),
    ("T2", "2010601", "财政拨款收入", None, "1511.89", 8),
    ("T2", "2210203", "财政拨款收入", None, "258.50", 9),
    ("T3", "2010602", "项目支出", None, "10.00", 10),
    ("T3", "2010602", "基本支出", None, None, 10),  # blank, not 0
    ("T3", "合计", "基本支出", None, "2336.91", 10),
    ("T4", "总计", "金额", "收入", "2961.68", 13),
    ("T4", "总计", "政府性基金预算财政拨款", "支出", None, 13),
    ("T5", "2080505", "基本支出", None, "160.75", 15),
    ("T5", "2080505", "项目支出", None, None, 15),
    ("T5", "合计", "项目支出", None, "603.14", 15),
    ("T6", "30112", "金额", "人员经费", "1.61", 16),
    ("T6", "30211", "金额", "公用经费", "1.20", 16),
    ("T6", "30203", "金额", "公用经费", None, 16),
    ("T6", "人员经费合计", "金额", "人员经费", "2152.26", 17),
])
def test_cells_match_the_pdf(czj, tid, key, column, side, value, page):
    c = cell(czj, tid, key, column, side)
    assert c.value == (Decimal(value) if value is not None else None)
    assert c.page == page and c.bbox is not None and len(c.bbox) == 4


def test_split_codes_arrive_as_whole_codes(czj):
    _, ts = czj
    codes = {c.row_code for c in ts["T5"].cells if c.row_code}
    assert {"201", "20106", "2010601", "2010602", "2010607", "2010608", "208", "20805", "2080501",
            "2080505", "2080506", "2080599", "210", "21011", "2101101", "221", "22102", "2210201",
            "2210203"} <= codes
    econ = {c.row_code for c in ts["T6"].cells if c.row_code}
    assert {"301", "30101", "30113", "30199", "303", "30309", "302", "30201", "30299", "310", "31002"} <= econ


@pytest.mark.xfail(reason="nlp.tables coded tables: with no 栏次 row the column count is taken from the "
                   "most figures in one row (3), so 事业收入…其他收入 of the tab rendering are cut off")
def test_t2_other_income_column(czj):
    assert cell(czj, "T2", "合计", "其他收入").value == Decimal("6.20")


def test_t7_budget_of_reception(czj):
    _, ts = czj
    assert any(c.value == Decimal("0.95") for c in ts["T7"].cells)


@pytest.mark.xfail(reason="nlp.tables titles: the part heading '上海市…2024年度部门决算表' "
                   "above '收入支出决算总表' is taken as the title, so T1 is not identified")
@pytest.mark.parametrize("path", [GH, TEMPLATE], ids=["规划", "template"])
def test_other_pdfs_template_set(path):
    from nlp.load import load

    ids = {t.id for t in tables.extract_tables(load(str(path)))}
    assert set(TEMPLATE_SET) <= ids


@pytest.mark.parametrize("path", [GH, TEMPLATE], ids=["规划", "template"])
def test_other_pdfs_t2_to_t9(path):
    from nlp.load import load

    ids = {t.id for t in tables.extract_tables(load(str(path)))}
    assert set(TEMPLATE_SET) - {"T1"} <= ids
