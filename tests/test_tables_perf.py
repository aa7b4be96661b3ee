"""The 绩效自评表 rules (P1/P2 score_weight, total_score, grade_band) on the real self-evaluation
tables of seed 000 (four 项目支出绩效自评表) and 001 (部门整体支出绩效自评表), as published and
with one figure or tick altered."""

from __future__ import annotations

from tests.test_tables_rules import excerpt, run

P2 = (563, 594)  # 12345 热线外包: budget line 10/10, six indicators, 总分 100, ☑优
P2_3 = (662, 699)  # 热线系统升级: four indicators printed 12/14/12/12 against a weight of 10
P2_4 = (705, 731)  # 其他运行经费: the 自评得分 header is misread, the scores are not named


def by_line(findings):
    return {f.line: f.verdict for f in findings}


def test_scores_within_weights_as_published():
    got = run("P2.score_weight", excerpt("000", P2))
    assert by_line(got) == {571: "consistent", 585: "consistent", 586: "consistent", 587: "consistent",
                            588: "consistent", 589: "consistent", 590: "consistent"}
    assert {f.expected for f in got} == {"≤10", "≤15", "≤20"}


def test_score_above_its_weight_is_inconsistent():
    bad = run("P2.score_weight", excerpt("000", P2, replace=("\t15\t15\t", "\t15\t18\t"), at=585))
    assert by_line(bad)[585] == "inconsistent"
    assert [f.line for f in bad if f.verdict == "inconsistent"] == [585]


def test_total_is_the_sum_of_scores():
    ok = run("P2.total_score", excerpt("000", P2))
    assert [(f.verdict, f.stated, f.expected, f.line) for f in ok] == [("consistent", "100", "100", 593)]
    # a score lowered (13 of 15): the total no longer adds up
    bad = run("P2.total_score", excerpt("000", P2, replace=("\t15\t15\t", "\t15\t13\t"), at=585))
    assert [(f.verdict, f.expected) for f in bad] == [("inconsistent", "98")]


def test_printed_over_weight_scores_are_reported():
    """000 P2-3 prints 12, 14, 12, 12 under 自评得分 for indicators weighted 10, and 总分 100 for
    scores that add to 110 — reported as printed (the source PDF is not in the corpus)."""
    sw = run("P2.score_weight", excerpt("000", P2_3))
    assert [f.line for f in sw if f.verdict == "inconsistent"] == [692, 693, 694, 695]
    tot = run("P2.total_score", excerpt("000", P2_3))
    assert [(f.verdict, f.stated, f.expected) for f in tot] == [("inconsistent", "100", "110")]


def test_unread_scores_make_the_total_unverifiable():
    got = run("P2.total_score", excerpt("000", P2_4))
    assert [f.verdict for f in got] == ["unverifiable"]
    assert "满分" in got[0].message


def test_grade_band():
    ok = run("P2.grade_band", excerpt("000", P2))
    assert [(f.verdict, f.stated, f.line) for f in ok] == [("consistent", "优", 594)]
    moved = excerpt("000", P2, replace=("☑优 90 分≤得分≤100 分; □良", "□优 90 分≤得分≤100 分; ☑良"), at=594)
    bad = run("P2.grade_band", moved)
    assert [(f.verdict, f.stated, f.expected) for f in bad] == [("inconsistent", "良", "优")]
    # an OCR-garbled tick ("R 优") is not read as a tick: nothing to compare, and it says so
    assert [f.verdict for f in run("P2.grade_band", excerpt("000", P2_3))] == ["unverifiable"]


def test_every_self_evaluation_table_is_checked_or_says_why():
    from nlp.rules.registry import RuleContext, run_rules
    from nlp.tables import extract_tables

    doc = excerpt("000", (563, 731))
    ts = extract_tables(doc)
    assert [t.key for t in ts if t.id == "P2"] == ["P2", "P2-2", "P2-3", "P2-4"]
    findings, _ = run_rules(RuleContext(doc=doc, tables=ts), scopes=("tables",), only={"P2.total_score"})
    assert [f.verdict for f in findings] == ["consistent", "unverifiable", "inconsistent", "unverifiable"]
    # 001's 部门整体支出绩效自评表 has no score columns at all
    p1 = run("P1.score_weight", excerpt("001", (1412, 1446)))
    assert [f.verdict for f in p1] == ["unverifiable"]
