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


# the sixth written checks probe (cg, session 10): one small table with prose, tab/pipe/space layouts
from tests.test_checks_probe import _corrected  # noqa: E402


@pytest.mark.parametrize("pid, rule, old, new, line", [
    # pipe table with 功能分类 codes: 205 = Σ 款, 20502 = Σ 项
    ("cg-007", "U.hierarchy", "| 20502 | 普通教育 | 4457.45 |", "| 20502 | 普通教育 | 4257.45 |", 7),
    # tab table of 经济分类 codes under "基本支出合计"
    ("cg-011", "U.hierarchy", "30102\t津贴补贴\t418.60", "30102\t津贴补贴\t481.60", 4),
    # space-aligned: the 合计 row's figures are named from the right of the header
    ("cg-014", "U.hierarchy", "1,210.88", "1,201.88", 3),
    # 增减率 = 增减额 ÷ 上年
    ("cg-017", "U.rate_column", "-4.55%", "-5.45%", 9),
    # numbered items and sub-items (1. … (1) (2) … 3.) under a 合计 row
    ("cg-020", "U.total_row", "3.05", "5.05", 3),
    # one column, rows numbered 一、二、三、四、 as siblings
    ("cg-001", "U.total_row", "7,915.20", "7,951.20", 4),
    # a 收入决算表 title over 本年/上年 columns: the template's rules do not apply, the generic ones do
    ("cg-005", "U.total_row", "| 2,846,530.00 |", "| 2,864,530.00 |", 8),
    # prose against the passage's own table
    # "公务接待费预算3.80万元，比上年减少0.70万元" beside the row 3.80 | 4.50 (2024年/2023年预算数)
    ("cg-017", "narrative.change_cell", "比上年减少0.70万元", "比上年增加0.70万元", 12),
    ("cg-017", "narrative.change_cell", "比上年减少0.70万元", "比上年减少0.90万元", 12),
    # a rate whose base is the row's earlier-year cell
    ("cg-025", "narrative.change_cell", "增长18.67%", "增长15.67%", 10),
    # a score above its weight, weights adding up to 100
    ("cg-032", "U.score_weight", "| 10 | 10 |", "| 10 | 16 |", 8),
    # a unit's row restated by its name with 本年支出 after it; the label wrapped onto the next line
    ("cg-028", "narrative.amount_cell", "保护站）本年支出1,150.12万元", "保护站）本年支出1,105.12万元", 8),
    # a use restating a row ("主要用于小学教育2,418.75万元") is checked against it too
    ("cg-007", "narrative.amount_cell", "主要用于小学教育2,418.75万元", "主要用于小学教育2,481.75万元", 14),
])
def test_probe_tables_one_slip(pid, rule, old, new, line):
    clean = [(f.line, f.verdict) for f in edited_findings(pid, _corrected(pid), rule)]
    assert clean and not [x for x in clean if x[1] == "inconsistent"]
    assert (line, "inconsistent") in verdicts(_corrected(pid), rule, old, new)


def test_a_child_that_breaks_its_parent_and_its_own_sum_is_named():
    found = edited_findings("cg-007", _corrected("cg-007"), "U.hierarchy", "| 4457.45 |\n| 2050201", "| 4257.45 |\n| 2050201")
    parent = [f for f in found if f.line == 6 and f.verdict == "inconsistent"]
    assert parent and parent[0].evidence["lines"] == [7]


def test_the_template_rules_leave_a_table_of_other_columns_alone():
    found = edited_findings("cg-005", _corrected("cg-005"), "T2.row_sum")
    assert [f for f in found if f.verdict == "inconsistent"] == []


@pytest.mark.parametrize("pid, old, new, line, verdict", [
    # prose restating a row of the passage's own table: "公务用车运行费3.25万元" ↔ 35,486.50 元 (决算数 column)
    ("cg-019", "其中公务用车运行费3.25万元", "其中公务用车运行费3.52万元", 10, "inconsistent"),
    # a 万元 figure for a 元 cell, rounded to two decimals: 0.72 万元 for 7,150.00 元
    ("cg-019", "", "", 10, "consistent"),
])
def test_prose_restating_a_row_of_its_own_table(pid, old, new, line, verdict):
    found = edited_findings(pid, _corrected(pid), "narrative.amount_cell", old, new)
    assert (line, verdict) in [(f.line, f.verdict) for f in found]


def test_a_row_name_in_two_tables_or_two_current_columns_links_nothing():
    from nlp.checks.link import link_own_table
    from nlp.records import Cell, Claim
    from decimal import Decimal

    def cell(table, column, value, row=1):
        return Cell(doc="d", table=table, table_title="", row_code=None, row_label="公务接待费", side=None,
                    column=column, value=Decimal(value), unit="万元", line=3, row=row)
    claim = Claim(doc="d", line=9, start=0, end=5, text="3.80万元", sentence="", kind="amount",
                  subject="公务接待费", value=Decimal("3.80"), unit="万元")
    assert link_own_table(claim, [cell("U1", "2024年预算数", "3.80"), cell("U1", "2023年预算数", "4.50")]).cell.value \
        == Decimal("3.80")
    assert link_own_table(claim, [cell("U1", "预算数", "3.80"), cell("U1", "调整数", "4.50")]) is None
    assert link_own_table(claim, [cell("U1", "金额", "3.80"), cell("U2", "金额", "3.80")]) is None


def test_a_reversed_direction_against_the_table_is_named():
    found = edited_findings("cg-017", _corrected("cg-017"), "narrative.change_cell", "比上年减少0.70万元", "比上年增加0.70万元")
    assert any("方向词有误" in f.message for f in found if f.verdict == "inconsistent")


def test_a_table_header_and_unit_line_are_not_prose():
    from nlp.claims import extract_claims
    from nlp.load import load_text

    claims = extract_claims(load_text(_corrected("cg-028"), doc="cg-028"))
    first = next(c for c in claims if c.value is not None and str(c.value) == "1150.12")
    assert first.subject.startswith("市农业技术推广中心")  # not "单位名称合计基本支出…保护站)"
