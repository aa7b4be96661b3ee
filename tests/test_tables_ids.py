"""Every table of the four seeds with tables is found and identified by meaning."""

from __future__ import annotations

import pytest

from nlp.tables import extract_tables

EXPECTED = {
    # 000: tab layout; T6 has lost its title (identified by its header); T8/T9 before T7
    "000": ["T1", "T2", "T3", "T4", "T5", "T6", "T8", "T9", "T7", "P2", "P2-2", "P2-3", "P2-4"],
    # 001: markdown pipes; no T9 but 非税收入征缴情况表; four evaluated projects (P3/P4/P5) + 部门整体 (P1)
    "001": ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "X1",
            "P3", "P4", "P5", "P3-2", "P4-2", "P5-2", "P3-3", "P4-3", "P5-3", "P3-4", "P4-4", "P5-4", "P1"],
    # 003: 部门预算, tab layout, twelve tables + the 重点项目绩效目标 table inside the narrative
    "003": ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12", "B13"],
    # 004: pdftotext layout; its 表7 is 政府性基金 (T8), 表8 国有资本 (T9), 表9 三公 (T7)
    "004": ["T1", "T2", "T3", "T4", "T5", "T6", "T8", "T9", "T7"],
}


@pytest.fixture(scope="module")
def seed_tables(seed_docs):
    return {k: extract_tables(seed_docs[k]) for k in EXPECTED}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_table_recognised_with_its_id(seed_tables, seed):
    assert [t.key for t in seed_tables[seed]] == EXPECTED[seed]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_tables_start_at_their_title_and_do_not_overlap(seed_docs, seed_tables, seed):
    doc = seed_docs[seed]
    prev_end = 0
    for t in seed_tables[seed]:
        assert prev_end < t.start_line <= t.end_line
        prev_end = t.end_line
        if t.title_line:
            assert t.title.split()[-1] in doc.lines[t.title_line - 1]


def test_continuation_pages_are_merged(seed_tables):
    t1_004 = next(t for t in seed_tables["004"] if t.id == "T1")
    assert len(t1_004.pages) == 3  # 表 1 printed at 85, 119, 160 (noise §3.1)
    t2_001 = next(t for t in seed_tables["001"] if t.id == "T2")
    assert len(t2_001.pages) == 4
    # the 合计 row repeated on every page is kept once (noise §3.2)
    assert sum(1 for r in t2_001.rows if r.label == "合计") == 1
    t3_000 = next(t for t in seed_tables["000"] if t.id == "T3")
    assert sum(1 for r in t3_000.rows if r.label == "合计") == 1


def test_no_table_in_the_prose_only_seed(seed_docs):
    assert extract_tables(seed_docs["002"]) == []


def test_units_and_kinds(seed_tables):
    for seed, tables in seed_tables.items():
        for t in tables:
            assert t.unit == "万元", (seed, t.key)
        kinds = {t.kind for t in tables if t.id[0] in "TB"}
        assert kinds == ({"预算"} if seed == "003" else {"决算"})
