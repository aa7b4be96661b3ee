"""Row grammars that read a stream of fields (pdftotext rows broken over lines, T6 entries side by
side): what opens a row, what continues its label, where its values go, which rows are kept."""

from __future__ import annotations

import pytest

from nlp.tables.shapes import coded_rows_stream, econ_rows
from nlp.tables.tokens import fields_of


def _data(lines: list[str], layout: str = "spaces"):
    return [fields_of(line, i, layout) for i, line in enumerate(lines, start=1)]


def _rows(raws):
    return [(r.code, r.label, [v.text if v else None for v in r.values], sorted(set(r.lines))) for r in raws]


@pytest.mark.parametrize("lines,n,expected", [
    # one row per line
    (["2010301 行政运行 120.50 100.00 20.50"], 3,
     [("2010301", "行政运行", ["120.50", "100.00", "20.50"], [1])]),
    # a label broken over two lines: the second half continues the open row, its values close it
    (["2010302 一般行政管理", "事务 30.00 30.00 0.00"], 3,
     [("2010302", "一般行政管理事务", ["30.00", "30.00", "0.00"], [1, 2])]),
    # the code alone on its line, label and values below
    (["2010350", "事业运行 5.00 5.00 0.00"], 3, [("2010350", "事业运行", ["5.00", "5.00", "0.00"], [1, 2])]),
    # a lone small integer is a page number, not a value
    (["2080501 归口管理的行政单位离退休 8.00", "17", "2080505 机关事业单位基本养老保险缴费支出 9.00"], 1,
     [("2080501", "归口管理的行政单位离退休", ["8.00"], [1]),
      ("2080505", "机关事业单位基本养老保险缴费支出", ["9.00"], [3])]),
    # a row without code (合计) is kept; a label that never gets a value is not a row
    (["合计 150.50 130.00 20.50", "备用"], 3, [(None, "合计", ["150.50", "130.00", "20.50"], [1])]),
    # missing trailing values are blank slots
    (["2010301 行政运行 120.50", "2010302 一般行政管理事务 30.00"], 2,
     [("2010301", "行政运行", ["120.50", None], [1]), ("2010302", "一般行政管理事务", ["30.00", None], [2])]),
    # a [code] written into the label is taken out of it
    (["[20103]政府办公厅(室)及相关机构事务 40.00"], 1, [("20103", "政府办公厅(室)及相关机构事务", ["40.00"], [1])]),
])
def test_coded_rows_stream(lines, n, expected):
    assert _rows(coded_rows_stream(_data(lines), n)) == expected


def test_econ_rows_side_by_side_entries_and_an_amount_on_the_next_line():
    lines = ["30101 基本工资 12.00 30201 办公费 3.00", "30102 津贴补贴 4.00 30205 水费", "1.00",
             "人员经费合计 16.00 公用经费合计 4.00"]
    got = [(r.code, r.label, r.side, [v.text if v else None for v in r.values])
           for r in econ_rows(_data(lines), positional=False)]
    assert got == [("30101", "基本工资", "人员经费", ["12.00"]), ("30201", "办公费", "公用经费", ["3.00"]),
                   ("30102", "津贴补贴", "人员经费", ["4.00"]), ("30205", "水费", "公用经费", ["1.00"]),
                   (None, "人员经费合计", "人员经费", ["16.00"]), (None, "公用经费合计", "公用经费", ["4.00"])]


def test_econ_rows_positional_blank_amounts_stay_blank():
    lines = ["30101\t基本工资\t12.00\t30201\t办公费\t", "人员经费合计\t\t\t公用经费合计\t4.00"]
    got = [(r.code, r.label, r.side, [v.text if v else None for v in r.values])
           for r in econ_rows(_data(lines, "tab"), positional=True)]
    assert got == [("30101", "基本工资", "人员经费", ["12.00"]), ("30201", "办公费", "公用经费", [None]),
                   (None, "人员经费合计", "人员经费", [None]), (None, "公用经费合计", "公用经费", ["4.00"])]


def test_econ_rows_without_a_side_are_dropped():
    got = econ_rows(_data(["项目 金额", "30101 基本工资 12.00"]), positional=False)
    assert [(r.code, r.label) for r in got] == [("30101", "基本工资")]
