"""Metadata and sections on the five seeds (issue 2 "Done when")."""

from __future__ import annotations

import pytest
import regex

from nlp.sections import find_sections, kind_of_heading, narrative_lines, parse_heading

from .conftest import SEED


@pytest.mark.parametrize("seed, department, year, kind, scope", [
    ("000", "广州市政务服务数据管理局", 2022, "决算", "部门"),
    ("001", "广州市番禺区政务服务数据管理局", 2019, "决算", "部门"),
    ("002", "广州市白云区政务服务数据管理局", 2022, "绩效自评", "部门"),
    ("003", "广州市政务服务数据管理局", 2023, "预算", "部门"),
    ("004", "清远市政务服务数据管理局本级", 2022, "决算", "本级"),
])
def test_metadata(seed_docs, seed, department, year, kind, scope):
    meta = seed_docs[seed].meta
    assert (meta["department"], meta["year"], meta["kind"], meta["scope"]) == (department, year, kind, scope)


@pytest.mark.parametrize("seed, unit", [("000", "万元"), ("001", "万元"), ("003", "万元"), ("004", "万元"),
                                        ("002", None)])
def test_table_unit(seed_docs, seed, unit):
    assert seed_docs[seed].meta["unit"] == unit


_NUMBERED = regex.compile(r"^\s*(?:[-*]\s+)?(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])")


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_situation_part_and_its_headings(seed_docs, seed):
    doc = seed_docs[seed]
    secs = find_sections(doc)
    parts = [s for s in secs if s.level == 0 and s.kind == "情况说明"]
    assert len(parts) == 1, [s.heading for s in secs if s.level == 0]
    part = parts[0]
    raw_lines = SEED[seed].read_text(encoding="utf-8").split("\n")
    # the heading text is found at start_line of the input file
    for s in secs:
        if s.kind in ("表", "目录"):
            continue
        assert s.heading in raw_lines[s.start_line - 1] or s.heading.startswith(raw_lines[s.start_line - 1].strip())
    # every 一、 and （一） heading line inside the part is a section
    got = {s.start_line for s in secs if part.start_line <= s.start_line <= part.end_line}
    for n in range(part.start_line, part.end_line + 1):
        line = doc.lines[n - 1]
        if _NUMBERED.match(line) and parse_heading(line):
            assert n in got, (n, line)


def test_expected_headings_in_000(seed_docs):
    secs = {(s.start_line, s.level, s.kind) for s in find_sections(seed_docs["000"])}
    assert (454, 1, "情况说明") in secs  # 一、2022年度收入支出决算总体情况说明
    assert (456, 2, "情况说明") in secs  # (一) 年度收入总体情况
    assert (511, 1, "其他重要事项") in secs
    assert (735, 0, "名词解释") in secs


def test_wrapped_part_heading_in_004(seed_docs):
    part = [s for s in find_sections(seed_docs["004"]) if s.level == 0 and s.start_line == 1058][0]
    assert part.kind == "情况说明" and part.heading.endswith("决算情况说明")


def test_table_of_contents_is_one_section(seed_docs):
    secs = find_sections(seed_docs["003"])
    toc = [s for s in secs if s.kind == "目录"]
    assert len(toc) == 1 and toc[0].start_line < 10
    assert not [s for s in secs if s.kind != "目录" and toc[0].start_line < s.start_line <= toc[0].end_line]


@pytest.mark.parametrize("heading, kind", [
    ("第二部分 2023年部门预算表", "表"),
    ("二、2022年度财政拨款收入支出总表说明", "情况说明"),
    ("一、收支总体情况表", "表"),
    ("四、其他重要事项的情况说明", "其他重要事项"),
    ("(四) 预算绩效管理工作开展情况", "绩效"),
    ("第四部分: 名词解释", "名词解释"),
    ("第一部分 广州市政务服务数据管理局 概况", "概况"),
    ("一、部门主要职责", "概况"),
])
def test_heading_kinds(heading, kind):
    assert kind_of_heading(heading) == kind


@pytest.mark.parametrize("line", [
    "一、一般公共预算财政拨款收入 1 3,471.99 一、一般公共服务支出 31 3,297.07",
    "4. 上级补助收入 0万元,与上年决算数持平。",
    "一、预算拨款\t49057.92\t一、一般公共服务支出\t38706.54",
    "| 一、一般公共预算财政拨款收入 | 1 | 5250.40 |",
])
def test_rows_and_statements_are_not_headings(line):
    assert parse_heading(line) is None


def test_bare_passage_is_all_narrative():
    from nlp.load import load_text

    doc = load_text("2022年度“三公”经费预算总计21.8万元。\n比上年增加1.68万元。")
    assert narrative_lines(doc) == [(1, 2, "情况说明")]


def test_narrative_excludes_tables_and_glossary(seed_docs):
    doc = seed_docs["000"]
    ranges = narrative_lines(doc)
    covered = {n for a, b, _ in ranges for n in range(a, b + 1)}
    assert 460 in covered and 507 in covered  # 情况说明 sentences
    assert 70 not in covered  # 收入支出决算总表 rows
    assert 740 not in covered  # 名词解释


@pytest.mark.parametrize("text, department", [
    ("专项资金绩效目标表\n(2017 年度)\n填报单位(盖章):永兴县畜牧兽医水产局\n专项名称\n", "永兴县畜牧兽医水产局"),
    ("财政预算项目事前绩效评审专家组综合评价报告表\n( 2020 预算年度)\n评价项目:计划生育家庭特别扶助金项目单位:鹤山市卫生健康局\n",
     "鹤山市卫生健康局"),
    ("重庆市荣昌区财政局文件\n荣财农〔2021〕99号\n重庆市荣昌区财政局\n关于提前下达2022年资金的通知\n", "重庆市荣昌区财政局"),
    ("湖南省人民检察院2017年度部门整体支出绩效评价报告\n一、部门概况\n入编2017年部门预算共5个单位:院本级、长沙铁路运输检察院。\n",
     None),
], ids=["填报单位", "项目单位", "文件", "count-list"])
def test_department_from_labelled_field_or_letterhead(text, department):
    # the department used to absorb the title around it ("专项资金绩效目标表()填报单位(盖章)永兴县…")
    from nlp.load import load_text

    assert load_text(text).meta["department"] == department
