"""Every real inconsistency found by careful reading of the five seeds is reported, and nothing
else is reported as inconsistent (claims and tables from the real stages)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

import nlp
from nlp.checks import check_document, coverage

pytest.importorskip("nlp.claims")
pytest.importorskip("nlp.tables")
from nlp.claims import extract_claims  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"

# (seed prefix, line, rule, what was read): the list kept by careful reading
KNOWN = [
    ("001", 683, "narrative.share", "一般公共预算财政拨款支出 5250.40 占本年支出合计 5270.40 的 99.62%，文中 99.60%（= ÷ 本年收入 5271.57）"),
    ("001", 830, "narrative.share", "绩效自评一般公共预算项目 4011.72 ÷ T5 项目支出合计 4063.81 = 98.72%，文中 98.68%（无相符分母）"),
    ("001", 685, "narrative.amount_unit", "住房保障（类）81.12元，表 T5 221 为 81.12 万元"),
    ("001", 814, "narrative.amount_cell", "非税：利息收入 0.18、处置固定资产残值收入 2.80，X1 为 0.16、2.82（合计同为 2.98）"),
    ("001", 1380, "narrative.savings", "区财政共需投入 5068、云计算中心投入 1738，“即 5 年可节约 3300 万元”：差为 3330"),
    ("002", 93, "narrative.adjusted_budget", "600 − 356.04 = 243.96，文中调整后预算 343.96"),
    ("002", 93, "narrative.completion_rate", "242.68 ÷ 343.96 = 70.55%，文中执行率 99.48%（÷ 243.96 相符）"),
    ("004", 1207, "narrative.budget_comparison", "三公 决算 2.52 = 预算 2.52，文中写“决算小于预算数”"),
    ("004", 1293, "perf.fund_amount", "绩效自评“一般公共预算项目”资金 6467.51 > T5 项目支出 2,726.98（= T5 2726.98 + T8 3740.53）"),
    ("004", 1295, "narrative.share", "绩效自评 6467.51 占一般公共预算项目支出总额 100%：T5 项目支出 2,726.98；6467.51 是 T3 全部项目支出"),
    ("004", 1272, "narrative.share", "小微企业 122.8 ÷ 中小企业 2,792.96 = 4.40%，文中 4.20%（÷ 2,915.76 = 4.21%）"),
    ("004", 1638, "narrative.level_change", "人工接通率从 45.57% 提升至 74.70%，“提升幅度达 28.63%”：差 29.13 个百分点，相对 63.92%"),
    ("004", 1541, "narrative.ranked_order", "前五名 5.16、5.04、4.09、2.42、3.25 未按序"),
]


@lru_cache(maxsize=None)
def checked(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = nlp.load(str(path))
    claims = extract_claims(doc)
    findings, _ = check_document(doc, claims=claims)
    return claims, findings


@pytest.mark.parametrize("prefix,line,rule,what", KNOWN)
def test_known_inconsistency_is_reported(prefix, line, rule, what):
    _, findings = checked(prefix)
    hits = [f for f in findings if f.rule == rule and f.line == line and f.verdict == "inconsistent"]
    assert hits, f"{prefix}:{line} {rule} not reported: {what}"
    assert hits[0].message and hits[0].claim_text is not None or rule == "narrative.budget_comparison"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_nothing_else_is_inconsistent(prefix):
    _, findings = checked(prefix)
    known = {(line, rule) for p, line, rule, _ in KNOWN if p == prefix}
    extra = [(f.line, f.rule, f.message) for f in findings
             if f.verdict == "inconsistent" and (f.line, f.rule) not in known]
    assert not extra


def test_rounding_is_never_inconsistent_001():
    # 001:674 住房公积金 81.11 占 1.55% (exact 1.545%): shares forced to sum to 100 (NOISE 1.10)
    _, findings = checked("001")
    f = [x for x in findings if x.rule == "narrative.share" and x.line == 674]
    assert f and f[0].verdict == "rounding"


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_coverage_is_reported(prefix):
    claims, findings = checked(prefix)
    cov = coverage(claims, findings)["money_percent"]
    assert cov["extracted"] > 50
    assert cov["checked"] + cov["unverifiable"] == cov["extracted"]
    # measured: 000 90.2%, 001 90.8%, 004 91.4% (were 82/82/86, first 70/62/71); the target
    # is 90% (docs/checks.md lists what remains unverifiable and why)
    assert cov["checked_pct"] >= 90
