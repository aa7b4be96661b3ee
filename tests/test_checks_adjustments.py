"""Budget adjustments against their listed reasons, and a restated 年初预算 (nlp/checks/adjustments.py)."""

from __future__ import annotations

from nlp import load_text
from nlp.checks import check_document

from .test_checks_coverage_rules import altered, extract_claims, found


def _rule(findings, rule, verdict=None):
    return [f for f in findings if f.rule == rule and (verdict is None or f.verdict == verdict)]


def test_adjustment_reasons_add_up_001():
    # 001:1040 年中预算追加 190.7049 = 60.71 + 126.595 + 3.395 (2000 万元 is a cap, 108.51 the initial budget)
    fs = found("001", "narrative.adjustment_reasons", 1040)
    assert len(fs) == 1 and fs[0].verdict == "consistent" and "相符" in fs[0].message
    assert "2000" not in fs[0].message and "108.51" not in fs[0].message
    bad = _rule(altered("001", 1040, "126.595万元", "136.595万元"), "narrative.adjustment_reasons", "inconsistent")
    assert bad and "200.7000" in bad[0].message


def test_restated_initial_budget_001():
    # 001:893 本项目年初预算安排为 329.45 → 895 "2019年初预算安排为329.45万元"; 1040 108.51 twice
    assert [f.verdict for f in found("001", "narrative.restated_budget", 895)] == ["consistent"]
    assert [f.verdict for f in found("001", "narrative.restated_budget", 1040)] == ["consistent"]
    bad = _rule(altered("001", 895, "2019年初预算安排为329.45", "2019年初预算安排为329.54"),
                "narrative.restated_budget", "inconsistent")
    assert bad and bad[0].line == 895


def test_another_projects_initial_budget_is_not_a_restatement():
    # 002:93… lists projects, each with its own 年初预算
    text = ("（二）项目资金情况\n\n一是信息化项目管理经费，年初预算 600 万元，年中调减预算 356.04 万元。\n\n"
            "信息化运维经费，年初预算 659.72 万元，年中调减预算 349.79 万元。\n")
    doc = load_text(text, doc="x")
    fs = check_document(doc, claims=extract_claims(doc), tables=[], cells=[])[0]
    assert not _rule(fs, "narrative.restated_budget")
