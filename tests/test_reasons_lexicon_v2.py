"""The second frozen cue lexicon (lexicons/reason_cue_taxonomy_v2.tsv) on invented clauses.

Every example below was written for this test from docs/reasons-taxonomy.md and the conventions of
docs/annotation-reasons.md; none is copied from a corpus. Positives must fire the label's pattern,
negatives (other labels' causes, mere mentions of an expense item, the conventions' border cases)
must not.
"""

from __future__ import annotations

import numpy as np
import pytest
import regex

from nlp.reasons.classify import lexicon_labels
from nlp.reasons.lexicon import LABEL_LEXICONS, LABELS, label_cues
from nlp.reasons.model import RULE_SOURCES, Item, ReasonModel
from nlp.resources import read_lexicon_lines

SOURCE = "taxonomy_v2"

POSITIVE: dict[str, list[str]] = {
    "personnel": [
        "在职人员增加3人", "新接收军转干部2名", "本年度公开招聘工作人员", "两名同志退休",
        "调整薪酬待遇标准", "养老保险和职业年金缴费增加", "住房公积金缴存比例提高",
        "遗属生活补助增加", "人员经费增加", "新進人員工資",  # traditional script
        "人員 調 入", "核定编制增加",
    ],
    "new_task": [
        "根据单位职能任务需要,新增数字政府建设经费", "新增乡村振兴专项工作经费", "新建污水处理厂",
        "职能增加", "承担上级部署的出访任务", "代管村增加", "建设任务重项目多",
        "实施老旧小区改造工程", "信息化平台建设", "开展第七次全国人口普查",
        "项目经费增加", "首次承办全省运动会",
    ],
    "task_ended": [
        "项目已完工", "支付工程尾款", "项目资金减少", "上年一次性支出本年没有",
        "减少两个服务项目", "本年未安排出国计划", "未发生公务接待", "补贴本年没有发放",
        "培训活动未开展", "该项工作已结束", "取消了年度评比活动", "租赁合同到期不再续租",
    ],
    "midyear_adjustment": [
        "年中追加项目经费", "年中调增预算", "年初没预算", "预算调剂", "报市财政局批准后追加",
        "经区政府批准增加安排", "动用预备费", "年初未安排预算,年中据实追加",
        "年初预算中没有安排该项经费", "调减部分项目预算",
    ],
    "payment_timing": [
        "根据项目建设进度和合同约定支付", "未能如期支付", "未来得及支付", "于明年重新申请",
        "资金结转下年使用", "工程尚未验收", "上级资金年底下达", "项目资金未到位",
        "部分款项延期支付", "工程尚未办理结算",
    ],
    "vehicles": [
        "公车改革", "车改后车辆减少", "车辆报废", "更新车辆1辆", "使用年限到期",
        "新购置公务用车", "报废2辆公务用车", "车辆老化维修频繁", "公务用车划转至机关事务局",
        "公務車輛報廢",  # traditional script
    ],
    "forecast": [
        "预算按充分保障预估", "年初预算编制不足", "预算测算偏高", "财力不足未安排预算",
        "预算编制时未充分考虑物价因素", "预算安排较为宽松", "按全年标准测算",
    ],
    "austerity": [
        "严格落实中央八项规定精神", "厉行节约", "过紧日子", "压减一般性支出", "从严控制",
        "从严管控公务用车", "严格控制公务用车运行费用", "精简会议", "降低行政成本",
    ],
    "institutional_reform": [
        "机构改革", "职能划转", "并入区农业农村局", "部分职能划出", "两个事业单位撤并",
        "撤销了下属中心", "综合行政执法改革", "转隶至应急管理局",
    ],
    "external_shock": [
        "疫情影响", "疫情防控", "自然灾害", "突发事件", "防汛抢险", "受台风影响",
        "新冠肺炎疫情", "颱風",  # traditional script
    ],
    "policy_change": [
        "政策性调整", "根据国家统一政策", "标准提高", "上级文件要求", "社会保险缴费基数变更",
        "调整薪酬待遇标准", "特困人员动态管理", "公积金政策性调整",
        "根据《关于调整最低生活保障标准的通知》", "按〔2021〕15号文件执行",
    ],
    "funding_source": [
        "非同级财政拨款", "上级补助增加", "科目调整", "统计口径变化", "基数为0",
        "专项债券资金", "使用上年结转资金", "事业收入减少", "财政拨款规模减少",
        "调整至其他科目列支",
    ],
    "operations": [
        "日常运行保障经费", "办公、差旅等保障性支出", "电费、办公费增加", "接待批次增加",
        "来访检查次数减少", "主要用于机要通信、应急保障用车等车辆的燃料费", "车辆保险",
        "物业管理费上涨", "信息系统运维", "救助对象增加", "出差次数减少",
    ],
    "vague": [
        "工作需要", "根据实际情况", "业务需要", "其他原因", "与上年持平", "当年度无支出",
        "因公出国费减少", "公车运行维护费减少", "车辆运行费用和公务接待费用略有减少",
        "项目支出", "公务用车运行及维护费", "较上年减少12.5万元", "根据工作需要。",
        "主要是支出增加", "根据工作安排",
    ],
}

