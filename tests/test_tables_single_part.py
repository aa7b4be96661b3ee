"""One figure printed twice must print the same: in one table (tables/rules/common.check_sum), and a
narrative restatement of a cell at its own precision (checks/amounts.py)."""

from functools import lru_cache

import pytest

from nlp import load_text
from nlp.checks import check_document
from nlp.claims import extract_claims

SEED = "corpora/seeds/000_e7eec69b57aa2ea8.txt"
SCOPES = ("tables", "narrative", "document")
ROW = "2013810\t质量基础\t20.00\t0.00\t0.00\t0.00\t0.00\t0.00\t20. 00"


@lru_cache(maxsize=None)
def _findings(old: str, new: str):
    text = open(SEED, encoding="utf-8").read()
    assert text.count(old) == 1
    doc = load_text(text.replace(old, new), doc="000")
    findings, _ = check_document(doc, claims=extract_claims(doc), scopes=SCOPES)
    return findings


def _verdicts(old, new, rule, line):
    return [f.verdict for f in _findings(old, new) if f.rule == rule and f.line == line]


@pytest.mark.parametrize("new, rule, line", [
    (ROW.replace("\t20.00", "\t20.01", 1), "T2.row_sum", 134),      # total column vs its only non-zero part
    (ROW.replace("\t20.00", "\t20.01", 1), "T2.hierarchy", 133),    # the 款 20138 vs its only 项
    (ROW.replace("20. 00", "20. 01"), "T2.row_sum", 134),
])
def test_a_single_part_off_by_one_cent_is_inconsistent(new, rule, line):
    assert "inconsistent" in _verdicts(ROW, new, rule, line)
    assert "inconsistent" not in _verdicts(ROW, ROW, rule, line)


def test_the_same_cent_across_two_tables_is_not_an_error():
    """规划 PDF: T1 卫生健康支出 236.63, T3/T5 class 210 236.64 (sum of its rounded 项)."""
    from nlp import load

    doc = load("corpora/pdf/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf")
    findings, _ = check_document(doc, claims=extract_claims(doc), scopes=SCOPES)
    cross = [f for f in findings if f.rule in ("X.T1_T3.class", "X.T4_T5.class") and f.stated == "236.63"]
    assert len(cross) == 2 and "inconsistent" not in {f.verdict for f in cross}


@pytest.mark.parametrize("line, stated", [(630, "12.24万元"), (674, "81.11万元")])
def test_a_cell_restated_with_other_digits_at_its_precision_is_amber(line, stated):
    """001: 行政运行 12.24 万元 for T5's 12.25 (touching intervals): `rounding`, not a silent green."""
    from nlp import load

    doc = load("corpora/seeds/001_202dbe6575e56d7f.txt")
    findings, _ = check_document(doc, claims=extract_claims(doc))
    got = [f for f in findings if f.rule == "narrative.amount_cell" and f.line == line and f.stated == stated]
    assert got and {f.verdict for f in got} == {"rounding"}
