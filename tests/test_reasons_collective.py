"""One explanation for several statements, and totals explained through their numbered parts: none of
them is flagged reason_missing (written reasons probe, batch qh, scored blind in session 9; real passages
for what must stay as it was)."""

from __future__ import annotations

import json

import pytest

from nlp.load import load_text
from nlp.reasons import extract_reasons
from nlp.reasons.figures import directions
from nlp.reasons.gold import passages
from nlp.resources import corpus_path


def _probe(pid: str) -> str:
    path = corpus_path("annotations") / "reasons-probe" / f"{pid.split('-')[0]}-passages.jsonl"
    return next(r["text"] for r in map(json.loads, path.open(encoding="utf-8")) if r["id"] == pid)


def _missing_lines(text: str, name: str = "x") -> set[int]:
    return {r.line for r in extract_reasons(load_text(text, doc=name)) if r.kind == "missing"}


@pytest.mark.parametrize("pid, line, how", [
    ("qh-003", 3, "上述变动的主要原因是： after the 收入总计 and 支出总计 changes"),
    ("qh-023", 3, "以上项目决算数与年初预算数存在差异，主要原因是： after three items"),
    ("qh-023", 4, "以上项目… second item"),
    ("qh-019", 4, "说明：收入、支出增加的主要原因是… after both changes"),
    ("qh-017", 3, "…年初预算 22.00万元。其中:⏎1.…⏎2.…主要原因是…: numbered parts explain the total"),
    ("qh-029", 3, "…各增加 892.47 万元…。具体情况如下:⏎(一)…主要原因是…"),
])
def test_collective_explanations_leave_no_statement_unexplained(pid, line, how):
    assert line not in _missing_lines(_probe(pid), pid), how


def test_tiaozeng_cue_broken_across_lines():
    recs = [r for r in extract_reasons(load_text(_probe("qh-025"))) if r.kind == "reason"]
    assert [r.clause for r in recs if r.cue and r.cue.startswith("调增原")][:2] == [
        "县财政结算补助增加 221万元", "年初预算编制时对非税收入测算偏低,实际征收超预期 125万元"]


@pytest.mark.parametrize("text, budget", [
    ("1.因公出国(境)费决算 0万元,年初预算 0万元", "等于"),            # no gap to explain
    ("公务用车购置及运行维护费决算 12.06万元,年初预算 15.00万元", "小于"),  # the actual first
    ("2010年“三公经费”财政拨款决算649.13万元,2011年“三公经费”财政拨款预算551.59万元", None),  # two years
])
def test_budget_direction_with_the_actual_first(text, budget):
    assert directions(text).budget == budget


@pytest.mark.parametrize("pid", ["p0105", "p0168"])
def test_an_actual_and_next_years_budget_are_no_gap(pid):
    """News passages stating a year's 决算 beside the next year's 预算 (real text)."""
    assert 1 not in _missing_lines(passages()[pid]["text"], pid)