NEGATIVE: dict[str, list[str]] = {
    "personnel": [
        "特困人员动态管理", "困难人员救助增加", "预算编制不足", "接待人员减少",
        "公务用车运行维护费减少", "保障农民工工资支付", "车辆保险", "政策性调整",
    ],
    "new_task": [
        "新增人员2名", "新增公务用车1辆", "本年度新增2辆执法执勤用车", "接待任务增加", "新增专项债券", "根据项目建设进度支付", "项目已完工",
        "建设项目资金减少", "接待批次增加", "党风廉政建设", "业务需要", "新建项目已竣工",
    ],
    "task_ended": [
        "当年度无支出", "财力不足未安排预算", "年初未安排预算", "年中追加项目经费",
        "年终一次性奖金", "车辆使用年限到期", "由于疫情原因,接待任务减少", "取消一般公务用车", "新增项目经费",
    ],
    "midyear_adjustment": [
        "预算编制不足", "项目已完工", "根据实际情况", "上级补助增加", "年初预算未考虑人员变动", "标准调整", "资金结转下年使用",
        "人员调整",
    ],
    "payment_timing": [
        "使用上年结转资金", "结转结余资金减少", "工作需要", "项目已完工", "年中追加",
        "进一步加强预算管理", "预算编制不足",
    ],
    "vehicles": [
        "公务用车运行维护费减少", "公务用车购置费减少", "严格控制公务用车运行费用",
        "主要用于机要通信、应急保障用车等车辆的燃料费", "用车次数减少", "公务用车运行及维护费",
        "设备资产更新", "新购办公设备",
    ],
    "forecast": [
        "年中追加", "厉行节约", "项目已完工", "人员编制增加", "工作需要", "疫情影响", "标准提高",
    ],
    "austerity": [
        "政府采购节约资金", "公务用车运行维护费减少", "公务接待费用略有减少", "车辆报废",
        "预算测算偏高", "接待批次减少", "会议费减少",
    ],
    "institutional_reform": [
        "整合涉农资金", "撤销项目", "机构运转正常", "职能增加", "新增项目", "公车改革",
        "资金调入",
    ],
    "external_shock": [
        "廉政风险防控", "应急保障用车燃料费", "工作需要", "政策性调整", "年中追加", "项目已完工",
    ],
    "policy_change": [
        "严格执行公务接待标准", "公务用车制度改革", "机构改革", "上级补助增加", "工作需要",
        "科目调整", "人员增加",
    ],
    "funding_source": [
        "上级部署的出访任务", "上级文件要求", "资金结转下年使用", "按进度拨款", "人员经费增加",
        "办公费增加", "财力不足未安排预算",
    ],
    "operations": [
        "公务接待费减少", "因公出国费减少", "公务用车运行维护费减少", "公务用车购置",
        "业务需要", "新增数字政府建设经费", "人员经费增加", "上级补助增加",
    ],
    "vague": [
        "根据单位职能任务需要,新增数字政府建设经费", "人员经费增加", "项目资金减少", "办公费增加",
        "因疫情原因公务接待费减少", "接待批次减少", "未发生公务接待", "上级补助收入增加",
        "车辆报废", "严格控制公务用车运行费用", "公务用车使用减少", "当年未发生因公出国费用",
    ],
}


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(label, text) for label, texts in table.items() for text in texts]


@pytest.mark.parametrize("label,text", _cases(POSITIVE))
def test_v2_pattern_fires(label: str, text: str) -> None:
    assert label in lexicon_labels(text, SOURCE)


@pytest.mark.parametrize("label,text", _cases(NEGATIVE))
def test_v2_pattern_does_not_fire(label: str, text: str) -> None:
    assert label not in lexicon_labels(text, SOURCE)


def test_every_label_has_enough_examples_and_a_pattern() -> None:
    covered = {label for label, _ in label_cues(SOURCE)}
    assert covered == set(LABELS)
    for label in LABELS:
        assert len(POSITIVE[label]) >= 6 and len(NEGATIVE[label]) >= 6, label


def test_rows_are_valid_labels_and_compile() -> None:
    lines = read_lexicon_lines(LABEL_LEXICONS[SOURCE])
    assert lines
    for line in lines:
        label, pattern = line.split("\t", 1)
        assert label.strip() in LABELS
        regex.compile(pattern.strip())


def test_source_is_selectable_as_model_rules() -> None:
    assert SOURCE in RULE_SOURCES
    model = ReasonModel(labels=list(LABELS), config={"rules": [SOURCE], "rule_weight": 1.5}, vocab={}, idf={},
                        coef=np.zeros((len(LABELS), 0)), intercept=np.zeros(len(LABELS)), thresholds={})
    assert model.vague_rule("根据实际情况")
    assert not model.vague_rule("人员经费增加")
    row = model.extra(Item("车辆报废"), "车辆报废")
    assert row[: len(LABELS)] == [1.5 * (l == "vehicles") for l in LABELS]
    assert model.rule_labels("疫情防控") == ["external_shock"]
