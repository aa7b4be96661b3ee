"""The amounts a reason list gives must add up to the change it explains (nlp/reasons/amounts.py):
seed 001's budget adjustment (190.70 = 60.71 + 126.595 + 3.395) and rises netted with falls."""

from decimal import Decimal

import pytest

from nlp.reasons.amounts import check_sum, read_amounts

STATEMENT = "“三公”经费财政拨款支出决算52.64万元，比上年增加15.08万元，增长40.1%"


def _check(clauses, statement=STATEMENT):
    return check_sum([read_amounts(c) for c in clauses], statement)


def test_a_rise_and_falls_netted_add_up():
    got = _check(["新购置医疗巡诊车1辆，支出28.50万元", "本年公务用车运行维护费减少9.80万元",
                  "公务接待费减少3.62万元"])
    assert (got["verdict"], got["total"], got.get("netted")) == ("consistent", Decimal("15.08"), True)


@pytest.mark.parametrize("clauses", [
    ["新购置医疗巡诊车1辆，支出28.50万元", "本年公务用车运行维护费减少9.80万元", "公务接待费减少3.92万元"],
    ["新购置医疗巡诊车1辆，支出28.50万元", "公务用车运行维护费增加9.80万元", "公务接待费增加3.62万元"],
])
def test_netting_does_not_excuse_a_wrong_sum(clauses):
    assert _check(clauses)["verdict"] == "inconsistent"


def test_parts_of_one_direction_add_up_as_before():
    # seed 001 line 1040: 60.71 + 126.595 + 3.395 = 190.70, stated here as the change
    clauses = ["根据项目实际进度追加支付部分验收款60.71万元", "需支付主项目合同第二笔款项126.595万元",
               "监理合同第一笔款项3.395万元"]
    got = _check(clauses, "调整后预算比年初预算增加190.70万元")
    assert (got["verdict"], got["total"], "netted" in got) == ("consistent", Decimal("190.700"), False)
