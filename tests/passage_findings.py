"""Narrative and document findings on one development passage (corpora/passages/passages.jsonl),
from the real stages, cached per passage: shared by the false-alarm and real-error tests."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PASSAGES = Path(__file__).resolve().parent.parent / "corpora" / "passages" / "passages.jsonl"


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    with PASSAGES.open(encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


@lru_cache(maxsize=None)
def passage_findings(pid: str):
    """(document, findings) for a passage, scopes narrative and document."""
    return text_findings(_records()[pid]["text"], pid)


def altered_findings(pid: str, old: str, new: str):
    """(document, findings) for a passage with one figure altered (an injected defect)."""
    text = _records()[pid]["text"]
    assert old in text, f"{pid}: {old!r} not in the passage"
    return text_findings(text.replace(old, new, 1), pid)


def text_findings(text: str, pid: str):
    import nlp.checks  # noqa: F401  (registers the narrative rules)
    from nlp.claims import extract_claims
    from nlp.load import load_text
    from nlp.rules import RuleContext, run_rules
    from nlp.sections import find_sections
    from nlp.tables import extract_tables

    doc = load_text(text, doc=pid)
    tables = extract_tables(doc)
    ctx = RuleContext(doc=doc, tables=tables, cells=[c for t in tables for c in t.cells],
                      claims=extract_claims(doc), sections=find_sections(doc))
    return doc, run_rules(ctx, scopes=("narrative", "document"))[0]


def line_of(pid: str, snippet: str) -> int:
    """1-based line of the passage holding ``snippet`` (raw text, or the normalised one)."""
    doc, _ = passage_findings(pid)
    for text in (_records()[pid]["text"], doc.text):
        for n, line in enumerate(text.split("\n"), 1):
            if snippet in line:
                return n
    raise AssertionError(f"{pid}: {snippet!r} not in the passage")


def findings_on(pid: str, snippet: str, rule: str) -> list:
    """The findings of ``rule`` on the line of the passage that holds ``snippet``."""
    _, findings = passage_findings(pid)
    n = line_of(pid, snippet)
    return [f for f in findings if f.rule == rule and f.line == n]
