"""Each table rule on small real excerpts: the excerpt as published (consistent, or rounding)
and the same excerpt with one figure altered (inconsistent). Excerpts are cut from the seeds by
line range, so the tests read real layouts (tab, pipe, pdftotext)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from nlp.document import Document
from nlp.records import Finding
from nlp.rules.registry import REGISTRY, RuleContext
from nlp.tables import extract_tables

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"


@lru_cache(maxsize=None)
def _raw(seed: str) -> tuple[str, ...]:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    return tuple(path.read_text(encoding="utf-8").split("\n"))


def excerpt(seed: str, *ranges: tuple[int, int], replace: tuple[str, str] | None = None,
            at: int | None = None) -> Document:
    """Lines of a seed (1-based inclusive ranges); optionally replace text on input line ``at``."""
    raw = _raw(seed)
    out: list[str] = []
    for a, b in ranges:
        out += [""] * (a - 1 - len(out))  # blank lines keep the seed's line numbers
        for n in range(a, b + 1):
            line = raw[n - 1]
            if replace and n == at:
                assert replace[0] in line, (replace, line)
                line = line.replace(replace[0], replace[1], 1)
            out.append(line)
    return Document.from_text(f"{seed}-excerpt", "\n".join(out) + "\n")


def run(rule_id: str, doc: Document) -> list[Finding]:
    ts = extract_tables(doc)
    ctx = RuleContext(doc=doc, tables=ts, cells=[c for t in ts for c in t.cells])
    r = REGISTRY[rule_id]
    assert r.applies is None or r.applies(ctx), f"{rule_id} does not apply to the excerpt"
    return list(r.fn(ctx))


def verdicts(findings: list[Finding]) -> set[str]:
    return {f.verdict for f in findings}


# (rule, seed, line ranges, (old, new) text altered, input line altered)
CASES = [
    ("T1.income_total", "004", [(85, 192)], ("3,471.99", "3,481.99"), 97),
    ("T1.expense_total", "004", [(85, 192)], ("112.97", "212.97"), 114),
    ("T1.income_grand_total", "000", [(59, 117)], ("0.00⇥使用", None), None),
    ("T1.expense_grand_total", "001", [(71, 134)], ("| 34.26 |", "| 35.26 |"), 131),
    ("T1.balance", "004", [(85, 192)], ("总计 60 7,237.17", "总计 60 7,247.17"), 188),
    ("T4.row_sum", "004", [(507, 686)], ("3,740.53 0.00 3,740.53 0.00", "3,740.53 0.00 3,700.53 0.00"), 566),
    ("T4.expense_total", "001", [(288, 348)], ("| 81.12 | 81.12 |", "| 91.12 | 91.12 |"), 327),
    ("T4.fund_balance", "004", [(507, 686)], ("3,496.64", "3,406.64"), 682),
    ("T4.income_total", "000", [(230, 290)], ("1⇥49, 644. 69", "1⇥49, 600. 69"), 237),
    ("T2.row_sum", "001", [(136, 216)], ("| 2241.91 | 2239.11 |", "| 2241.91 | 2229.11 |"), 147),
    ("T2.hierarchy", "004", [(193, 354)], ("201 一般公共服务支出 3,296.62", "201 一般公共服务支出 3,290.62"), 214),
    ("T3.row_sum", "000", [(173, 228)], ("25, 842. 38", "25, 843. 38"), 188),
    ("T3.hierarchy", "004", [(355, 506)], ("3,039.15 570.08", "3,039.15 560.08"), 381),
    ("T5.row_sum", "004", [(687, 758)], ("2,469.07 0.00 2,469.07", "2,469.07 0.00 2,468.07"), 710),
    ("T5.hierarchy", "001", [(350, 415)], ("| 102.76 | 102.76 |", "| 112.76 | 112.76 |"), 390),
    ("T6.personnel_total", "004", [(759, 942)], ("682.54", "692.54"), 940),
    ("T6.public_total", "001", [(417, 511)], ("| 107.75 |", "| 117.75 |"), 509),
    ("T6.hierarchy", "000", [(335, 410)], ("9, 335. 91", "9, 345. 91"), 339),
    ("T7.total", "001", [(513, 526)], ("| 12.30 |", "| 12.40 |"), 524),
    ("T7.vehicle", "004", [(1001, 1057)], ("2.52 0.00 1.89 0.00 1.89", "2.52 0.00 1.89 0.00 1.99"), 1053),
    ("T8.row_sum", "004", [(943, 980)], ("3,740.53 3,740.53 0.00 3,740.53", "3,740.53 3,740.53 0.00 3,700.53"), 964),
    ("X1.row_sum", "001", [(545, 570)], ("| 2.82 | 2.82 | 0.00 |", "| 2.82 | 2.72 | 0.00 |"), 564),
    ("B1.expense_total", "003", [(69, 130)], ("6233.48", "6233.58"), 84),
    ("B4.balance", "003", [(203, 257)], ("支出总计⇥49057.92", "支出总计⇥49058.92"), 255),
    ("B3.row_sum", "003", [(149, 201)], ("31443.02", "31443.92"), 158),
    ("B5.hierarchy", "003", [(259, 302)], ("[20605]科技条件与服务⇥6233.48", "[20605]科技条件与服务⇥6234.48"), 277),
    ("B6.hierarchy", "003", [(304, 366)], ("[302]商品和服务支出⇥1004.89", "[302]商品和服务支出⇥1014.89"), 322),
    ("B7.total", "003", [(368, 383)], ("“三公”经费⇥59.00", "“三公”经费⇥69.00"), 376),
    ("B7.vehicle", "003", [(368, 383)], ("2. 公务用车运行维护费⇥20.40", "2. 公务用车运行维护费⇥21.40"), 380),
    ("B11.units", "003", [(455, 503)], ("广州市政务服务中心⇥2528.98", "广州市政务服务中心⇥2538.98"), 483),
    ("B11.fiscal_sum", "003", [(455, 503)], ("工资福利支出⇥3014.27⇥3014.27⇥3014.27", "工资福利支出⇥3014.27⇥3014.27⇥3004.27"), 465),
    ("P3.total", "001", [(897, 910)], ("| 311.3652 |", "| 312.3652 |"), 910),
    ("X.T1_T2.income", "004", [(85, 354)], (" 合计 7,212.52", " 合计 7,222.52"), 212),
    ("X.T1_T3.expense", "001", [(71, 286)], ("| | 合计 | 5270.40 |", "| | 合计 | 5272.40 |"), 228),
    ("X.T1_T3.class", "004", [(85, 506)], ("221 住房保障支出 55.61 55.61 0.00 0.00 0.00 0.00", "221 住房保障支出 56.61 55.61 0.00 0.00 0.00 0.00"), 500),
    ("X.T1_T4.income", "001", [(71, 348)], ("| 一、一般公共预算财政拨款 | 1 | 5250.40 |", "| 一、一般公共预算财政拨款 | 1 | 5251.40 |"), 298),
    ("X.T4_T5.total", "004", [(507, 758)], (" 合计 3,472.22", " 合计 3,482.22"), 702),
    ("X.T4_T5.class", "004", [(507, 758)], ("221 住房保障支出 55.61", "221 住房保障支出 56.61"), 752),
    ("X.T5_T6.basic", "001", [(350, 511)], ("| 公用经费合计 | 107.75 |", "| 公用经费合计 | 100.75 |"), 509),
    ("X.T4_T8.fund", "004", [(507, 980)], ("3,740.53 3,740.53 0.00 3,740.53 0.00", "3,740.53 3,700.53 0.00 3,700.53 0.00"), 962),
    ("X.T5_T3.part", "000", [(173, 333)], ("2010302⇥一般行政管理事务⇥2, 036. 95⇥0.00⇥2, 036. 95", "2010302⇥一般行政管理事务⇥2, 136. 95⇥0.00⇥2, 136. 95"), 303),
    ("X.T6_T7.items", "004", [(759, 1057)], ("30217 公务接待费 0.63", "30217 公务接待费 0.73"), 826),
    ("X.B5_B6.basic", "003", [(259, 366)], ("[303]对个人和家庭的补助⇥627.04", "[303]对个人和家庭的补助⇥627.04"), None),
    ("X.B3_B11.basic", "003", [(149, 201), (455, 503)], ("合 计⇥11381.42⇥11381.42", "合 计⇥11481.42⇥11381.42"), 463),
]


@pytest.mark.parametrize("rule_id,seed,ranges,change,at", CASES, ids=[c[0] for c in CASES])
def test_rule_on_real_excerpt(rule_id, seed, ranges, change, at):
    found = run(rule_id, excerpt(seed, *ranges))
    assert found, rule_id
    assert verdicts(found) <= {"consistent", "rounding"}, [f.message for f in found if f.verdict not in
                                                           ("consistent", "rounding")]
    if change[1] is None or at is None:
        return  # the published excerpt only (an identity whose inputs cannot be altered alone)
    old, new = change
    altered = run(rule_id, excerpt(seed, *ranges, replace=(old.replace("⇥", "\t"), new.replace("⇥", "\t")), at=at))
    bad = [f for f in altered if f.verdict == "inconsistent"]
    assert bad, rule_id
    assert all(f.line is not None and f.message for f in bad)
    # the altered figure is the one reported, or one of the figures in the evidence
    assert any(f.line == at or at in _lines(f.evidence) for f in bad), [f.message for f in bad]


def _lines(ev) -> set[int]:
    out: set[int] = set()
    if isinstance(ev, dict):
        for k, v in ev.items():
            if k == "line" and isinstance(v, int):
                out.add(v)
            else:
                out |= _lines(v)
    elif isinstance(ev, list):
        for v in ev:
            out |= _lines(v)
    return out


def test_findings_carry_the_issue_fields():
    f = run("T1.balance", excerpt("004", (85, 192)))[0]
    d = f.to_dict()
    for key in ("doc", "rule", "verdict", "severity", "line", "stated", "expected", "evidence", "message"):
        assert key in d
    assert d["line"] == 188 and d["stated"] == "7237.17"
    assert "相符" in d["message"]


def test_rounding_difference_is_reported_apart_never_inconsistent():
    """T4 004: 3,471.99 + 24.66 = 3,496.65 against 总计 3,496.64 (0.01 尾差): the intervals allow it,
    the printed sum differs — `rounding` with an info severity, not `consistent` and not an error."""
    found = run("T4.fund_balance", excerpt("004", (507, 686)))
    first = [f for f in found if "一般公共预算" in f.message][0]
    assert first.verdict == "rounding" and first.severity == "info"
    assert first.expected == "3496.65" and first.stated == "3496.64"
    assert "尾差" in first.message


def test_a_sum_that_prints_the_same_is_consistent():
    """T1 004 line 188: the balance as published adds up exactly."""
    f = run("T1.balance", excerpt("004", (85, 192)))[0]
    assert f.verdict == "consistent" and f.stated == f.expected


def test_rounding_verdict_when_intervals_just_miss():
    """Two-decimal figures 0.02 apart with one part: a miss of one unit is `rounding`."""
    doc = excerpt("004", (507, 686), replace=("3,496.64", "3,496.63"), at=682)
    found = [f for f in run("T4.fund_balance", doc) if "一般公共预算" in f.message]
    assert found[0].verdict == "rounding"
    assert "尾差" in found[0].message


def test_missing_table_is_unverifiable_with_reason():
    doc = excerpt("004", (85, 192))  # T1 only
    found = run("X.T1_T2.income", doc)
    assert [f.verdict for f in found] == ["unverifiable"]
    assert "T2" in found[0].message and found[0].evidence["reason"]


def test_empty_fund_table_note():
    ok = run("T9.empty_note", excerpt("000", (427, 438)))
    assert [f.verdict for f in ok] == ["consistent"]
    missing = run("T9.empty_note", excerpt("000", (427, 434)))
    assert [f.verdict for f in missing] == ["inconsistent"]


def test_every_table_rule_has_a_one_line_doc_and_is_documented():
    text = (Path(__file__).resolve().parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    rules = [r for r in REGISTRY.values() if r.scope == "tables"]
    assert len(rules) >= 50
    for r in rules:
        assert r.doc and "\n" not in r.doc
        assert f"`{r.id}`" in text, r.id


def test_unverifiable_table_findings_point_at_the_table_line():
    # A table found but without the rows a rule needs gave a finding with line None; it now
    # carries the table's first line (passage p0202: a T1 with no 收入总计/支出总计).
    import json

    from nlp.load import load_text
    from nlp.rules.registry import run_rules
    from nlp.sections import find_sections

    path = Path(__file__).resolve().parents[1] / "corpora" / "passages" / "passages.jsonl"
    text = next(r["text"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if r["id"] == "p0202")
    doc = load_text(text, doc="p0202")
    sections = find_sections(doc)
    tables = extract_tables(doc)
    findings, _ = run_rules(RuleContext(doc=doc, tables=tables, cells=[c for t in tables for c in t.cells],
                                        claims=[], sections=sections), scopes=("tables",))
    t1 = [f for f in findings if f.rule.startswith("T1.")]
    assert t1 and all(f.line is not None and 1 <= f.line <= doc.n_lines for f in t1)
