"""The tables stage (nlp.tables) on the PDF rendering: the same Cell records as the text layouts.

Three real PDFs: the 财政局 and 规划 决算 (filled in) and the 2024 template (every cell blank).
Expected values were read off the pages rendered to images (pypdfium2), not off our own output:
blank cells are None (never 0), the split 类/款/项 codes arrive joined, and each cell carries its
page and box. The rules then run on the tables and no false inconsistency may remain.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import PDFS

tables = pytest.importorskip("nlp.tables")

CZJ = PDFS / "上海市普陀区财政局2024年度部门决算.pdf"
GH = PDFS / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
TEMPLATE = PDFS / "附件2：部门决算模板.pdf"

# canonical id → (title as printed, first page) per PDF
TITLES = {
    "T1": "收入支出决算总表", "T2": "收入决算表", "T3": "支出决算表", "T4": "财政拨款收入支出决算总表",
    "T5": "一般公共预算财政拨款支出决算表", "T6": "一般公共预算财政拨款基本支出决算表",
    "T7": "财政拨款“三公”经费支出决算表", "T8": "政府性基金预算财政拨款收入支出决算表",
    "T9": "国有资本经营预算财政拨款收入支出决算表",
}
PAGES = {
    "czj": {"T1": 6, "T2": 8, "T3": 10, "T4": 12, "T5": 15, "T6": 16, "T7": 18, "T8": 19, "T9": 20},
    "gh": {"T1": 7, "T2": 8, "T3": 10, "T4": 12, "T5": 14, "T6": 16, "T7": 17, "T8": 18, "T9": 19},
    "template": {"T1": 5, "T2": 6, "T3": 7, "T4": 8, "T5": 10, "T6": 11, "T7": 12, "T8": 13, "T9": 14},
}
PATHS = {"czj": CZJ, "gh": GH, "template": TEMPLATE}


@pytest.fixture(scope="module")
def pdfs():
    """Each PDF loaded once: (document, tables by id, findings of the table rules)."""
    from nlp.load import load
    from nlp.rules.registry import RuleContext, run_rules

    out = {}
    for name, path in PATHS.items():
        doc = load(str(path))
        ts = tables.extract_tables(doc)
        ctx = RuleContext(doc=doc, tables=ts, cells=[c for t in ts for c in t.cells])
        findings, _ = run_rules(ctx, scopes=("tables",))
        out[name] = (doc, {t.id: t for t in ts}, findings)
    return out


def cell(pdfs, name: str, tid: str, key: str, column: str, side: str | None = None):
    _, ts, _ = pdfs[name]
    hits = [c for c in ts[tid].cells if (c.row_code == key or c.row_label == key) and c.column == column
            and (side is None or c.side == side)]
    assert len(hits) == 1, (name, tid, key, column, hits)
    return hits[0]


@pytest.mark.parametrize("name", list(PATHS))
def test_every_template_table_recognised_by_title(pdfs, name):
    doc, ts, _ = pdfs[name]
    for tid, title in TITLES.items():
        assert tid in ts, (name, tid)
        t = ts[tid]
        assert t.title == title and t.identified_by == "title", (name, tid, t.title)
        assert doc.page_of(t.start_line) == PAGES[name][tid], (name, tid)
    assert not [t.id for t in ts.values() if t.id.startswith("U") and t.rows], name


# (pdf, table, row code or label, column, side, value as printed or None for a blank cell, page)
CELLS = [
    # 财政局: T1 two-sided, continued on page 7
    ("czj", "T1", "一、一般公共预算财政拨款收入", "决算数", "收入", "2940.05", 6),
    ("czj", "T1", "二、政府性基金预算财政拨款收入", "决算数", "收入", None, 6),
    ("czj", "T1", "八、其他收入", "决算数", "收入", "6.20", 6),
    ("czj", "T1", "二、外交支出", "决算数", "支出", None, 6),
    ("czj", "T1", "九、卫生健康支出", "决算数", "支出", "60.99", 6),
    ("czj", "T1", "十九、住房保障支出", "决算数", "支出", "445.69", 6),
    ("czj", "T1", "本年收入合计", "决算数", "收入", "2946.25", 6),
    ("czj", "T1", "使用非财政拨款结余(含专用结余)", "决算数", "收入", None, 7),
    ("czj", "T1", "年初结转和结余", "决算数", "收入", "49.14", 7),
    ("czj", "T1", "年末结转和结余", "决算数", "支出", "55.34", 7),
    ("czj", "T1", "总计", "决算数", "支出", "2995.39", 7),
    # T2: seven value columns although most rows fill only two (其他收入 is the last one)
    ("czj", "T2", "合计", "本年收入合计", None, "2946.25", 8),
    ("czj", "T2", "合计", "上级补助收入", None, None, 8),
    ("czj", "T2", "合计", "事业收入", None, None, 8),
    ("czj", "T2", "合计", "其他收入", None, "6.20", 8),
    ("czj", "T2", "201", "其他收入", None, "6.20", 8),
    ("czj", "T2", "2010601", "本年收入合计", None, "1511.90", 8),
    ("czj", "T2", "2010601", "财政拨款收入", None, "1511.89", 8),
    ("czj", "T2", "2010601", "其他收入", None, "0.01", 8),
    ("czj", "T2", "2010602", "本年收入合计", None, "16.19", 8),
    ("czj", "T2", "2010602", "其他收入", None, "6.19", 8),
    ("czj", "T2", "2010607", "其他收入", None, None, 8),
    ("czj", "T2", "2080505", "附属单位上缴收入", None, None, 8),
    ("czj", "T2", "2101101", "本年收入合计", None, "60.99", 9),
    ("czj", "T2", "2210203", "财政拨款收入", None, "258.50", 9),
    # T3
    ("czj", "T3", "合计", "本年支出合计", None, "2940.05", 10),
    ("czj", "T3", "合计", "基本支出", None, "2336.91", 10),
    ("czj", "T3", "合计", "对附属单位补助支出", None, None, 10),
    ("czj", "T3", "2010601", "项目支出", None, "8.37", 10),
    ("czj", "T3", "2010602", "基本支出", None, None, 10),
    ("czj", "T3", "2010602", "项目支出", None, "10.00", 10),
    ("czj", "T3", "208", "项目支出", None, None, 10),
    ("czj", "T3", "2080599", "基本支出", None, "0.94", 11),
    ("czj", "T3", "2210203", "基本支出", None, "258.50", 11),
    # T4: income side one column, expense side four
    ("czj", "T4", "八、社会保障和就业支出", "合计", "支出", "326.71", 12),
    ("czj", "T4", "八、社会保障和就业支出", "一般公共预算财政拨款", "支出", "326.71", 12),
    ("czj", "T4", "八、社会保障和就业支出", "政府性基金预算财政拨款", "支出", None, 12),
    ("czj", "T4", "本年支出合计", "国有资本经营预算财政拨款", "支出", None, 13),
    ("czj", "T4", "年初财政拨款结转和结余", "金额", "收入", "21.63", 13),
    ("czj", "T4", "年末财政拨款结转和结余", "一般公共预算财政拨款", "支出", "21.63", 13),
    ("czj", "T4", "总计", "金额", "收入", "2961.68", 13),
    ("czj", "T4", "总计", "政府性基金预算财政拨款", "支出", None, 13),
    # T5
    ("czj", "T5", "2010601", "基本支出", None, "1503.52", 15),
    ("czj", "T5", "2010608", "基本支出", None, None, 15),
    ("czj", "T5", "2080505", "基本支出", None, "160.75", 15),
    ("czj", "T5", "2080505", "项目支出", None, None, 15),
    ("czj", "T5", "合计", "项目支出", None, "603.14", 15),
    # T6: two sides; 类/款 codes joined
    ("czj", "T6", "30101", "金额", "人员经费", "262.33", 16),
    ("czj", "T6", "30102", "金额", "人员经费", "1238.58", 16),
    ("czj", "T6", "30103", "金额", "人员经费", None, 16),
    ("czj", "T6", "30112", "金额", "人员经费", "1.61", 16),
    ("czj", "T6", "30302", "金额", "人员经费", "69.10", 16),
    ("czj", "T6", "30203", "金额", "公用经费", None, 16),
    ("czj", "T6", "30211", "金额", "公用经费", "1.20", 16),
    ("czj", "T6", "30229", "金额", "公用经费", "42.77", 17),
    ("czj", "T6", "31002", "金额", "公用经费", "13.58", 17),
    ("czj", "T6", "人员经费合计", "金额", "人员经费", "2152.26", 17),
    ("czj", "T6", "公用经费合计", "金额", "公用经费", "184.65", 17),
    # T7: 预算数/决算数 alternate per item
    ("czj", "T7", "合计", "预算数", None, "0.95", 18),
    ("czj", "T7", "合计", "决算数", None, None, 18),
    ("czj", "T7", "因公出国(境)费", "预算数", None, None, 18),
    ("czj", "T7", "公务接待费", "预算数", None, "0.95", 18),
    ("czj", "T7", "公务接待费", "决算数", None, None, 18),
    # T8/T9: empty fund tables keep a blank 合计 row
    ("czj", "T8", "合计", "本年支出小计", None, None, 19),
    ("czj", "T9", "合计", "年初结转和结余", None, None, 20),
    ("czj", "T9", "合计", "项目支出", None, None, 20),
    # 规划: T1 under a part heading "上海市规划和自然资源局2024年度部门决算表"
    ("gh", "T1", "一、一般公共预算财政拨款收入", "决算数", "收入", "9746.50", 7),
    ("gh", "T1", "一、一般公共服务支出", "决算数", "支出", None, 7),
    ("gh", "T1", "八、其他收入", "决算数", "收入", None, 7),
    ("gh", "T1", "八、社会保障和就业支出", "决算数", "支出", "754.75", 7),
    ("gh", "T1", "十一、城乡社区支出", "决算数", "支出", "3845.25", 7),
    ("gh", "T1", "十八、自然资源海洋气象等支出", "决算数", "支出", "4461.67", 7),
    ("gh", "T1", "本年支出合计", "决算数", "支出", "9759.38", 7),
    ("gh", "T1", "年初结转和结余", "决算数", "收入", "112.88", 7),
    ("gh", "T1", "年末结转和结余", "决算数", "支出", "100.00", 7),
    ("gh", "T1", "总计", "决算数", "收入", "9859.38", 7),
    ("gh", "T2", "合计", "本年收入合计", None, "9746.50", 8),
    ("gh", "T2", "合计", "上级补助收入", None, None, 8),
    ("gh", "T2", "合计", "其他收入", None, None, 8),
    ("gh", "T2", "2080502", "财政拨款收入", None, "28.11", 8),
    ("gh", "T2", "2101102", "本年收入合计", None, "196.29", 8),
    ("gh", "T2", "2200150", "财政拨款收入", None, "4416.67", 9),
    ("gh", "T2", "2200150", "经营收入", None, None, 9),
    ("gh", "T3", "合计", "基本支出", None, "5377.64", 10),
    ("gh", "T3", "合计", "上缴上级支出", None, None, 10),
    ("gh", "T3", "2080505", "项目支出", None, "0.00", 10),
    ("gh", "T3", "212", "本年支出合计", None, "3845.24", 11),
    ("gh", "T3", "2120101", "基本支出", None, "1096.91", 11),
    ("gh", "T3", "2200199", "基本支出", None, "0.00", 11),
    ("gh", "T4", "十一、城乡社区支出", "一般公共预算财政拨款", "支出", "3832.36", 12),
    ("gh", "T4", "十一、城乡社区支出", "国有资本经营预算财政拨款", "支出", None, 12),
    ("gh", "T4", "年初财政拨款结转和结余", "金额", "收入", None, 13),
    ("gh", "T4", "总计", "合计", "支出", "9746.50", 13),
    ("gh", "T5", "212", "基本支出", None, "1572.70", 14),
    ("gh", "T5", "2120101", "项目支出", None, "8.77", 14),
    ("gh", "T5", "2200199", "基本支出", None, "0.00", 14),
    ("gh", "T5", "2210203", "本年支出合计", None, "171.49", 15),
    ("gh", "T5", "合计", "基本支出", None, "5364.75", 15),
    ("gh", "T6", "30107", "金额", "人员经费", "1594.02", 16),
    ("gh", "T6", "30306", "金额", "人员经费", "0.00", 16),
    ("gh", "T6", "30209", "金额", "公用经费", "82.20", 16),
    ("gh", "T6", "30217", "金额", "公用经费", "0.39", 16),
    ("gh", "T6", "310", "金额", "公用经费", "39.76", 16),
    ("gh", "T6", "人员经费合计", "金额", "人员经费", "4884.09", 16),
    ("gh", "T6", "公用经费合计", "金额", "公用经费", "480.66", 16),
    ("gh", "T7", "合计", "预算数", None, "2.85", 17),
    ("gh", "T7", "合计", "决算数", None, "0.39", 17),
    ("gh", "T7", "公务用车购置费", "决算数", None, "0.00", 17),
    ("gh", "T7", "公务接待费", "决算数", None, "0.39", 17),
    ("gh", "T8", "合计", "年末结转和结余", None, None, 18),
    ("gh", "T9", "合计", "本年收入", None, None, 19),
    # the template: every cell blank, rows and columns still all there
    ("template", "T1", "八、其他收入", "决算数", "收入", None, 5),
    ("template", "T1", "二十四、抗疫特别国债安排的支出", "决算数", "支出", None, 5),
    ("template", "T1", "总计", "决算数", "支出", None, 5),
    ("template", "T2", "合计", "其他收入", None, None, 6),
    ("template", "T2", "2050205", "本年收入合计", None, None, 6),
    ("template", "T3", "20799", "对附属单位补助支出", None, None, 7),
    ("template", "T4", "年初财政拨款结转和结余", "金额", "收入", None, 9),
    ("template", "T4", "二十四、抗疫特别国债安排的支出", "国有资本经营预算财政拨款", "支出", None, 9),
    ("template", "T5", "205", "项目支出", None, None, 10),
    ("template", "T5", "合计", "基本支出", None, None, 10),
    ("template", "T6", "30306", "金额", "人员经费", None, 11),
    ("template", "T6", "31099", "金额", "公用经费", None, 11),
    ("template", "T6", "人员经费合计", "金额", "人员经费", None, 11),
    ("template", "T6", "公用经费合计", "金额", "公用经费", None, 11),
    ("template", "T7", "公务用车运行维护费", "决算数", None, None, 12),
    ("template", "T8", "合计", "本年支出小计", None, None, 13),
    ("template", "T9", "合计", "年末结转和结余", None, None, 14),
]


@pytest.mark.parametrize("name, tid, key, column, side, value, page", CELLS)
def test_cells_match_the_pdf(pdfs, name, tid, key, column, side, value, page):
    c = cell(pdfs, name, tid, key, column, side)
    assert c.value == (Decimal(value) if value is not None else None)
    if value is not None:
        assert str(c.value) == value  # stated precision kept (0.00 stays 0.00)
    assert c.page == page and c.bbox is not None and len(c.bbox) == 4


@pytest.mark.parametrize("name, tid, n", [
    ("czj", "T2", 7), ("czj", "T3", 6), ("czj", "T5", 3), ("czj", "T8", 6), ("czj", "T9", 6),
    ("gh", "T2", 7), ("gh", "T3", 6), ("template", "T2", 7), ("template", "T9", 6),
])
def test_every_column_is_read_even_when_blank(pdfs, name, tid, n):
    """Column counts come from the rendered grid, not from the figures a row happens to hold."""
    _, ts, _ = pdfs[name]
    t = ts[tid]
    assert len(t.columns) == n and all(not c.startswith("栏") for c in t.columns), t.columns
    assert all(len(r.values) == n for r in t.rows)


def test_split_codes_arrive_as_whole_codes(pdfs):
    _, ts, _ = pdfs["czj"]
    codes = {c.row_code for c in ts["T5"].cells if c.row_code}
    assert {"201", "20106", "2010601", "2010602", "2010607", "2010608", "208", "20805", "2080501",
            "2080505", "2080506", "2080599", "210", "21011", "2101101", "221", "22102", "2210201",
            "2210203"} <= codes
    assert {c.row_code for c in ts["T2"].cells if c.row_code} == codes
    econ = {c.row_code for c in ts["T6"].cells if c.row_code}
    assert {"301", "30101", "30113", "30199", "303", "30309", "302", "30201", "30299", "310", "31002"} <= econ
    gh = {c.row_code for c in pdfs["gh"][1]["T3"].cells if c.row_code}
    assert {"208", "2080502", "212", "21202", "2120201", "220", "2200150", "2200199"} <= gh


def test_t4_carry_over_breakdown_is_read_as_rows(pdfs):
    """年初财政拨款结转和结余 21.63 is followed by its breakdown "一、一般公共预算财政拨款 21.63"."""
    _, ts, _ = pdfs["czj"]
    rows = [r for r in ts["T4"].rows if r.side == "收入"]
    labels = [r.label for r in rows]
    k = labels.index("年初财政拨款结转和结余")
    assert labels[k + 1:k + 4] == ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
    assert rows[k + 1].values[0].value == Decimal("21.63") and rows[k + 2].values[0].value is None


def test_template_rows_are_kept_blank(pdfs):
    _, ts, _ = pdfs["template"]
    assert len([r for r in ts["T1"].rows if r.side == "支出"]) == 28
    assert [r.code for r in ts["T2"].rows] == [None, "205", "20502", "2050205", "207", "20799"]
    assert len(ts["T7"].rows) == 6 and len(ts["T6"].rows) == 67
    assert all(c.value is None for t in ts.values() for c in t.cells)


def inconsistent(findings):
    return [(f.rule, f.line, f.stated, f.expected) for f in findings if f.verdict == "inconsistent"]


@pytest.mark.parametrize("name", list(PATHS))
def test_no_false_inconsistency(pdfs, name):
    """Every table rule finding on the three PDFs was checked against the page images: none of the
    tables has a real non-reconciliation (326.71 vs 326.72 of the 财政局 is rounding)."""
    _, _, findings = pdfs[name]
    assert inconsistent(findings) == []
    if name != "template":
        evaluated = [f for f in findings if f.verdict != "unverifiable"]
        assert len(evaluated) >= 0.95 * len(findings) and len(evaluated) > 150


def test_perturbed_cell_in_the_pdf_rendering_is_found():
    """An injected defect in the rendered PDF (其他收入 6.19 → 6.29 of 一般行政管理事务) breaks the
    row sum and the 款 sum; the original figures reconcile."""
    from nlp.document import Document
    from nlp.load import load
    from nlp.rules.registry import RuleContext, run_rules

    doc = load(str(CZJ))
    line = next(n for n, s in enumerate(doc.raw.split("\n")) if s.startswith("2010602\t") and "6.19" in s)
    raw = doc.raw.split("\n")
    head, _, last = raw[line].rpartition("\t")
    assert last == "6.19"
    raw[line] = head + "\t6.29"
    bad = Document.from_text("perturbed", "\n".join(raw))
    ts = tables.extract_tables(bad)
    findings, _ = run_rules(RuleContext(doc=bad, tables=ts), scopes=("tables",))
    got = {(f.rule, f.line) for f in findings if f.verdict == "inconsistent"}
    assert ("T2.row_sum", line + 1) in got
    assert any(rule == "T2.hierarchy" for rule, _ in got)


def test_header_repeated_on_a_continuation_page_is_not_a_row():
    """PDFs that repeat the header on each page: the repeated header lines (kept as printed by the
    reader) must not become rows nor be glued to the label of the row above."""
    from nlp.document import Document
    from nlp.load import load

    doc = load(str(CZJ))
    raw = doc.raw.split("\n")
    head = next(n for n, s in enumerate(raw) if s.startswith("\t项目\t本年收入合计"))
    cont = next(n for n, s in enumerate(raw) if s.startswith("2101101\t"))  # first row of page 9
    text = "\n".join(raw[:cont] + raw[head:head + 4] + raw[cont:])
    t2 = next(t for t in tables.extract_tables(Document.from_text("repeated", text)) if t.id == "T2")
    ref = next(t for t in tables.extract_tables(doc) if t.id == "T2")
    assert [(r.code, r.label) for r in t2.rows] == [(r.code, r.label) for r in ref.rows]
    assert [[v.value for v in r.values] for r in t2.rows] == [[v.value for v in r.values] for r in ref.rows]
