"""On the seeds: ≥95% of applicable rule instances evaluated, real non-reconciliations reported
as inconsistent, and no rounding-level difference reported as inconsistent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nlp.rules.registry import RuleContext, run_rules
from nlp.tables import extract_tables


@pytest.fixture(scope="module")
def results(seed_docs):
    out = {}
    for k in ("000", "001", "003", "004"):
        ts = extract_tables(seed_docs[k])
        ctx = RuleContext(doc=seed_docs[k], tables=ts, cells=[c for t in ts for c in t.cells])
        out[k] = run_rules(ctx, scopes=("tables",))
    return out


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_at_least_95_percent_evaluated(results, seed):
    findings, cov = results[seed]
    assert cov.rules_applied >= 35
    assert cov.instances >= 300
    assert cov.evaluated / cov.instances >= 0.95


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_no_rounding_level_difference_is_inconsistent(results, seed):
    for f in results[seed][0]:
        if f.verdict == "inconsistent" and f.expected and not f.expected.startswith("≤") and f.stated:
            gap = abs(Decimal(f.stated) - Decimal(f.expected))
            assert gap > Decimal("0.05"), f.message


def test_known_non_reconciliations_are_reported(results):
    """003 表12: 数字政府运营中心 (742) and 政务服务中心 (837) rows do not add up (noise §3.16)."""
    bad = [f for f in results["003"][0] if f.verdict == "inconsistent"]
    assert {(f.rule, f.line) for f in bad} == {("B12.units", 742), ("B12.units", 837)}
    # 003 表2 lost its 合计 row: the B1↔B2 check cannot be made and says so
    unv = [f for f in results["003"][0] if f.verdict == "unverifiable"]
    assert [f.rule for f in unv] == ["X.B1_B2.income"]


def test_between_table_rules_run_on_every_juesuan_seed(results):
    for seed in ("000", "001", "004"):
        rules = {f.rule for f in results[seed][0] if f.verdict != "unverifiable"}
        for rid in ("X.T1_T2.income", "X.T1_T3.expense", "X.T1_T3.class", "X.T1_T4.income", "X.T4_T5.total",
                    "X.T5_T6.basic", "X.T6_T7.items", "X.T5_T3.part", "T1.balance", "T4.row_sum"):
            assert rid in rules, (seed, rid)
