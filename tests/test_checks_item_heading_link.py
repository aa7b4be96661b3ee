"""A 决算 figure in an enumerated item is linked to the 项 its heading names (nlp/checks/link.py).

The 2024 上海 template writes each 项 as "N、X(类)Y(款)Z(项)。主要用于：…。年初预算为A万元，支出决算为B万元，…":
B is that 项's actual, in T5. Text of the 规划和自然资源局 PDF, re-loaded as text so it can be edited.
"""

from functools import lru_cache

import pytest

from nlp import load
from tests.check_runs import document_run

PDF = "corpora/pdf/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"


@lru_cache(maxsize=1)
def _text() -> str:
    return "\n".join(load(PDF).lines)


def _cell_findings(text: str, line: int):
    _, _, findings = document_run(f"ghzy-{hash(text)}", text)
    return [f for f in findings if f.rule == "narrative.amount_cell" and f.line == line]


@pytest.mark.parametrize("line, figure, row", [
    (357, "54.53", "行政单位离退休"),        # path on two lines before the 主要用于 sentence
    (380, "40.35", "行政单位医疗"),          # 项 name wrapped across lines ("行政单位\n医疗(项)")
    (400, "4416.67", "事业运行"),
    (410, "289.59", "住房公积金"),           # the narrative's 款 (住房保障支出) is not the table's (住房改革支出)
    (414, "171.49", "购房补贴"),
])
def test_actual_links_to_the_heading_item(line, figure, row):
    found = _cell_findings(_text(), line)
    assert [f.verdict for f in found] == ["consistent"]
    assert found[0].evidence["row_label"] == row and found[0].evidence["table"] == "T5"


@pytest.mark.parametrize("line, old, new", [(357, "支出决算为54.53", "支出决算为54.58"),
                                            (410, "支出决算为289.59", "支出决算为289.99")])
def test_an_edited_actual_is_reported(line, old, new):
    text = _text()
    assert text.count(old) == 1
    found = _cell_findings(text.replace(old, new), line)
    assert [f.verdict for f in found] == ["inconsistent"]


def test_the_budget_figure_is_not_linked_to_the_actual_column():
    """年初预算为A is not T5's actual: only the 决算 figure after it is linked."""
    text = _text()
    doc, _, findings = document_run("ghzy-clean", text)
    on_357 = [f for f in findings if f.rule == "narrative.amount_cell" and f.line == 357]
    assert [f.stated for f in on_357] == ["54.53万元"]
    assert doc.text[on_357[0].start - 5:on_357[0].start] == "支出决算为"


def test_a_finding_over_wrapped_lines_lists_every_line():
    """The completion rate of item 11 is on line 407, its budget and actual on 406."""
    _, _, findings = document_run("ghzy-clean", _text())
    rate = [f for f in findings if f.rule == "narrative.completion_rate" and f.line == 407]
    assert rate and rate[0].evidence["lines"] == [406, 407]
