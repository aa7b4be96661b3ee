"""Between-table rules when one of their two tables is missing: the rule still applies (the other
table is there) and says, in one unverifiable finding, which table it did not find; with neither
table it does not apply. Tables are read from whole seeds, then one is left out of the context."""

from __future__ import annotations

import re
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


# Every between-table rule over two named tables (X.<a>_<b>.…), with the first seed holding both. The
# fund-table rules are left out: a missing T8/T9 is consistent when T4 spends nothing from that fund.
_TWO = re.compile(r"^X\.([TB]\d+)_([TB]\d+)\.")
PAIRS = [(rid, m.group(1), m.group(2)) for rid in sorted(REGISTRY)
         if (m := _TWO.match(rid)) and not rid.endswith(".fund")]


def _seed_with(a: str, b: str) -> str:
    for path in sorted(SEEDS.glob("*.txt")):
        seed = path.name[:3]
        if {a, b} <= {t.id for t in _seed(seed)[1]}:
            return seed
    raise AssertionError(f"no seed has both {a} and {b}")


def test_the_pair_rules_are_found():
    assert len(PAIRS) >= 16


@pytest.mark.parametrize("rule_id,a,b", PAIRS)
def test_both_tables_present_is_checked(rule_id, a, b):
    seed = _seed_with(a, b)
    found = _run(rule_id, seed, set())
    assert found, f"{rule_id} found nothing on seed {seed}"
    assert not any("文档中未找到表" in f.message for f in found)


@pytest.mark.parametrize("rule_id,a,b", PAIRS)
@pytest.mark.parametrize("side", [0, 1])
def test_a_missing_table_is_named(rule_id, a, b, side):
    missing = (a, b)[side]
    found = _run(rule_id, _seed_with(a, b), {missing})
    assert found is not None, f"{rule_id} should apply while {(a, b)[1 - side]} is there"
    assert [f.verdict for f in found] == ["unverifiable"]
    assert found[0].rule == rule_id
    assert found[0].evidence == {"reason": f"文档中未找到表 {missing}"}
    assert found[0].message.startswith("无法核对") and found[0].message.endswith(f"文档中未找到表 {missing}。")


@pytest.mark.parametrize("rule_id,a,b", PAIRS)
def test_neither_table_means_the_rule_does_not_apply(rule_id, a, b):
    assert _run(rule_id, _seed_with(a, b), {a, b}) is None
