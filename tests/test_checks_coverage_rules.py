"""Rules added to raise the checked share of the 决算 seeds' money and percentage claims: each
asserted on the seed sentence it was written for, and on an altered copy where it must fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import load_text
from nlp.checks import check_document

from .test_checks_seeds import checked

extract_claims = pytest.importorskip("nlp.claims").extract_claims
SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"


def found(prefix, rule, line):
    _, findings = checked(prefix)
    return [f for f in findings if f.rule == rule and f.line == line]


def altered(prefix: str, line: int, old: str, new: str):
    """Findings on a copy of a seed with ``old`` replaced by ``new`` on ``line``."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    doc = load_text("\n".join(lines), doc=path.name)
    return check_document(doc, claims=extract_claims(doc))[0]


def test_kpi_table_matches_self_evaluation_rows_000():
    # 000:555 "月度话务接通率 95.5%" … and the 自评表 row "月度话务接通率. ≥95% 95. 5%"
    fs = found("000", "perf.kpi_table", 555)
    assert len(fs) == 6 and all(f.verdict == "consistent" for f in fs)
    assert {f.evidence["table"] for f in fs} == {"P2"}
    bad = [f for f in altered("000", 555, "月度话务接通率 95.5%", "月度话务接通率 93.5%")
           if f.rule == "perf.kpi_table" and f.line == 555 and f.verdict == "inconsistent"]
    assert bad and "95.5" in bad[0].message


