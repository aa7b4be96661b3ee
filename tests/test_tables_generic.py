"""Identities of tables no template names (U.total_row, U.total_column, U.change_column), on the
tables of the written checks probe (cb-014: a tab table of 基本支出 by 经济分类 with 增减额; cb-035: a
pipe table of income by unit with its 合计 row first) and edits of them."""

import json

import pytest

from nlp.resources import corpus_path
from tests.check_runs import edited_findings


def _passage(pid: str) -> str:
    path = corpus_path("annotations", "checks-probe", f"{pid[:2]}-passages.jsonl")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return next(r["text"] for r in rows if r["id"] == pid)


# the two tables with their injected slips put right
CB014 = _passage("cb-014").replace("720.35", "702.35")
CB035 = _passage("cb-035").replace("526.35", "562.35")


def verdicts(text, rule, old="", new=""):
    return sorted((f.line, f.verdict) for f in edited_findings("generic", text, rule, old, new))


@pytest.mark.parametrize("text, rule, expected", [
    (CB014, "U.total_row", [(5, "consistent")] * 3),
    (CB014, "U.change_column", [(2, "consistent"), (3, "consistent"), (4, "consistent"), (5, "consistent")]),
    (CB035, "U.total_row", [(2, "consistent")] * 3),
    (CB035, "U.total_column", [(2, "consistent"), (3, "consistent"), (4, "consistent"), (5, "consistent")]),
])
def test_a_table_that_adds_up(text, rule, expected):
    assert verdicts(text, rule) == expected


@pytest.mark.parametrize("text, old, new, rule, line", [
    (CB014, "	702.35	", "	720.35	", "U.change_column", 3),   # the probe's slip: two digits swapped
    (CB014, "	702.35	", "	720.35	", "U.total_row", 5),
    (CB014, "	-127.39", "	-172.39", "U.change_column", 5),
    (CB035, "| 562.35 |", "| 526.35 |", "U.total_column", 4),
    (CB035, "| 562.35 |", "| 526.35 |", "U.total_row", 2),
])
def test_one_slip_is_inconsistent(text, old, new, rule, line):
    assert (line, "inconsistent") in verdicts(text, rule, old, new)


def test_the_slipped_cell_is_named_where_a_row_and_a_column_both_fail():
    found = edited_findings("generic", CB035, "U.total_row", "| 562.35 |", "| 526.35 |")
    bad = [f for f in found if f.verdict == "inconsistent"]
    assert len(bad) == 1 and bad[0].evidence["lines"] == [4]
    assert bad[0].evidence["suspect"]["row"].startswith("州林业科学研究所")


@pytest.mark.parametrize("text, old, new, rule", [
    # a total that matches no column is not this table's identity: nothing is claimed
    (CB014, "合计	4336.37	4463.76	-127.39", "合计	5336.37	5463.76	-27.39", "U.total_row"),
    # rows nested under 其中 are no flat list
    (CB014, "对个人和家庭的补助", "其中：对个人和家庭的补助", "U.total_row"),
    # columns that cannot be told apart as newer and older give no change identity
    (CB014, "2024年预算数	2023年预算数", "预算数	调整数", "U.change_column"),
])
def test_no_identity_is_claimed(text, old, new, rule):
    assert verdicts(text, rule, old, new) == []


def test_rate_columns_are_never_summed():
    text = CB014.replace("增减额", "增减额	增长率").replace("	-87.48", "	-87.48	-2.50%") \
        .replace("	-56.55", "	-56.55	-7.45%").replace("	16.64", "	16.64	8.37%").replace("	-127.39", "	-127.39	-2.85%")
    cols = {f.message.split("（")[1].split("）")[0] for f in edited_findings("generic", text, "U.total_row")}
    assert "增长率" not in cols and "增减额" in cols
