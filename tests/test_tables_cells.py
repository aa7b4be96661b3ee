"""Cell values read from each layout match the document text, line by line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nlp.tables import extract_cells, extract_tables


@pytest.fixture(scope="module")
def cells(seed_docs):
    return {k: extract_cells(seed_docs[k]) for k in ("000", "001", "003", "004")}


def find(cells, table, column, code=None, label=None, side=None):
    hits = [c for c in cells if c.table == table and c.column == column
            and (code is None or c.row_code == code) and (label is None or c.row_label == label)
            and (side is None or c.side == side)]
    assert len(hits) == 1, (table, column, code, label, side, hits)
    return hits[0]


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_every_figure_is_printed_on_its_line(seed_docs, cells, seed):
    """The located cell's text is on its input line, and its value is that text as a Decimal."""
    doc = seed_docs[seed]
    n = 0
    for c in cells[seed]:
        if c.value is None:
            if c.table[0] in "TBX":  # money tables: None only for a blank (or dashed) cell
                assert c.text in ("", "-", "--", "—"), (c.table, c.row_label, c.column, c.line)
            continue
        n += 1
        line = doc.lines[c.line - 1]
        assert c.text in line, (c.table, c.row_label, c.column, c.line)
        assert c.value == Decimal(c.text.replace(",", "").rstrip("%"))
    assert n > 200


# (seed, table, code, label, side, column, value, line) — read off the seed text
CASES = [
    # 000 · tab layout (numbers OCR-spaced in the raw file: "49, 644. 69")
    ("000", "T1", None, "一、一般公共预算财政拨款收入", "收入", "决算数", "49644.69", 68),
    ("000", "T1", "206", None, "支出", "决算数", "11294.54", 73),
    ("000", "T1", None, "本年收入合计", "收入", "决算数", "49664.69", 110),
    ("000", "T1", None, "年末结转和结余", "支出", "决算数", "0.00", 112),
    ("000", "T2", "20103", None, None, "本年收入合计", "34950.13", 128),
    ("000", "T2", "2013810", None, None, "其他收入", "20.00", 134),
    ("000", "T2", None, "合计", None, "财政拨款收入", "49644.69", 126),
    ("000", "T3", None, "合计", None, "项目支出", "39193.86", 182),
    ("000", "T3", "2010399", None, None, "项目支出", "25842.38", 188),
    ("000", "T4", "201", None, "支出", "合计", "34950.13", 237),  # label split over two cells
    ("000", "T4", "208", None, "支出", "一般公共预算财政拨款", "1146.11", 244),  # "八、社会保障和⇥成业支出"
    ("000", "T4", "202", None, "支出", "合计", "0.00", 238),  # 行次 34 after a stray blank cell
    ("000", "T5", None, "合计", None, "项目支出", "39173.86", 299),
    ("000", "T5", "2210203", None, None, "基本支出", "1642.79", 331),
    ("000", "T6", "303", None, "人员经费", "金额", "297.71", 358),
    ("000", "T6", "30215", None, "公用经费", "金额", "0.20", 358),  # "297.71 30215 会议费" merged cell
    ("000", "T6", "31002", None, "公用经费", "金额", "17.62", 382),
    ("000", "T6", None, "公用经费合计", "公用经费", "金额", "837.20", 408),
    ("000", "T7", None, "公务用车运行维护费", None, "决算数", "13.16", 448),
    ("000", "T7", None, "合计", None, "预算数", "14.39", 448),
    # 001 · markdown pipes
    ("001", "T1", None, "二、政府性基金预算财政拨款收入", "收入", "决算数", "18.37", 84),
    ("001", "T1", "212", None, "支出", "决算数", "18.37", 106),
    ("001", "T1", None, "年初结转和结余", "收入", "决算数", "33.09", 131),
    ("001", "T2", "2080501", None, None, "本年收入合计", "31.66", 177),
    ("001", "T3", "20103", None, None, "基本支出", "984.75", 232),
    ("001", "T4", None, "本年支出合计", "支出", "政府性基金预算财政拨款", "18.37", 331),
    ("001", "T4", "212", None, "支出", "政府性基金预算财政拨款", "18.37", 308),
    ("001", "T5", None, "合计", None, "项目支出", "4063.81", 360),
    ("001", "T6", "30226", None, "公用经费", "金额", "36.81", 456),
    ("001", "T6", None, "人员经费合计", "人员经费", "金额", "1078.84", 509),
    ("001", "T7", None, "公务接待费", None, "决算数", "0.85", 524),
    ("001", "T8", "2121399", None, None, "项目支出", "18.37", 541),
    ("001", "X1", None, "六、国有资源(资产)有偿使用收入", None, "合计", "2.98", 561),
    # 003 · 部门预算, tab layout
    ("003", "B1", None, "一、预算拨款", "收入", "预算", "49057.92", 79),
    ("003", "B1", "221", None, "支出", "预算", "3086.37", 106),
    ("003", "B2", "2210203", None, None, "一般公共预算", "2237.06", 145),
    ("003", "B3", None, "合计", None, "项目支出", "37676.50", 157),
    ("003", "B5", "2010350", None, None, "基本支出", "3441.08", 272),  # "[2010350]事业运行"
    ("003", "B6", "30231", None, None, "预算", "20.40", 356),
    ("003", "B7", None, "行政经费", None, "合计", "6553.58", 375),
    ("003", "B10", "31007", None, None, "预算", "4088.19", 451),
    ("003", "B11", None, "广州市政务服务中心", None, "总计", "2528.98", 483),
    ("003", "B12", None, "广州市数字政府运营中心", None, "总计", "8952.03", 742),
    # 004 · pdftotext layout, rows broken across lines
    ("004", "T1", None, "三、国有资本经营预算财政拨款收入", "收入", "决算数", "0.00", 104),  # 101-104
    ("004", "T1", "224", None, "支出", "决算数", "0.00", 157),  # 153-157
    ("004", "T1", None, "本年支出合计", "支出", "决算数", "7212.75", 182),
    ("004", "T2", "20103", None, None, "本年收入合计", "3038.70", 220),  # 216-220
    ("004", "T2", "2010399", None, None, "财政拨款收入", "2469.07", 232),  # 224-232
    ("004", "T3", "2010399", None, None, "项目支出", "2469.07", 389),
    ("004", "T3", None, "合计", None, "基本支出", "745.24", 373),
    ("004", "T4", None, "二、政府性基金预算财政拨款", "收入", "金额", "3740.53", 535),  # 532-535
    ("004", "T4", "202", None, "支出", "合计", "0.00", 538),
    ("004", "T4", None, "年末财政拨款结转和结余", "支出", "合计", "24.42", 668),  # 665-668
    ("004", "T4", None, "总计", "支出", "一般公共预算财政拨款", "3496.64", 682),
    ("004", "T5", "2013199", None, None, "项目支出", "2.01", 714),
    ("004", "T6", "39908", None, "公用经费", "金额", "0.00", 932),  # 928-932
    ("004", "T6", None, "人员经费合计", "人员经费", "金额", "682.54", 940),
    ("004", "T8", "21213", None, None, "本年收入", "3740.53", 970),
    ("004", "T7", None, "公务接待费", None, "预算数", "0.63", 1053),  # header exploded over 45 lines
]


