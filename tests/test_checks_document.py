"""Document-level rules on the real seeds: years in headings and dates, the contents vs the
tables present, empty fund tables explained. Each case runs the seed as printed (nothing
inconsistent), then alters one line the way a defect would."""

from __future__ import annotations

from functools import lru_cache

import pytest

from nlp import load_text
from nlp.checks import check_document

from .conftest import raw

pytest.importorskip("nlp.tables")



@lru_cache(maxsize=None)
def run(name: str, text: str):
    doc = load_text(text, doc=name)
    findings, _ = check_document(doc, claims=[], scopes=("document",))
    return findings


def bad(findings, rule: str) -> list[int]:
    return sorted(f.line for f in findings if f.rule == rule and f.verdict == "inconsistent")


def edit(text: str, contains: str, old: str, new: str) -> tuple[str, int]:
    """Replace ``old`` by ``new`` on the first line containing ``contains``; returns text and line."""
    lines = text.split("\n")
    i = next(k for k, l in enumerate(lines) if contains in l and old in l)
    lines[i] = lines[i].replace(old, new, 1)
    return "\n".join(lines), i + 1


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seeds_have_no_document_finding(prefix):
    findings = run(*raw(prefix))
    assert not [f for f in findings if f.verdict == "inconsistent"]
    assert any(f.rule == "doc.heading_year" and f.verdict == "consistent" for f in findings)


def test_prior_year_in_a_part_heading_of_a_decision_is_caught():
    name, text = raw("001")
    new, line = edit(text, "收入支出决算总体情况说明", "2019", "2018")
    assert bad(run(name, new), "doc.heading_year") == [line]


def test_altered_title_is_the_one_flagged_not_every_other_heading():
    # the title gives doc.meta's year; the headings outvote it
    name, text = raw("001")
    new, line = edit(text, "部 门决算", "2019", "2018")
    assert line < 10 and bad(run(name, new), "doc.heading_year") == [line]


def test_budget_heading_year_checked_and_prior_year_final_accounts_allowed():
    name, text = raw("003")
    new, line = edit(text, "第三部分", "2023", "2022")
    assert bad(run(name, new), "doc.heading_year") == [line]
    # a 预算 naming the prior year's 决算/执行 in a heading is legitimate
    new, _ = edit(text, "一、部门预算收支增减变化情况", "一、部门预算收支增减变化情况", "一、2022年部门预算执行情况")
    assert bad(run(name, new), "doc.heading_year") == []


def test_year_end_date_of_another_year_is_caught():
    name, text = raw("004")
    new, line = edit(text, "截至 2022 年 12 月 31 日", "2022", "2021")
    assert bad(run(name, new), "doc.date_year") == [line]


def test_table_named_in_contents_but_dropped_is_caught():
    name, text = raw("001")
    findings = run(name, text)
    listed = [f for f in findings if f.rule == "doc.contents_tables"]
    assert len(listed) >= 9 and all(f.verdict == "consistent" for f in listed)
    # drop the 三公 table (T7): title to its note
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if "三公" in l and l.strip().endswith("决算表") and i > 40)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("注"))
    dropped = "\n".join(lines[:start] + [""] * (end + 1 - start) + lines[end + 1:])
    got = bad(run(name, dropped), "doc.contents_tables")
    toc_line = next(f.line for f in listed if f.evidence["table"] == "T7")
    assert got == [toc_line]


@lru_cache(maxsize=None)
def run_with_tables(name: str, text: str):
    doc = load_text(text, doc=name)
    findings, _ = check_document(doc, claims=[], scopes=("tables", "document"))
    return findings


def test_empty_fund_table_must_say_so_and_a_missing_note_is_reported_once():
    name, text = raw("003")
    every = run_with_tables(name, text)
    empty_rules = {"doc.empty_table_statement", "B8.empty_note", "B9.empty_note"}
    assert not [f for f in every if f.rule in empty_rules and f.verdict == "inconsistent"]
    # the tables rules report the notes; the document rule defers to them
    assert not [f for f in every if f.rule == "doc.empty_table_statement"]
    new, _ = edit(text, "本表本年无发生额", "注：本表本年无发生额。", "")
    flagged = [f for f in run_with_tables(name, new) if f.rule in empty_rules and f.verdict == "inconsistent"]
    assert len(flagged) == 1 and flagged[0].rule == "B8.empty_note"
    # a narrative sentence saying so: the document rule says where (the note itself stays missing)
    said = new.replace("第三部分 2023年部门预算情况说明", "第三部分 2023年部门预算情况说明\n\n本部门无政府性基金预算收支。", 1)
    ok = [f for f in run_with_tables(name, said) if f.rule == "doc.empty_table_statement"]
    assert [f.verdict for f in ok] == ["consistent"] and ok[0].evidence["table"] == "B8"
