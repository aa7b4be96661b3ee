"""Reasons in the rows of a flattened indicator table (绩效自评表 with a 偏差原因 column), pipe- or
tab-separated, from the written reasons probe (qf-005, qf-013, qf-022)."""

from __future__ import annotations

import json

import pytest

from nlp.load import load_text
from nlp.reasons import extract_reasons
from nlp.reasons.rows import row_reasons
from nlp.resources import corpus_path


def _passage(pid: str) -> str:
    path = corpus_path("annotations") / "reasons-probe" / f"{pid.split('-')[0]}-passages.jsonl"
    return next(r["text"] for r in map(json.loads, path.open(encoding="utf-8")) if r["id"] == pid)


@pytest.mark.parametrize("pid, line, reason, short", [
    ("qf-005", 5, "受疫情影响，线下集中培训暂停两期", True),          # 600人次 → 420人次
    ("qf-005", 6, "部分基层医疗机构人员变动，报告人员不熟悉系统", True),  # "；下年度加强培训" is a measure
    ("qf-005", 4, "", False),                                          # ≥95% met with 97.2%, "无偏差"
    ("qf-013", 5, "年初需求测算偏高，秋季学生人数减少", True),          # tab-separated
    ("qf-013", 8, "", False),                                          # ≥90% met
    ("qf-022", 4, "县域内新开设一家民营医院，分流部分患者", True),      # 18万人次 → 16.4万人次
    ("qf-022", 5, "", True),                                           # 20人次 → 14人次, no reason given
])
def test_row_reason_and_shortfall(pid, line, reason, short):
    [row] = [r for r in row_reasons(_passage(pid).split("\n")) if r.line == line]
    assert (row.reason, row.short) == (reason, short)


def test_an_upper_bound_target_is_no_shortfall():
    rows = row_reasons(["指标 | 年度指标值 | 实际完成值 | 偏差原因", "投诉率 | ≤5% | 3% | 无", "成本 | 不超过100万元 | 80万元 | "])
    assert [r.short for r in rows] == [False, False]


def test_row_records_explain_their_row_and_flag_a_gap_with_no_reason():
    recs = extract_reasons(load_text(_passage("qf-022"), doc="qf-022"))
    [r] = [r for r in recs if r.kind == "reason" and r.line == 4]
    assert r.clause == "县域内新开设一家民营医院，分流部分患者" and "16.4万人次" in r.explained
    assert r.cue == "" and r.labels
    [m] = [r for r in recs if r.kind == "missing" and r.line == 5]
    assert m.flags == ["reason_missing"] and "14人次" in m.explained
    assert not [r for r in recs if r.line in (3, 6, 7)]  # met targets: nothing to explain


def test_prose_is_no_table_row():
    assert row_reasons(["支出决算 120.00 万元，比上年增加 12.00 万元，主要原因是人员增加。"]) == []
