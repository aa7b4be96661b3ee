"""Cue wording variants: headings, bare 原因：, cause before the change, the money as the subject of 用于."""

from __future__ import annotations

import pytest

from nlp.reasons.finder import find_explanations


def _found(text):
    return [(f.cue.kind, text[f.start:f.end], text[f.explained[0]:f.explained[1]] if f.explained else None)
            for f in find_explanations(text)]


@pytest.mark.parametrize("text, kind, expl", [
    # a heading line naming the reasons: the explanation is the next line
    ("“三公”经费支出51万元，与上年相比减少17万元。\n三、“三公”经费变动原因\n一是出国考察增加；二是公车改革完成。",
     "reason", "一是出国考察增加；二是公车改革完成"),
    ("二、“三公”经费增减变化原因说明：因接待需求增加，申请调增公务接待指标。", "reason", "因接待需求增加，申请调增公务接待指标"),
    ("年中预算追加了190.70万元。预算调整原因如下：1.受财力约束年初预算只能安排108.51万元。", "reason",
     "1.受财力约束年初预算只能安排108.51万元"),
    ("支出比上年下降10.5%。原因：人员退休。", "reason", "人员退休"),
    # 主要是因为 after a figure that is no change (a share) still introduces a reason
    ("养老保险缴费支出48.55万元，占0.93%，主要是因为新增职业年金缴费。", "reason", "新增职业年金缴费"),
    # 主要 alone before a cause verb (主要是 without 是), after a stated change
    ("公务接待费同比减少897万元，下降17.63%，主要严格落实中央八项规定，接待管理越来越规范。", "reason",
     "严格落实中央八项规定，接待管理越来越规范"),
    ("办公费减少3万元，主要按照过紧日子要求压减一般性支出。", "reason", "按照过紧日子要求压减一般性支出"),
    # the money named as the subject of 用于
    ("全部资金用于减免学生学费。", "use", "减免学生学费"),
    ("省级补助资金100万元用于开展1个排危除险工程。", "use", "开展1个排危除险工程"),
])
def test_variant_cues_found(text, kind, expl):
    got = _found(text)
    assert any(k == kind and e == expl for k, e, _ in got), got


_CHANGE = "一般公共预算财政拨款支出1,234.56万元，比上年增加123.45万元，增长11.1%"


@pytest.mark.parametrize("tail, expl", [
    # 增支/减支/增收 and a bare 增加/减少 before 原因, as a label before a colon or with a copula
    ("，增支原因：人员增加。", "人员增加"),
    ("，减支原因：项目完成。", "项目完成"),
    ("。增加原因：1.人员增加；2.新增项目。", "1.人员增加；2.新增项目"),
    ("，增加原因主要是人员增加。", "人员增加"),
    ("，究其原因，一是人员增加；二是新增项目。", "一是人员增加；二是新增项目"),
    # a cause after a copula or a verb of origin
    ("，是由于人员增加。", "人员增加"),
    ("，是因为人员增加。", "人员增加"),
    ("，原因系人员增加。", "人员增加"),
    ("，主要在于人员增加。", "人员增加"),
    ("，主要源于人员增加。", "人员增加"),
    ("，得益于新增项目资金。", "新增项目资金"),
    # 具体原因 with 如下 or before a colon; the gap named as exceeding the budget
    ("，具体原因如下：（1）培训人数增加；（2）培训标准提高。", "（1）培训人数增加；（2）培训标准提高"),
    ("。具体原因：人员增加。", "人员增加"),
    ("。超预算原因：接待任务增加。", "接待任务增加"),
    ("，超出预算的主要原因是接待任务增加。", "接待任务增加"),
])
def test_more_cue_wordings(tail, expl):
    got = _found(_CHANGE + tail)
    assert [(k, e) for k, e, _ in got] == [("reason", expl)], got
    assert got[0][2] == _CHANGE


@pytest.mark.parametrize("text", [
    "本单位增加原因不明的支出须报批。",  # 增加原因 without a copula or a colon
    "这项工作源于2019年的试点。",  # 源于 with no change stated before it
    "全年共开展培训12次，得益于各方支持。",  # a count, no change
    "审核是否同意立项的具体原因,专家组建议项目是否立项。",  # 具体原因 without a copula or colon (p0192)
])
def test_more_cue_wordings_need_a_change(text):
    assert [k for k, _, _ in _found(text) if k == "reason"] == []


@pytest.mark.parametrize("text, cause, statement", [
    ("受财政拨款规模压缩影响，一些部门财政拨款支出相应减少。", "财政拨款规模压缩", "一些部门财政拨款支出相应减少"),
    ("而留学教育因派出规模减小使得决算小于预算，完成年初预算的93%。", "派出规模减小", "决算小于预算，完成年初预算的93%"),
    ("因物价上涨等因素影响，公务接待费增加15.18万元。", "物价上涨", "公务接待费增加15.18万元"),
])
def test_cause_before_change(text, cause, statement):
    got = _found(text)
    assert ("reason", cause, statement) in got, got


