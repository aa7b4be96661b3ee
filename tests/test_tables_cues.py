"""Cue lists of the lexicon files (comma-separated, ``re:`` marks a regular expression), read once
for section kinds (words found anywhere in a heading) and table row names (the whole label)."""

from __future__ import annotations

import pytest

from nlp.sections import cue_patterns, kind_of_heading
from nlp.tables.lexicon import row_is


@pytest.mark.parametrize("words,text,found", [
    ("收入,支出", "年度收入总体情况", True),
    ("收入,支出", "三公经费", False),
    ("收入, 支出 ", "支出决算", True),  # entries are stripped
    ("(一)", "（一）(一)行政运行", True),  # a literal is escaped, not read as a group
    ("(一)", "一", False),
    ("re:^第.部分", "第三部分 附件", True),
    ("re:^第.部分", "见第三部分", False),
    ("re:\\d{4}年", "2023年", True),
])
def test_cue_patterns_default_literal_is_found_anywhere(words, text, found):
    assert any(p.search(text) for p in cue_patterns(words)) is found


def test_cue_patterns_skip_empty_entries_and_keep_order():
    pats = cue_patterns("甲,, re:乙+ ,丙,")
    assert [p.pattern for p in pats] == ["甲", "乙+", "丙"]


def test_cue_patterns_literal_hook_applies_to_plain_entries_only():
    pats = cue_patterns("合计,re:总计$", lambda w: "^" + w + "$")
    assert [p.pattern for p in pats] == ["^合计$", "总计$"]


@pytest.mark.parametrize("label,key,found", [
    ("本年收入合计", "本年收入合计", True),
    ("本 年 收 入 合 计", "本年收入合计", True),  # spaces ignored
    ("本年收入合计（含结转）", "本年收入合计", False),  # a literal alias names the whole label
    ("一、一般公共预算财政拨款收入", "一般公共预算财政拨款收入", True),
])
def test_row_aliases_name_the_whole_label(label, key, found):
    assert row_is(label, key) is found


@pytest.mark.parametrize("heading,kind", [
    ("目录", "目录"),
    ("目 录", "目录"),
])
def test_section_kind_from_cue_words(heading, kind):
    assert kind_of_heading(heading) == kind
