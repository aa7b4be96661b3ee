"""Constructions added to the claim reader, each on real corpus sentences (passages and seeds).

Every case is a sentence as it appears in ``corpora/passages`` or a seed (normalised by
``load_text``); the expected tuples are (kind, value, unit) of the claims read from it, in text
order, or a subset checked with ``in`` where the sentence holds many other figures.
"""

from __future__ import annotations

import pytest

from nlp.claims import extract_claims
from nlp.load import load_text


def kvu(text):
    return [(c.kind, None if c.value is None else str(c.value), c.unit) for c in extract_claims(load_text(text))]


# A figure right after a clause comma is read (only a comma between digits joins a number).
@pytest.mark.parametrize("text, expected", [
    ("2021年六安市工商业联合会国内公务接待共8批次,160人次。",
     [("count", "8", "批次"), ("count", "160", "人次")]),
    ("2017年公务接待费1014万元, 比预算数减少850万元。国内公务接待5636批次,58049人次。",
     [("amount", "1014", "万元"), ("change", "850", "万元"), ("count", "5636", "批次"), ("count", "58049", "人次")]),
    ("為落實預算法實施條例關於部門預算構成的規定,10個部門公開了國有資本經營預算。",
     [("count", "10", "个")]),
])
def test_figure_after_a_clause_comma(text, expected):
    assert kvu(text) == expected


# 周 is a duration, but 周岁 is an age (70-79周岁老年人 are not claims on their own).
def test_age_in_zhousui_is_not_a_duration():
    got = kvu("2023年全县70周岁以上老人共有53908人,其中70-79周岁老年人40098人。")
    assert got == [("count", "53908", "人"), ("count", "40098", "人")]


def kinds(text):
    return [(c.kind, None if c.value is None else str(c.value)) for c in extract_claims(load_text(text))]


# Goal statements: figures of a goal are targets (lead at a clause start, title, goal heading).
@pytest.mark.parametrize("text, expected", [
    # p0209: a paragraph opened by a goal title
    ("2.2021年度绩效目标。新建高标准农田620万亩,统筹发展高效节水灌溉166万亩;以县(市、区)为单位平均计算,亩均投入财政资金1500元。",
     [("target", "620"), ("target", "166"), ("target", "1500")]),
    # p0216: 總體目標: lead (traditional script)
    ("總體目標:按照2019年高等職業院校國家助學金標準平均每生每年3300元,實行春、秋季評選發放,涉及6140人次困難學生。",
     [("target", "3300"), ("target", "6140")]),
    # 001:1203: a goal lead after a clause; the next sentence is not a goal
    ("根据绩效管理系统的填报，项目绩效总目标为：升级改造二期机房，提供 24 个机柜可用空间，满足设备物理空间 3 年内的增长。"
     "对二期机房进行改造，新增制冷设备 2 台。",
     [("target", "24"), ("target", "3"), ("count", "2")]),
])
def test_goal_statements_give_targets(text, expected):
    assert kinds(text) == expected


def test_goal_heading_block_covers_indicator_lines_only():
    # p0114: lines under 项目绩效目标设定情况 that state indicators are targets; the block ends
    # at the next heading
    text = ("(二)、项目绩效目标设定情况\n总体目标:目标1:石头卧子村新建水房1座、铺设输水管线\n"
            "1、产出指标数量指标:\n石头卧子村新建水房1座、铺设输水管线。\n质量指标:项目(工程)验收合格率100%\n"
            "成本指标:计划资金201.48万元\n二、绩效目标完成情况分析\n项目资金到位率100%。")
    assert kinds(text) == [("target", "1"), ("target", "1"), ("target", "100"), ("target", "201.48"),
                           ("percent", "100")]


# A target cue reaches its own clause only (004:1465: the rest of the sentence is narrative).
def test_target_cue_does_not_reach_later_clauses():
    got = kinds("6.整合归并热线特服号码的拨通率。热线拨打率目标值为100%,热线平台整合归并了全市20条政府各部门服务热线接入到12345热线平台,"
                "采取整体并入,双号并行,设分中心三种方式全面完成了热线的优化整合工作,实际完成值100%,完成目标值。")
    assert got == [("target", "100"), ("count", "20"), ("count", "3"), ("actual", "100")]


