"""Text after a cue that is not an explanation (lexicons/reason_non_bodies.tsv, finder.is_body)."""

import pytest

from nlp.load import load_text
from nlp.reasons import extract_reasons
from nlp.reasons.finder import is_body


@pytest.mark.parametrize("text", [
    "以下方面", "以下几个方面：", "如下", "XXXXXXXX", "一般公共服务支出(类)XXX万元,占XX%", "XXXXXXXX(如持平作持平表述)", "2", "96%",
    "分析及改进措施 产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指标 委托业务报告合格率",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
])
def test_not_a_body(text):
    assert not is_body(text)


@pytest.mark.parametrize("text", [
    "疫情影响", "人员增加", "以下方面的工作增加，新增信息化建设经费", "根据单位职能任务需要，新增数字政府建设经费",
    "部分项目绩效指标得分偏低，系年初目标值设置偏高",  # one table word in prose is still prose
    "業務量增加",
])
def test_a_body(text):
    assert is_body(text)


def _clauses(text):
    return [r.clause for r in extract_reasons(load_text(text, doc="t"), claims=[], missing=False)]


def test_indicator_table_after_a_cause_heading_is_not_an_explanation():
    text = ("本项目共完成预算资金89.97万元。绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "偏差原因分析及改进措施 产出指标(50分) 数量指标 委托业务项目数量 ≥50个 50 8 8 质量指标 报告合格率 ≥100 100 8 8")
    assert _clauses(text) == []


def test_pointer_clause_dropped_and_real_reason_kept():
    text = "本年支出120万元，比上年增加20万元，增长20%，主要原因是：以下方面；一是新增信息化建设项目；二是人员增加。"
    got = _clauses(text)
    assert "以下方面" not in got
    assert any("信息化建设项目" in c for c in got) and any("人员增加" in c for c in got)
