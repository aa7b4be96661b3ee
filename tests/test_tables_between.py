"""Between-table rules when one of their two tables is missing: the rule still applies (the other
table is there) and says, in one unverifiable finding, which table it did not find; with neither
table it does not apply. Tables are read from whole seeds, then one is left out of the context."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from nlp.document import Document
from nlp.rules.registry import REGISTRY, RuleContext
from nlp.tables import extract_tables

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"


@lru_cache(maxsize=None)
def _seed(seed: str):
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    doc = Document.from_text(path.name, path.read_text(encoding="utf-8"))
    return doc, tuple(extract_tables(doc))


def _run(rule_id: str, seed: str, drop: set[str]):
    doc, tables = _seed(seed)
    kept = [t for t in tables if t.id not in drop]
    ctx = RuleContext(doc=doc, tables=kept, cells=[c for t in kept for c in t.cells])
    r = REGISTRY[rule_id]
    if r.applies is not None and not r.applies(ctx):
        return None
    return list(r.fn(ctx))


# (rule, seed holding both tables, first table, second table)
PAIRS = [
    ("X.T1_T2.income", "004", "T1", "T2"),
    ("X.T1_T3.expense", "001", "T1", "T3"),
    ("X.T1_T3.class", "004", "T1", "T3"),
    ("X.T1_T4.income", "001", "T1", "T4"),
    ("X.T4_T5.total", "004", "T4", "T5"),
    ("X.T4_T5.class", "004", "T4", "T5"),
    ("X.T5_T6.basic", "001", "T5", "T6"),
    ("X.T5_T3.part", "000", "T5", "T3"),
    ("X.T6_T7.items", "004", "T6", "T7"),
    ("X.B1_B3.expense", "003", "B1", "B3"),
    ("X.B1_B2.income", "003", "B1", "B2"),
    ("X.B4_B5.total", "003", "B4", "B5"),
    ("X.B5_B6.basic", "003", "B5", "B6"),
    ("X.B5_B10.project", "003", "B5", "B10"),
    ("X.B3_B11.basic", "003", "B3", "B11"),
    ("X.B3_B12.project", "003", "B3", "B12"),
]


@pytest.mark.parametrize("rule_id,seed,a,b", PAIRS)
def test_both_tables_present_is_checked(rule_id, seed, a, b):
    found = _run(rule_id, seed, set())
    assert found, f"{rule_id} found nothing on seed {seed}"
    assert not any("文档中未找到表" in f.message for f in found)


@pytest.mark.parametrize("rule_id,seed,a,b", PAIRS)
@pytest.mark.parametrize("side", [0, 1])
def test_a_missing_table_is_named(rule_id, seed, a, b, side):
    missing = (a, b)[side]
    found = _run(rule_id, seed, {missing})
    assert found is not None, f"{rule_id} should apply while {(a, b)[1 - side]} is there"
    assert [f.verdict for f in found] == ["unverifiable"]
    assert found[0].rule == rule_id
    assert found[0].evidence == {"reason": f"文档中未找到表 {missing}"}
    assert found[0].message.startswith("无法核对") and found[0].message.endswith(f"文档中未找到表 {missing}。")


@pytest.mark.parametrize("rule_id,seed,a,b", PAIRS)
def test_neither_table_means_the_rule_does_not_apply(rule_id, seed, a, b):
    assert _run(rule_id, seed, {a, b}) is None