def test_reason_amounts_add_up_to_the_change_001():
    # 001:584 增加 1332.69 = 涉及年度预算 272.42 + 1060.27
    fs = found("001", "narrative.reason_amounts", 584)
    assert fs and fs[0].verdict == "consistent" and "相符" in fs[0].message
    bad = [f for f in altered("001", 584, "1060.27", "1160.27")
           if f.rule == "narrative.reason_amounts" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 584


def test_reason_component_change_is_not_bounded_by_the_net_change_001():
    # 001:606 项目支出增加 830.29，"主要是科技经费项目比上年增长 811.83 万元": a component's own
    # change, which may exceed a net total (规划 PDF: 项目支出增加 1133.95 for a net 1062.85)
    fs = found("001", "narrative.reason_amounts", 606)
    assert fs and fs[0].verdict == "unverifiable"
    assert not [f for f in altered("001", 606, "811.83", "911.83")
                if f.rule == "narrative.reason_amounts" and f.verdict == "inconsistent"]


def test_list_after_a_share_and_scoped_map_001():
    # 001:784 "共支出 0.56 万元，占会议费 47.46%，其中场地租用费 0.56 万元": part ≤ whole
    fs = found("001", "narrative.part_le_whole", 784)
    assert fs and fs[0].verdict == "consistent"
    # 001:814 "国有资源（资产）有偿使用收入 2.98 万元，占 100.00%，包括利息收入 0.18 万元、…2.80 万元"
    lt = found("001", "narrative.list_total", 814)
    assert lt and lt[0].verdict == "consistent"
    # "包括：无" opens no list
    assert not [f for f in found("001", "narrative.list_total", 812) if f.verdict == "inconsistent"]
    # the 非税 sentences link to X1 through the map lines scoped to 非税 sections
    cells = [f for f in found("001", "narrative.amount_cell", 812) if f.verdict == "consistent"]
    assert {f.evidence["table"] for f in cells} == {"X1"} and len(cells) >= 3


def test_share_names_the_denominator_of_another_scope_004():
    fs = [f for f in found("004", "narrative.share", 1295) if f.verdict == "inconsistent"]
    assert fs and "T3" in fs[0].message and "6467.51" in fs[0].message


def test_count_rates_over_the_whole_of_the_qizhong_list_001():
    # 001:832 "共有财政支出项目 30 个…其中，自评结果优秀的 26 个，优秀率为 86.67%" (and 良好/中等 2 个 6.67%)
    fs = found("001", "narrative.count_rate", 832)
    assert len(fs) == 3 and all(f.verdict == "consistent" for f in fs)
    # 001:820 5 ÷ 30 = 16.667%, written 16.66% (cut, not rounded): rounding, not an error
    assert [f.verdict for f in found("001", "narrative.count_rate", 820)] == ["rounding"]
    bad = [f for f in altered("001", 832, "优秀率为 86.67%", "优秀率为 88.67%")
           if f.rule == "narrative.count_rate" and f.verdict == "inconsistent"]
    assert bad and "86.67" in bad[0].message


def test_count_completion_rate_actual_over_agreed_004():
    # 004:1381-1385 合同约定 200 万条/年，实际发送 247.49 万条，完成率 124%
    fs = found("004", "narrative.count_rate", 1385)
    assert fs and fs[0].verdict == "consistent" and "123.7" in fs[0].message


def test_level_change_relative_or_points_001_004():
    # 001:1132 185 个工作日 → 约 132 日, 压减率 29%; 828 天 → 207 天, 压减率约 75%
    assert [f.verdict for f in found("001", "narrative.level_change", 1132)] == ["consistent", "consistent"]
    # 004:1638 45.57% → 74.70% "提升幅度达 28.63%": neither 29.13 points nor 63.92%
    fs = found("004", "narrative.level_change", 1638)
    assert fs and fs[0].verdict == "inconsistent" and "29.13" in fs[0].message
    ok = [f for f in altered("004", 1638, "28.63%", "29.13%") if f.rule == "narrative.level_change"]
    assert ok and ok[0].verdict == "consistent"


def test_budget_adjustments_across_sentences_001():
    # 001:1040 年初预算安排 108.51 万元。年中预算追加了 190.7049 万元，预算调整率为 175.7487%。…
    # 001:1042 项目调整后预算为 299.2149 万元 (five sentences later)
    rate = found("001", "narrative.change_rate", 1040)
    assert rate and rate[0].verdict == "consistent" and "108.51" in rate[0].message
    adj = found("001", "narrative.adjusted_budget", 1042)
    assert adj and adj[0].verdict == "consistent"
    # 001:1184 "预算调整 73.18 万元" without a sign: 128.25 + 73.18 = 201.43
    assert [f.verdict for f in found("001", "narrative.adjusted_budget", 1184)] == ["consistent"]
    # 001:1301 年初 300 + 年中追加 302.49 = 实际到位 602.49
    assert [f.verdict for f in found("001", "narrative.adjusted_budget", 1301)] == ["consistent"]
    bad = [f for f in altered("001", 1042, "299.2149万元,实际", "289.2149万元,实际")
           if f.rule == "narrative.adjusted_budget" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 1042


def test_project_spending_links_to_the_funds_table_after_it_001():
    fs = [f for f in found("001", "narrative.amount_cell", 895) if f.verdict == "consistent"]
    assert fs and fs[0].evidence["link"] == "following table" and fs[0].evidence["row_label"] == "合计"


def test_completion_direction_against_the_reason_001():
    verdicts = {f.line: f.verdict for f in checked("001")[1] if f.rule == "narrative.completion_direction"}
    assert verdicts[695] == verdicts[701] == verdicts[705] == verdicts[729] == "consistent"
    assert 703 not in verdicts  # "人员费用政策性调整": no direction
    bad = [f for f in altered("001", 695, "121.28%", "91.28%")
           if f.rule == "narrative.completion_direction" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 695


def test_counts_in_wan_are_not_money_claims_004():
    # 004:1481 "共400多万市民" is a count of people in 万, not an amount of money
    from nlp.checks import coverage

    claims, findings = checked("004")
    people = [c for c in claims if c.line == 1481 and c.kind == "count" and c.unit == "万"]
    assert people
    cov = coverage(claims, findings)["money_percent"]
    assert cov["extracted"] == len([c for c in claims if c.unit in ("%", "万元", "元", "万", "亿元", "千元", "亿")
                                    and c.value is not None and c.kind != "count"])


def test_reason_components_of_a_new_total_are_bounded_000():
    # 000:468 其他收入 20 万元，增加 20 万元（基数为 0，不可比）…新增非同级财政拨款 20 万元: with no
    # prior every component started from 0, so none can exceed the change
    fs = found("000", "narrative.reason_amounts", 468)
    assert [f.verdict for f in fs] == ["consistent"]
    bad = [f for f in altered("000", 468, "新增非同级财政拨款 20 万元", "新增非同级财政拨款 30 万元")
           if f.rule == "narrative.reason_amounts" and f.verdict == "inconsistent"]
    assert bad and bad[0].line == 468
