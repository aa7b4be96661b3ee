"""narrative.difference: 净资产 = 资产总额 − 负债总额 (lexicons/differences.tsv), on the 国有资产 wording
of the written checks probe (ce-010) and edits of it."""

import pytest

from tests.check_runs import edited_findings

TEXT = ("截至2022年12月31日，本单位资产总额17,451.00万元，其中：流动资产3,418.27万元，固定资产12,906.55万元，"
        "在建工程865.30万元，无形资产214.80万元，其他资产46.08万元。\n"
        "负债总额1,236.44万元，净资产16,214.56万元。")


def verdicts(old="", new=""):
    return [(f.line, f.verdict) for f in edited_findings("difference", TEXT, "narrative.difference", old, new)]


@pytest.mark.parametrize("old, new, expected", [
    ("", "", [(2, "consistent")]),
    ("净资产16,214.56万元", "净资产16,124.56万元", [(2, "inconsistent")]),   # two digits swapped
    ("负债总额1,236.44万元", "负债总额1,263.44万元", [(2, "inconsistent")]),
    ("净资产16,214.56万元", "净资产16,214.58万元", [(2, "rounding")]),       # just past both roundings
    ("净资产16,214.56万元", "净资产16,214.6万元", [(2, "consistent")]),      # coarser: an interval
    ("净资产16,214.56万元", "净资产1.62亿元", [(2, "consistent")]),           # another unit
    # a part's total is not the whole: 固定资产总额 is no 资产总额
    ("本单位资产总额17,451.00万元，其中：流动资产3,418.27万元，固定资产12,906.55万元",
     "本单位流动资产3,418.27万元，固定资产总额12,906.55万元", []),
    ("负债总额", "其他负债", []),  # no whole's liabilities
])
def test_net_assets(old, new, expected):
    assert verdicts(old, new) == expected


@pytest.mark.parametrize("tail, expected", [
    ("净资产16,214.56万元，负债总额1,236.44万元。", [(2, "consistent")]),  # a term after it, same sentence
    ("净资产16,214.56万元。负债总额1,236.44万元。", []),                  # … not in a later one
])
def test_terms_after_the_result(tail, expected):
    text = TEXT.replace("负债总额1,236.44万元，净资产16,214.56万元。", tail)
    found = edited_findings("difference-after", text, "narrative.difference")
    assert [(f.line, f.verdict) for f in found] == expected
