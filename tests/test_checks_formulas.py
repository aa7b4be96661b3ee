"""Arithmetic written out in the narrative (nlp/checks/formulas.py): each rule on the seed text it
was written for, and on an altered copy where it must fail."""

from __future__ import annotations

from nlp import load_text
from nlp.checks import check_document

from .test_checks_coverage_rules import altered, extract_claims, found


def _rule(findings, rule, verdict=None):
    return [f for f in findings if f.rule == rule and (verdict is None or f.verdict == verdict)]


def test_expression_is_evaluated_001():
    # 001:1269 "每年节约运维成本 120 万元， 20 万/个 × 3 人(运维人员) × 2 个机房 = 120 万元"
    fs = found("001", "narrative.expression", 1269)
    assert len(fs) == 2 and all(f.verdict == "consistent" for f in fs)
    bad = _rule(altered("001", 1269, r"\times 2 \text{ 个机房}", r"\times 3 \text{ 个机房}"), "narrative.expression", "inconsistent")
    assert bad and "180.00" in bad[0].message


def test_expression_explains_the_amount_before_it():
    doc = load_text("（3）节约成本\n\n每年节约运维成本 150 万元， 20 万/个 × 3 人 × 2 个机房 = 120 万元。\n", doc="x")
    fs = _rule(check_document(doc, claims=extract_claims(doc), tables=[], cells=[])[0], "narrative.expression")
    assert {(f.stated, f.verdict) for f in fs} == {("120万元", "consistent"), ("150万元", "inconsistent")}


def test_savings_are_the_difference_001():
    # 001:1380 5068 − 1738 = 3330, the text says 3300 (a real slip); 3300 ÷ 5 = 660 holds
    fs = found("001", "narrative.savings", 1380)
    assert [f.verdict for f in fs] == ["inconsistent", "consistent"]
    assert "3,330.00" in fs[0].message
    ok = _rule(altered("001", 1380, "节约区财政资金 3300 万元", "节约区财政资金 3330 万元"), "narrative.savings")
    assert [f.verdict for f in ok] == ["consistent", "inconsistent"]  # 3330 ÷ 5 = 666, not 660


def test_balance_and_payment_rate_001():
    # 001:846 年初总预算 22.63，最终支付 22.1904，结余 0.4396；支付率达 98%（22.1904 ÷ 22.63 = 98.06%）
    fs = found("001", "narrative.balance", 846)
    assert len(fs) == 2 and all(f.verdict == "consistent" for f in fs)
    bad = _rule(altered("001", 846, "结余 0.4396", "结余 0.5396"), "narrative.balance", "inconsistent")
    assert len(bad) == 1 and "0.4396" in bad[0].message
    bad = _rule(altered("001", 846, "支付率达 98%", "支付率达 96%"), "narrative.balance", "inconsistent")
    assert len(bad) == 1 and "98.06" in bad[0].message


def test_installments_add_up_001():
    # 001:850 "项目 20.4424 万元了，首付款 12.2654 万元。剩余 8.1769 万元" (12.2654 + 8.1769 = 20.4423)
    fs = found("001", "narrative.installments", 850)
    assert len(fs) == 1 and fs[0].verdict == "consistent"
    bad = _rule(altered("001", 850, "剩余 8.1769", "剩余 7.1769"), "narrative.installments", "inconsistent")
    assert bad and bad[0].line == 850


def test_payments_listed_add_up_to_the_total_paid_001():
    # 001:846 最终支付 22.1904 = (1) 8.125 + (2) 1.8 + (3) 首付款 12.2654 (its 剩余 8.1769 is not paid)
    fs = found("001", "narrative.payments", 846)
    assert len(fs) == 1 and fs[0].verdict == "consistent" and "8.1769" not in fs[0].message
    bad = _rule(altered("001", 848, "一次性支付 1.8", "一次性支付 2.8"), "narrative.payments", "inconsistent")
    assert bad and bad[0].line == 846


def test_balance_needs_budget_paid_and_balance_in_a_row():
    # an addition between the initial budget and the spending: the balance is of the adjusted budget
    doc = load_text("（二）项目资金情况\n\n该项目年初预算 100 万元，年中追加 20 万元，实际支出 110 万元，结余 10 万元。\n", doc="x")
    fs = _rule(check_document(doc, claims=extract_claims(doc), tables=[], cells=[])[0], "narrative.balance")
    assert not [f for f in fs if f.verdict == "inconsistent"]


def test_expression_reads_rates_and_thousands_separators():
    def expr(text):
        doc = load_text("（1）成本\n\n" + text + "\n", doc="x")
        return [(f.stated, f.verdict) for f in check_document(doc, claims=extract_claims(doc), tables=[], cells=[])[0]
                if f.rule == "narrative.expression"]

    assert expr("按 1,000 万元 × 10% = 100 万元计提。") == [("100万元", "consistent")]  # not "000 × 10% = 0"
    assert expr("按 1,000 万元 × 12% = 100 万元计提。") == [("100万元", "inconsistent")]
    assert expr("单价 500 元 × 20 台 = 1 万元。") == [("1万元", "consistent")]
    assert expr("共 3 项 × 2 = 6 项。") == []  # counts only: nothing about money
