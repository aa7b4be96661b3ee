"""narrative.stock_flow: 年末 = 年初 + 增加 − 减少 for counts of one unit in one sentence
(lexicons/stock_flows.tsv), on the vehicle ledger of the written checks probe (cf-008, corrected)."""

import pytest

from tests.check_runs import edited_findings

LEDGER = "年初公务用车保有量6辆，本年更新购置1辆、报废处置2辆，年末保有量5辆。"


def verdicts(text):
    return [f.verdict for f in edited_findings("flow", text, "narrative.stock_flow")]


@pytest.mark.parametrize("text, expected", [
    (LEDGER, ["consistent"]),
    (LEDGER.replace("年末保有量5辆", "年末保有量4辆"), ["inconsistent"]),
    (LEDGER.replace("报废处置2辆", "报废处置3辆"), ["inconsistent"]),
    # flows in another order, and people instead of cars
    ("上年末实有人员42人，本年退休3人、调出1人，新录用公务员5人，年末实有人员43人。", ["consistent"]),
    ("上年末实有人员42人，本年退休3人、调出1人，新录用公务员5人，年末实有人员45人。", ["inconsistent"]),
    # a count between the stocks that is no flow: nothing is claimed
    ("年初公务用车保有量6辆，其中执法用车4辆，年末保有量5辆。", []),
    # no opening stock
    ("本年更新购置1辆、报废处置2辆，年末保有量5辆。", []),
    # two units never mix
    ("年初公务用车保有量6辆，本年购置设备3台，年末保有量6辆。", []),
])
def test_stock_flow(text, expected):
    assert verdicts(text) == expected
