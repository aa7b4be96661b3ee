"""Cell classes (CODE, INT, NUM, EMPTY, TEXT) and the first-matching-pattern helper behind them."""

from __future__ import annotations

import pytest
import regex

from nlp.tables.tokens import classify, first_label


@pytest.mark.parametrize("text,kind", [
    ("", "EMPTY"), ("   ", "EMPTY"), ("\t", "EMPTY"),
    ("201", "CODE"), ("20103", "CODE"), ("2010301", "CODE"), ("301", "CODE"), ("30201", "CODE"),
    (" 2010301 ", "CODE"),
    ("3020101", "NUM"),  # no 7-digit 经济分类 code: a figure
    ("1", "INT"), ("12", "INT"),
    ("123", "NUM"), ("12.5", "NUM"), ("1,234.56", "NUM"), ("-3.2", "NUM"), ("−3.2", "NUM"), ("15%", "NUM"),
    ("12,34", "TEXT"), ("合计", "TEXT"), ("3.2万元", "TEXT"), ("20103 行政运行", "TEXT"),
])
def test_classify(text, kind):
    assert classify(text) == kind


_SIZES = ((regex.compile(r"^\d$"), "digit"), (regex.compile(r"\d"), "has digit"), (regex.compile(r"^[a-z]+$"), "word"))


@pytest.mark.parametrize("text,label", [
    ("7", "digit"),  # both of the first two match: the earlier wins
    ("a7", "has digit"),
    ("abc", "word"),
    ("ABC", "other"),  # none: the default
    ("", "other"),
])
def test_first_label(text, label):
    assert first_label(text, _SIZES, "other") == label


def test_first_label_searches_anywhere_unless_anchored():
    assert first_label("完成预算数的", [(regex.compile("预算"), "budget")], "level") == "budget"
    assert first_label("完成预算数的", [(regex.compile("^预算"), "budget")], "level") == "level"