# Target/actual pairs across sentences, starting levels, verdicts (seed 001 indicator prose).
@pytest.mark.parametrize("text, expected", [
    ("预期值为 369 个。实际能够按照全区各个单位需求接入，后台对接单位/系统统计量 369 个，指标完成情况良好。",
     [("target", "369"), ("actual", "369")]),
    ("预期值为 95%。区政数局开展了 38 位服务对象的满意度调查，满意度 95.6%，高于预期值。",
     [("target", "95"), ("count", "38"), ("actual", "95.6")]),
    ("预期值为从串联办理的 185 个工作日压减至约 132 日，压减率为 29%。实际单位并无针对此情况进行分析，现在系统情况是串联 828 天，"
     "现经优化并联实施需 207 天，压减率约为 75%。",
     [("count", "185"), ("target", "132"), ("target", "29"), ("count", "828"), ("count", "207"), ("actual", "75")]),
    ("预期值为提升到 4Gbps。实际带宽由 2Gbps 提升到 4Gbps，且公网 IPV4 地址由原来 512 个增加到 640 个。",
     [("target", "4"), ("amount", "2"), ("actual", "4"), ("count", "512"), ("count", "640")]),
    ("提供了两个数据中心互通的网络为南北分离的两条 40Gb 的光缆链接，网络带宽拓展至 80Gb，实现了立项时设置的预期值。",
     [("count", "2"), ("count", "2"), ("amount", "40"), ("actual", "80")]),
    # an actual already stated: later percentages of the paragraph are reasons, not actuals
    ("人工话务接通率目标值≥80%，实际完成值 62.83%，低于目标值。主要原因是 2021 年全年人工总话务量同比增长了 30.3%。",
     [("target", "80"), ("actual", "62.83"), ("growth_rate", "30.3")]),
])
def test_indicator_pairs_and_verdicts(text, expected):
    assert kinds(text) == expected


# 每月节省 stated for the target and the figures: the same indicator, so actuals (001:1002-1004).
def test_parallel_wording_makes_a_saving_an_actual():
    got = kinds("预期值为租用互联网专线每月节省 7.4 万元，租用短信平台每月节省费用无设置预期值。按照合同规定实际支付情况，"
                "租用互联网专线实际每月节省 6.5 万元，租用短信平台月租每月节省 168.504 万元。")
    assert got == [("target", "7.4"), ("actual", "6.5"), ("actual", "168.504")]


@pytest.mark.parametrize("text, expected", [
    # a verb followed by 为/至 states the level reached (001:1481)
    ("将审批时限由原来的 53 个工作日压缩为 5 个工作日。", [("count", "53"), ("count", "5")]),
    # rate words: 调整率 (001:1040), 压缩 / 减轻 as decrease verbs (p0010, 001:1273)
    ("年中预算追加了190.7049万元,预算调整率为175.7487%。", [("change", "190.7049"), ("growth_rate", "175.7487")]),
    ("公務用車購置及運行費1205.06萬元(較2010年壓縮2%)", [("amount", "1205.06"), ("growth_rate", "2")]),
    ("分担一期机房的运维压力，减轻 50%。", [("growth_rate", "50")]),
    # completion against a budget stated as 占调整预算数 / 占总预算比 (p0091, p0088)
    ("2022年度蕉城區本級一般公共預算支出數為459989萬元,占調整預算數115.8%。", [("amount", "459989"), ("completion_rate", "115.8")]),
    # paid out of funds received is not budget completion (p0210)
    ("项目共支付470.37万元,到位资金支付率为95.02%。", [("amount", "470.37"), ("percent", "95.02")]),
    # 1日内 is a duration, not a date (004:1553)
    ("核查结果均在 1日内回复", [("count", "1")]),
])
def test_rates_levels_and_durations(text, expected):
    assert kinds(text) == expected


# Flat: one claim per statement; a reason clause restating it is not another (003:910, p0036, p0069).
@pytest.mark.parametrize("text, n_flat", [
    ("其中：因公出国（境）费24万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化；", 1),
    ("因公出國(境)費預算為0萬元,支出決算為0萬元,完成預算的0%;與上年持平。決算數與預算數持平的主要原因是2023年度未安排因公出國(境)事項。"
     "決算數與上年持平的主要原因是2022年度、2023年度均未安排因公出國(境)事項。", 2),
    ("剔除车辆购置费后,可比口径下降0.22%,达到零增长要求。", 0),
    ("因公出國(境)費為0萬元,比2020年減少0萬元,未發生增減變動。", 1),
])
def test_flat_statements(text, n_flat):
    assert [k for k, _ in kinds(text)].count("flat") == n_flat


