"""Claims follow-ups of the injected-defect bench (docs/claims.md "Totals in subjects", "Zero changes"):
a table total's 合计 / 总计 stays in the subject (also across a pdftotext line break), a change of
zero with a direction word is 持平, and T6 人员经费 / 公用经费 are linked. Real text from the corpora."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("nlp.claims")
import nlp.checks  # noqa: E402,F401  (registers the narrative rules)
from nlp.claims import extract_claims  # noqa: E402
from nlp.claims.subjects import subject_key  # noqa: E402
from nlp.load import load, load_text  # noqa: E402
from nlp.rules import RuleContext, run_rules  # noqa: E402
from nlp.sections import find_sections  # noqa: E402
from nlp.tables import extract_tables  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = {p.name[:3]: p for p in (ROOT / "corpora" / "seeds").glob("*.txt")}
PDF_CZJ = ROOT / "corpora" / "pdf" / "上海市普陀区财政局2024年度部门决算.pdf"
PDF_GHJ = ROOT / "corpora" / "pdf" / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"


@lru_cache(maxsize=None)
def _doc(name: str):
    if name.startswith("p0"):
        with (ROOT / "corpora" / "passages" / "passages.jsonl").open(encoding="utf-8") as fh:
            text = next(r["text"] for r in map(json.loads, fh) if r["id"] == name)
        return load_text(text, doc=name)
    return load(str(SEED[name] if name in SEED else ROOT / "corpora" / "pdf" / name))


@lru_cache(maxsize=None)
def _claims(name: str):
    return extract_claims(_doc(name))


def _claim(name: str, line: int, text: str, kind: str | None = None):
    found = [c for c in _claims(name) if c.line == line and text in c.text.replace("\n", "")
             and (kind is None or c.kind == kind)]
    assert found, f"{name}:{line}: no claim {text!r}"
    return found[0]


# (document, line of the figure, figure, subject): 合计 / 总计 after 收入 / 支出 / 收支 names a total row
TOTALS = [
    ("004", 1131, "7,212.52", "财政拨款收入合计"),   # "…财政拨款收入合\n\n计 7,212.52 万元" (pdftotext layout)
    ("004", 1154, "7,212.75", "财政拨款支出合计"),   # "…财政拨款支出合\n\n计 7,212.75 万元"
    ("000", 484, "49,644.69", "财政拨款收入合计"),
    ("001", 576, "5304.66", "收、支总计"),            # the 、 inside 收、支 does not cut the clause
    (PDF_CZJ.name, 299, "2995.39", "收入支出总计"),
    (PDF_CZJ.name, 303, "2946.25", "本年收入合计"),
    (PDF_GHJ.name, 329, "9759.38", "本年支出合计"),
    ("p0054", 4, "10328.56", "收入合计"),
]


@pytest.mark.parametrize("name,line,figure,subject", TOTALS, ids=[f"{t[0][:6]}-{t[1]}" for t in TOTALS])
def test_total_name_stays_in_subject(name, line, figure, subject):
    c = _claim(name, line, figure, "amount")
    assert c.subject == subject or c.subject.endswith(subject), c.subject
    assert not c.subject[-1] in "合总收支" or c.subject.endswith(("合计", "总计"))


@pytest.mark.parametrize("name,line,figure,subject", [
    ("p0074", 2, "31.23", "部门决算公开“三公”经费"),    # 三公经费合计 31.23 万元: 合计 is the verb
    ("p0074", 2, "16.08", "部门决算公开“三公”经费"),
])
def test_copula_total_is_dropped(name, line, figure, subject):
    assert _claim(name, line, figure, "amount").subject.endswith(subject)


@pytest.mark.parametrize("subject,key", [
    ("收、支总计", "收入总计"),
    ("收入支出总计", "收入总计"),
    ("收入合计", "本年收入"),
    ("财政拨款收入合计", "财政拨款收入"),
    ("财政拨款收入支出总计", "财政拨款收支总计"),
    ("基本支出合计", "基本支出"),
    ("本部门2019年度各类非税收入合计", "非税收入合计"),
    # two aliases of one length: the one written last (the 项), whatever the order of the table
    ("住房保障支出(类)住房改革支出(款)住房公积金(项)", "住房公积金"),
])
def test_subject_key_of_totals(subject, key):
    assert subject_key(subject) == key


# (document, line, change figure, rate figure, direction word written)
ZEROS = [
    ("003", 910, "0万元", "0%", "增加"),          # 因公出国（境）费24万元，比上年增加0万元，增长0%
    ("003", 912, "0 万元", "0%", "增加"),         # 公务用车购置及运行费 … 比上年增加 0 万元，增长 0%
    ("004", 1146, "0.00 万元", "0.00%", "增加"),   # 比上年决算数增加 0.00 万元，增长 0.00%
]


@pytest.mark.parametrize("name,line,change,rate,word", ZEROS, ids=[f"{z[0]}-{z[1]}" for z in ZEROS])
def test_zero_change_is_flat(name, line, change, rate, word):
    ch = [c for c in _claims(name) if c.kind == "change" and c.line == line and c.value == 0]
    gr = [c for c in _claims(name) if c.kind == "growth_rate" and c.line == line and c.value == 0]
    assert ch and gr
    for c in ch + gr:
        assert c.direction == "持平" and c.extra.get("direction_word") == word, (c.text, c.direction, c.extra)


@pytest.mark.parametrize("name,line,figure,direction", [
    ("003", 910, "6.04万元", "增加"),       # the same sentence's 三公 total: 比上年增加6.04万元
    ("000", 494, "21.89 万元", "减少"),
])
def test_nonzero_change_keeps_its_direction(name, line, figure, direction):
    c = _claim(name, line, figure, "change")
    assert c.direction == direction and "direction_word" not in c.extra


@lru_cache(maxsize=None)
def _findings(name: str):
    doc = _doc(name)
    tables = extract_tables(doc)
    ctx = RuleContext(doc=doc, tables=tables, cells=[c for t in tables for c in t.cells],
                      claims=_claims(name), sections=find_sections(doc))
    return run_rules(ctx, scopes=("narrative",))[0]


@pytest.mark.parametrize("name,line", [("003", 910), ("003", 912)])
def test_zero_change_checks(name, line):
    """增加0万元，增长0% is no direction conflict, and its rate is still checked (0 ÷ prior)."""
    found = [f for f in _findings(name) if f.line == line]
    assert not [f for f in found if f.rule == "narrative.direction" and f.verdict == "inconsistent"]
    assert any(f.rule == "narrative.change_rate" and f.verdict == "consistent" and "0%" in f.message
               for f in found)


@pytest.mark.parametrize("name,line,claim,verdict", [
    ("001", 739, "人员经费1078.84", "consistent"),      # 人员经费 = T6 人员经费合计
    ("001", 739, "公用经费107.75", "consistent"),       # 公用经费 = T6 公用经费合计
    (PDF_CZJ.name, 364, "人员经费2152.26", "consistent"),
    # real: the section 一般公共预算财政拨款基本支出 quotes T3's all-fund 5377.64 (T5/T6: 5364.75);
    # 人员经费 4896.98 = T6 4884.09 + the 12.89 of other funds
    (PDF_GHJ.name, 418, "人员经费4896.98", "inconsistent"),
    ("004", 1131, "财政拨款收入合计7,212.52", "consistent"),     # = T4 本年收入合计
])
def test_subject_map_links(name, line, claim, verdict):
    found = [f for f in _findings(name) if f.rule == "narrative.amount_cell" and f.line == line
             and f.message.startswith(claim)]
    assert [f.verdict for f in found] == [verdict], [(f.verdict, f.message) for f in found]