@pytest.mark.parametrize("text", [
    "受市政府委托，本局开展专项审计工作。",  # 受…: no 影响, no change
    "受疫情影响，部分活动改为线上举办。",  # no change named after the cause
    "因公出国(境)费用导致的支出为0万元。",  # 因公 is a word, not a cause
    "三、“三公”经费支出情况\n本年支出10万元。",  # a heading without 原因
    "本单位资金使用情况良好。",  # 使用 is not 用于
    "本年支出10万元，主要领导带队调研2次。",  # 主要 before a noun is no cue
])
def test_no_false_variant(text):
    assert [k for k, _, _ in _found(text) if k == "reason" or "用于" in text] == []


def test_a_prescription_with_ba_is_no_use():
    assert _found("“要把有限的资金用于发展所需、民生所盼”的表述继续出现在政府工作报告中。") == []


@pytest.mark.parametrize("text, found", [
    ("按照党政机关坚持过紧日子有关要求,2021年安排三公经费预算51.87亿元,比2020年预算减少3.3亿元。", True),
    ("根据国务院关于推进政府预算信息公开的决策部署,经县财政局汇总,现将2018年三公经费决算情况公开如下:", False),
    ("根据《预算法》规定,现将本部门2023年部门预算公开如下。", False),
])
def test_a_rule_as_the_basis_of_a_change(text, found):
    assert any(k == "reason" for k, _, _ in _found(text)) is found


@pytest.mark.parametrize("text", [
    "2025年,为“腾出更多资金用于发展所需、民生所盼”,“党政机关要坚持过紧日子”的表述继续出现。",
    "根据《中华人民共和国预算法》有关规定,经市财政局汇总,2021年三公经费预算总额为3136万元,较2020年减少42万元。",
])
def test_slogans_and_boilerplate_are_no_explanations(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, direction", [
    ("公务接待费2.00万元。超预算原因：接待任务增加。", "大于"),
    ("公务接待费2.00万元，超出年初预算的主要原因是接待任务增加。", "大于"),
])
def test_exceeding_the_budget_asserts_greater(text, direction):
    got = find_explanations(text)
    assert [f.cue.direction for f in got] == [direction]


@pytest.mark.parametrize("text, expl", [
    # 由于 opening a sentence: the cause up to the comma explains the change after it (probe qe)
    ("2017年度支出合计183,960.52万元。由于调整机关事业单位工作人员基本工资标准，本年基本支出中工资福利支出增加4,630.18万元。",
     "调整机关事业单位工作人员基本工资标准"),
    ("支出完成1,127,346万元，比上年减少58,291万元，下降4.9%，主要原因具体如下：（1）上年一次性支出较多；（2）事业单位转企改制。",
     "（1）上年一次性支出较多；（2）事业单位转企改制"),
    ("支出完成198.34亿元，为调整预算的98.1%，未完成调整预算的原因如下：部分补偿款未能如期支付；实际中标价低于预算。",
     "部分补偿款未能如期支付；实际中标价低于预算"),
    # probe qf: factors named as such, 归因于, a labelled gap note, a bare 说明： after the figure
    ("支出决算1,862.40万元，比上年增加78.55万元。增支因素主要有：一是高标准农田建设支出增加15.60万元；二是村干部报酬增加2.35万元。",
     "一是高标准农田建设支出增加15.60万元；二是村干部报酬增加2.35万元"),
    ("2019年度支出决算8,652.30万元，比上年减少1,126.74万元，下降11.5%。主要归因于：（1）人员经费划出684.20万元；（2）棚改前期经费本年不再安排。",
     "（1）人员经费划出684.20万元；（2）棚改前期经费本年不再安排"),
    ("其他支出：年初预算0万元，决算86.40万元。差异说明：年初没预算，年中收到上级下达的补助资金。",
     "年初没预算，年中收到上级下达的补助资金"),
    ("村级公益岗位补贴支出4.80万元，比上年增加1.60万元，说明：新增2个疫情防控卡点值守公益岗位。",
     "新增2个疫情防控卡点值守公益岗位"),
])
def test_cues_in_other_departments_wording(text, expl):
    assert expl in [e for _, e, _ in _found(text)]


def test_an_explanation_ends_before_the_next_item_stating_its_own_rate():
    # probe qe: the next 科目 with its level and rate is a statement of its own, not a second clause
    text = ("节能环保支出9,625万元，下降36.4%，主要是上年实施的农村“煤改气”工程本年已基本完成所致；\n"
            "交通运输支出18,402万元，下降22.7%。")
    assert [e for _, e, _ in _found(text)] == ["上年实施的农村“煤改气”工程本年已基本完成所致"]


def test_a_bare_shuoming_without_a_figure_before_it_is_no_cue():
    # 说明： labels a note only after a figure of its sentence; a form's "填报说明：" is none
    text = "填报说明：本表金额单位为万元。"
    assert _found(text) == []
