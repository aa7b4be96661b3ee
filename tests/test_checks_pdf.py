"""Narrative checks on a real published PDF (上海市普陀区财政局 2024 决算): real errors found, no false alarms."""

from __future__ import annotations

import pytest

from nlp.load import load
from nlp.rules import RuleContext, run_rules

from .conftest import PDFS

PDF = PDFS / "上海市普陀区财政局2024年度部门决算.pdf"


@pytest.fixture(scope="module")
def findings():
    from nlp.claims import extract_claims
    from nlp.sections import find_sections
    from nlp.tables import extract_tables

    doc = load(str(PDF))
    tables = extract_tables(doc)
    ctx = RuleContext(doc=doc, tables=tables, cells=[c for t in tables for c in t.cells],
                      claims=extract_claims(doc), sections=find_sections(doc))
    return run_rules(ctx, scopes=("narrative", "document"))[0]


def test_total_of_0_3_wan_is_reported_against_t4(findings):
    hits = [f for f in findings if f.verdict == "inconsistent" and f.rule == "narrative.amount_cell"
            and f.stated and f.stated.startswith("0.3")]
    assert len(hits) == 1
    assert "2,961.68" in hits[0].message
    assert hits[0].page == 21
    assert hits[0].line == 309 and hits[0].claim_text and "0.3" in hits[0].claim_text


def test_share_of_general_public_services_is_reported(findings):
    hits = [f for f in findings if f.verdict == "inconsistent" and f.rule == "narrative.share"]
    assert any("71.73%" in f.message and "71.65%" in f.message for f in hits)


def test_no_grade_alarm_from_projects_counted_by_grade(findings):
    assert not [f for f in findings if f.rule == "perf.grade_band" and f.verdict == "inconsistent"]


def test_messages_are_one_line(findings):
    assert all("\n" not in (f.message or "") for f in findings)


def test_inconsistent_findings_are_the_known_ones(findings):
    got = sorted({(f.rule, f.line) for f in findings if f.verdict == "inconsistent"})
    assert [r for r, _ in got] == ["narrative.amount_cell", "narrative.share", "narrative.share_sum"], got