@pytest.mark.parametrize("seed,table,code,label,side,column,value,line", CASES)
def test_cell(seed_docs, cells, seed, table, code, label, side, column, value, line):
    c = find(cells[seed], table, column, code=code, label=label, side=side)
    assert c.value == Decimal(value)
    assert c.line == line
    assert c.text.replace(",", "") == value or c.text == value
    assert c.text in seed_docs[seed].lines[line - 1]


def test_precision_is_kept(cells):
    c = find(cells["001"], "P3", "金额", label="合计")
    assert str(c.value) == "311.3652"
    zero = find(cells["004"], "T2", "上级补助收入", label="合计")
    assert str(zero.value) == "0.00"


def test_blank_cells_are_none_not_zero(cells):
    # 001 T4 line 333: the 支出 half of row 52 is blank — no label, no figures
    t4 = [c for c in cells["001"] if c.table == "T4" and c.line == 333]
    assert [c.side for c in t4] == ["收入"]
    # 000 T4 line 285: 一般公共预算财政拨款 29 0.00 | (blank) 61 (blank …)
    assert all(c.side == "收入" for c in cells["000"] if c.table == "T4" and c.line == 285)
    # 000 T1 line 76: left side blank (行次 9 only), right 九、卫生健康支出 3.45
    row76 = [c for c in cells["000"] if c.table == "T1" and c.line == 76]
    assert [(c.side, c.row_label, str(c.value)) for c in row76] == [("支出", "九、卫生健康支出", "3.45")]


def test_row_numbers_are_not_values(cells):
    """行次 (1…64) and 栏次 numbers never become cells (noise §3.6, §3.8)."""
    for seed in ("000", "001", "004"):
        for c in cells[seed]:
            if c.table in ("T1", "T4"):
                assert c.text not in {str(i) for i in range(1, 65)}, (seed, c)


def test_broken_labels_are_rejoined_and_validated(seed_docs):
    t2 = next(t for t in extract_tables(seed_docs["004"]) if t.id == "T2")
    labels = {r.code: r.label for r in t2.rows if r.code}
    assert labels["20103"] == "政府办公厅(室)及相关机构事务"
    assert labels["2010399"] == "其他政府办公厅(室)及相关机构事务支出"
    assert labels["2121399"] == "其他城市基础设施配套费安排的支出"
    t4 = next(t for t in extract_tables(seed_docs["000"]) if t.id == "T4")
    by_code = {r.code: r.label for r in t4.rows if r.code}
    assert by_code["207"] == "七、文化旅游体育与传媒支出"  # OCR: "七、文化旅游体 支出⇥育与传媒"
    assert by_code["204"] == "四、公共安全支出"  # OCR: "四、公共安全。⇥支出"


def test_two_sided_rows_keep_their_side(cells):
    for seed in ("000", "001", "004"):
        t1 = [c for c in cells[seed] if c.table == "T1"]
        assert {c.side for c in t1} == {"收入", "支出"}
        assert all("支出" in c.row_label or c.side == "收入" or c.row_label in ("结余分配", "年末结转和结余", "总计")
                   for c in t1 if c.side == "支出")
