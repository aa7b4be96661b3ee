"""narrative.sme_category_share: a category's 中小企业 share × its spending ≤ the 中小企业 total."""

from __future__ import annotations

from .test_checks_coverage_rules import altered, found


def test_category_shares_within_the_sme_total_000():
    # 000:519 货物 97.5% × 120.38、工程 100% × 41.36、服务 15.8% × 33,272.92 = 5,257.12 ≤ 5,642.63
    fs = found("000", "narrative.sme_category_share", 519)
    assert len(fs) == 3 and all(f.verdict == "consistent" for f in fs)
    bad = [f for f in altered("000", 519, "占服务支出金额的15.8%", "占服务支出金额的18.5%")
           if f.rule == "narrative.sme_category_share" and f.verdict == "inconsistent"]
    assert len(bad) == 1 and "6,155.49" in bad[0].message  # 18.5% × 33,272.92 > 5,642.63


def test_category_with_no_spending_has_no_share_004():
    # 004:1275 工程支出 0.00 万元, "占工程支出金额的 0.00%"
    fs = found("004", "narrative.sme_category_share", 1275)
    assert [f.verdict for f in fs] == ["consistent"] and "应为 0" in fs[0].message
    bad = [f for f in altered("004", 1275, "0.00%", "10.00%")
           if f.rule == "narrative.sme_category_share" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 1275
