"""Coverage fixes on real seed text: a 类/款/项 path whose name holds （室）, a share whose named
denominator only a table states, a completion rate whose budget is in the previous sentence."""

from __future__ import annotations

import pytest

from nlp.checks.link import path_of

from .check_runs import document_run as run
from .conftest import raw

pytest.importorskip("nlp.tables")
pytest.importorskip("nlp.claims")


def at(findings, rule: str, line: int):
    return [f for f in findings if f.rule == rule and f.line == line]


def line_of(text: str, needle: str) -> int:
    return next(i for i, l in enumerate(text.split("\n"), 1) if needle in l)


def test_path_with_bracketed_word_links_to_t5():
    name, text = raw("001")
    doc, claims, findings = run(name, text)
    line = line_of(text, "行政运行(项)支出 483.11 万元")
    c = next(c for c in claims if c.line == line and c.kind == "amount")
    assert [lv for _, lv in path_of(doc, c)] == ["类", "款", "项"]
    f = at(findings, "narrative.amount_cell", line)
    assert f and f[0].verdict == "consistent" and f[0].evidence["table"] == "T5"
    # the same figure altered no longer matches its cell
    _, _, f2 = run(name, text.replace("行政运行(项)支出 483.11 万元", "行政运行（项）支出 493.11 万元"))
    assert [x.verdict for x in at(f2, "narrative.amount_cell", line)] == ["inconsistent"]


def test_share_of_a_denominator_only_the_table_states():
    name, text = raw("001")
    line = line_of(text, "占一般公共预算项目支出总额的")
    _, _, findings = run(name, text)
    f = [x for x in at(findings, "narrative.share", line) if x.evidence.get("table") == "T5"]
    assert f and f[0].verdict == "inconsistent" and f[0].expected == "98.72%"
    # with the share the table gives, it is consistent
    _, _, f2 = run(name, text.replace("总额的 98.68%", "总额的 98.72%"))
    assert [x.verdict for x in at(f2, "narrative.share", line) if x.evidence.get("table") == "T5"] == ["consistent"]


def test_execution_rate_against_the_adjusted_budget_of_the_previous_sentence():
    name, text = raw("001")
    line = line_of(text, "调整后预算为311.3652万元")
    _, _, findings = run(name, text)
    f = [x for x in at(findings, "narrative.completion_rate", line)]
    assert [x.verdict for x in f] == ["consistent"]
    _, _, f2 = run(name, text.replace("年度预算执行率为100%", "年度预算执行率为90%"))
    assert [x.verdict for x in at(f2, "narrative.completion_rate", line)] == ["inconsistent"]


def test_fund_section_amounts_link_to_t8_001():
    # 001:745 政府性基金预算财政拨款收入/支出 18.37 → T8 合计; 751 "城市基础设施配套费安排的支出（款）
    # 城市基础设施配套费安排的支出（项）" → the 款 21213's only 项 2121399, not T5
    from .test_checks_coverage_rules import altered, found

    fs = found("001", "narrative.amount_cell", 745) + found("001", "narrative.amount_cell", 751)
    assert {f.evidence["table"] for f in fs} == {"T8"}
    assert all(f.verdict == "consistent" for f in fs) and len(fs) >= 4
    assert any(f.evidence["row_code"] == "2121399" and f.evidence["column"] == "本年支出小计" for f in fs)
    bad = [f for f in altered("001", 751, "18.37万元", "18.73万元")
           if f.rule == "narrative.amount_cell" and f.line == 751 and f.verdict == "inconsistent"]
    assert bad and bad[0].evidence["table"] == "T8"


def test_fund_spending_outside_its_section_links_to_t8_t9_004():
    # 004:1160 政府性基金预算财政拨款支出 3,740.53 → T8 合计; 1170 国有资本经营 0.00 → T9 合计
    from .test_checks_coverage_rules import found

    t8 = found("004", "narrative.amount_cell", 1160)
    t9 = found("004", "narrative.amount_cell", 1170)
    assert any(f.evidence.get("table") == "T8" and f.verdict == "consistent" for f in t8)
    assert any(f.evidence.get("table") == "T9" and f.verdict == "consistent" for f in t9)
