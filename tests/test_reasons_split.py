"""Clause splitting on real explanations from the seeds and the passages (docs/annotation-reasons.md)."""

from __future__ import annotations

import pytest

from nlp.reasons.gold import load_gold
from nlp.reasons.evaluate import segmentation
from nlp.reasons.split import split_clauses


def texts(s):
    return [(c.marker, c.text) for c in split_clauses(s)]


def test_enumerated_reasons_seed_000():
    # seed 000 line 460, the explanation after 主要变动情况:
    s = ("一是根据单位职能任务需要,新增数字政府建设、优化营商环境、移动政务、疫情防控等信息化建设经费;二是报市政府和市财政局"
         "批准后,年中追加广州市集中隔离场所精准管控平台项目经费;三是预算人员增加,相应增加人员薪酬和机关事业单位社会保障和住房保障支出;"
         "四是根据项目建设进度和合同约定增加的相关项目建设进度经费。")
    got = texts(s)
    assert [m for m, _ in got] == ["一是", "二是", "三是", "四是"]
    assert got[0][1] == "根据单位职能任务需要,新增数字政府建设、优化营商环境、移动政务、疫情防控等信息化建设经费"
    assert got[3][1].endswith("建设进度经费")  # closing 。 dropped


def test_marker_with_colon_and_ocr_colon_separators():
    # p0169: "一是:…;二是:…" — the colon belongs to the marker
    got = texts("一是:严格做好接待审批,严控接待批次和人次;二是:严格做好车辆的使用和管理,进一步压减公务用车运行维护费。")
    assert got == [("一是:", "严格做好接待审批,严控接待批次和人次"),
                   ("二是:", "严格做好车辆的使用和管理,进一步压减公务用车运行维护费")]
    # seed 000 line 484: OCR turned ；into ：between enumerated reasons
    got = texts("一是根据单位职能任务需要,新增信息化建设经费:二是报市政府和市财政局批准后,年中追加项目经费:三是预算人员增加")
    assert [m for m, _ in got] == ["一是", "二是", "三是"]


def test_enumerations_across_sentences_and_other_markers():
    # p0173: "一是….二是…." with full stops between
    got = texts("一是公务用车制度改革后,车辆运行成本下降。二是为了加强交流合作,2016年业务交流活动增多,所以接待费用增加。")
    assert [t for _, t in got] == ["公务用车制度改革后,车辆运行成本下降", "为了加强交流合作,2016年业务交流活动增多,所以接待费用增加"]
    assert [m for m, _ in texts("(1)人员增加;(2)年中追加")] == ["(1)", "(2)"]
    assert [m for m, _ in texts("①公车改革;②车辆报废")] == ["①", "②"]
    assert [m for m, _ in texts("1.人员经费增加;2.项目经费增加")] == ["1.", "2."]


def test_no_split_inside_one_reason():
    # commas, 、, decimals, 统一是, 第一批 and a consequence sentence do not split
    assert len(split_clauses("职工的目标绩效增加、项目经费增加")) == 1  # p0198
    assert len(split_clauses("科技经费项目比上年增长 811.83 万元,增长2.5%")) == 1
    assert len(split_clauses("统一是按照标准,第一批资金已下达")) == 1
    got = split_clauses("剩余未执行完的0.3792万元为应征入伍学生国家资助经费。因此我校资助项目资金没有全部执行完")
    assert len(got) == 1  # p0214


def test_semicolon_list_of_names_is_one_reason_and_wrapping_quotes():
    # seed 004 line 1142 / p0075: a ；-list of project names under one reason is one clause (as annotated)
    s = "本年增加清远市“一件事”专项服务系统项目；清远市“粤政易”协同办公平台项目；清远市基层便民减负项目；清远市一体化政务服务平台“四免”优化等项目增加"
    assert texts(s) == [(None, s)]
    assert len(split_clauses("本年增加清远市数据中心分节点；清远市政务云分节点等项目")) == 1
    s = "档案升级达标5A数字化及档案管理认定项目建设;党员活动室;办案工作区建设项目;理想信念教育基地项目未开"
    assert len(split_clauses(s)) == 1
    # independent reasons still split: a piece with a verb of its own, or a first piece that is no name
    assert len(split_clauses("新增数字政府建设项目；取消办公楼维修项目")) == 2
    assert len(split_clauses("人员增加；年中追加项目")) == 2
    assert len(split_clauses("公用经费减少；人员经费增加")) == 2
    assert texts("“公安等部門增加公車運行支出”") == [(None, "公安等部門增加公車運行支出")]  # p0232