# Counts with a Chinese 一 before a listed measure word; idioms, quoted names and titles are not.
@pytest.mark.parametrize("text, expected", [
    ("已建酒窖一间,12个发酵池。", [("count", "1"), ("count", "12")]),                    # p0208
    ("五是 3 月开展一次话务应急演练和增设远端坐席。", [("count", "1")]),                  # 004:1658
    ("按合同分四期支付,均已在 2022 年内分四期支付完成。", [("count", "4"), ("count", "4")]),  # 004:1391
    ("一批市级政策兑现事项延伸至民科园分中心受理。", []),                                   # 002:43
    ("努力实现让群众办事“只上一张网”“只进一扇门”“最多跑一次”。", []),                   # 001:1451
    ("单位设置了“用地出让审批时间压减率”“两类社会投资项目审批时间压减”等指标。", []),      # 001:1062
    ("在 2022 年 9 月发布的《2022 年 348 个城市热线运行质量报告》中", []),                 # 004:1514
    ("提供一年四次主动上门巡检服务。", [("count", "4")]),                                   # 001:869
    ("2023年度主要农作物耕种收机械化率达到94.8%,同上一年提升1%。", [("percent", "94.8"), ("growth_rate", "1")]),
])
def test_chinese_one_counts_and_names(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, expected", [
    # one verb, two rates (004:1403); one verb, two counts (p0207)
    ("2020 年和 2021 年全年人工总话务量同比增长了 43.8%和 30.3%。", [("growth_rate", "43.8"), ("growth_rate", "30.3")]),
    ("在实际执行过程中,因死亡等原因减少4户10人。", [("change", "4"), ("change", "10")]),
    # last year's value of a share is a share (p0019)
    ("2022年,全市一般公共预算教育经费占一般公共预算支出1814597万元的比例15.68%,比上年的18.92%下降3.24个百分点。",
     [("amount", "1814597"), ("share", "15.68"), ("share", "18.92"), ("change", "3.24")]),
    # a bare 完成率 in a sentence naming a budget is its completion (004:1387-1389)
    ("5.预算执行率。按预算额度执行支付,2022 年预算额为 593.76 万元，实际支付 593.76 万元，完成率达 100%。",
     [("amount", "593.76"), ("amount", "593.76"), ("completion_rate", "100")]),
    # a table row flattened into a passage is not prose (p0125)
    ("年度资金总额 200 200 179.43 10 89.7% 9 其中:当年财政拨款 200 200 179.43 10 89.7% 8", []),
])
def test_coordination_and_context(text, expected):
    assert kinds(text) == expected


def test_grade_written_before_dengji():
    # 000:533
    got = kinds('全局绩效管理情况较为理想,达到了"优"等级。')
    assert got == [("grade", None)]


@pytest.mark.parametrize("text", [
    # 上海市普陀区财政局2024年度部门决算.pdf p.23: projects counted by grade, not a grade of the department
    "绩效自评的2024年度项目4个,平均得分99.43分(其中,绩效评级为“优”的项目4个;绩效评级为“良”的项目0个;"
    "绩效评级为“合格”的项目0个)。",
])
def test_counts_by_grade_are_not_grades(text):
    from nlp.claims import extract_claims
    from nlp.load import load_text

    kinds = [c.kind for c in extract_claims(load_text(text))]
    assert "grade" not in kinds
    assert kinds.count("count") >= 4


# A thousands separator inside a figure is no clause break: the completion phrase and the subject
# read across it (the checks probe's 预算执行情况 and the 000 seed's 完成预算 wording).
@pytest.mark.parametrize("text, kind, subject", [
    ("全县一般公共预算收入完成32,418万元，为预算31,600万元的106.2%，比上年增加2,374万元，增长7.9%。",
     "completion_rate", "全县一般公共预算收入"),
    ("支出决算为 1,703.57 万元，完成预算 1,703.07 万元的 100%。", "completion_rate", "支出"),
])
def test_a_thousands_separator_is_no_clause_break(text, kind, subject):
    claims = extract_claims(load_text(text))
    pct = [c for c in claims if c.unit == "%"][0]
    assert (pct.kind, pct.subject) == (kind, subject)
    assert all("万元的" not in (c.subject or "") for c in claims)
