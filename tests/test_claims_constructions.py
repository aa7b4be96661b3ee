"""Constructions added to the claim reader, each on real corpus sentences (passages and seeds).

Every case is a sentence as it appears in ``corpora/passages`` or a seed (normalised by
``load_text``); the expected tuples are (kind, value, unit) of the claims read from it, in text
order, or a subset checked with ``in`` where the sentence holds many other figures.
"""

from __future__ import annotations

import pytest

from nlp.claims import extract_claims
from nlp.load import load_text


def kvu(text):
    return [(c.kind, None if c.value is None else str(c.value), c.unit) for c in extract_claims(load_text(text))]


# A figure right after a clause comma is read (only a comma between digits joins a number).
@pytest.mark.parametrize("text, expected", [
    ("2021年六安市工商业联合会国内公务接待共8批次,160人次。",
     [("count", "8", "批次"), ("count", "160", "人次")]),
    ("2017年公务接待费1014万元, 比预算数减少850万元。国内公务接待5636批次,58049人次。",
     [("amount", "1014", "万元"), ("change", "850", "万元"), ("count", "5636", "批次"), ("count", "58049", "人次")]),
    ("為落實預算法實施條例關於部門預算構成的規定,10個部門公開了國有資本經營預算。",
     [("count", "10", "个")]),
])
def test_figure_after_a_clause_comma(text, expected):
    assert kvu(text) == expected


# 周 is a duration, but 周岁 is an age (70-79周岁老年人 are not claims on their own).
def test_age_in_zhousui_is_not_a_duration():
    got = kvu("2023年全县70周岁以上老人共有53908人,其中70-79周岁老年人40098人。")
    assert got == [("count", "53908", "人"), ("count", "40098", "人")]