def test_gold_segmentation_exact_match():
    gold = load_gold()
    seg = segmentation(gold)
    assert seg["explanations"] >= 50
    assert seg["exact_match"] >= 0.9, seg["mismatches"][:5]


@pytest.mark.parametrize("text, want", [
    ("1）人员增加；2）新增项目", [("1）", "人员增加"), ("2）", "新增项目")]),
    ("一、人员增加；二、新增项目", [("一、", "人员增加"), ("二、", "新增项目")]),
    ("一方面在职人员增加，另一方面新增信息化项目", [("一方面", "在职人员增加"), ("另一方面", "新增信息化项目")]),
    ("第一、人员增加；第二、新增项目", [("第一、", "人员增加"), ("第二、", "新增项目")]),
    ("A.项目结束;B.预算压减。", [("A.", "项目结束"), ("B.", "预算压减")]),
    ("（a）人员增加；（b）新增项目", [("（a）", "人员增加"), ("（b）", "新增项目")]),
    ("a、人员增加，b、新增项目", [("a、", "人员增加"), ("b、", "新增项目")]),
    # the copula after 一方面/首先 belongs to the marker (probe qe)
    ("一方面是乡村振兴项目资金投入加大，另一方面是上级补助的农业农村专项资金增加",
     [("一方面是", "乡村振兴项目资金投入加大"), ("另一方面是", "上级补助的农业农村专项资金增加")]),
    ("首先是新增税源有所增加；其次是土地增值税清算工作取得进展",
     [("首先是", "新增税源有所增加"), ("其次是", "土地增值税清算工作取得进展")]),
    # a ；-piece that uses or receives money states a reason of its own, not a name in a list
    ("年中收到省科技厅追加的种业振兴专项资金；使用上年结转资金继续实施在研项目；新增横向合作课题支出",
     [(None, "年中收到省科技厅追加的种业振兴专项资金"), (None, "使用上年结转资金继续实施在研项目"),
      (None, "新增横向合作课题支出")]),
])
def test_more_enumerator_styles(text, want):
    assert texts(text) == want


@pytest.mark.parametrize("text", [
    "减免在校一、二、三年级学生学费",  # p0217: grades listed with 、, no enumeration
    "第一、二季度支出增加",  # 第一、二: quarters, not an enumerator
    "增加1)人员",  # a digit with ) inside a clause
    "另一方面新增项目",  # the second side without the first
    "B.预算压减",  # a letter sequence must start at A
    "采购A.B两类设备，增加C.类项目",  # letters glued to letters are no enumerators
])
def test_enumerator_lookalikes_do_not_split(text):
    assert [m for m, _ in texts(text)] == [None]


@pytest.mark.parametrize("text, want", [
    # "1、" before a figure that opens the clause ("1、3处…") is an enumerator …
    ("1、3处冷链仓储设施因选址调整尚未开工；2、受疫情影响设备延迟交货",
     [("1、", "3处冷链仓储设施因选址调整尚未开工"), ("2、", "受疫情影响设备延迟交货")]),
    # … but not inside a list of numbers (1、2、3月份) or figures (1、2.5万元和…)
    ("主要是1、2、3月份暂停采购", [(None, "主要是1、2、3月份暂停采购")]),
    ("一是1、2月份暂停；二是其他原因", [("一是", "1、2月份暂停"), ("二是", "其他原因")]),
])
def test_a_numeral_enumerator_before_a_figure(text, want):
    assert [(c.marker, c.text) for c in split_clauses(text)] == want
