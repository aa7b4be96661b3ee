"""The checks stage run on a text with claims from the real extractor: shared by the test_checks_* files."""

from __future__ import annotations

from functools import lru_cache

from nlp import load_text
from nlp.checks import check_document


def _extract_claims(doc):
    from nlp.claims import extract_claims  # the caller skips its tests when the stage is absent

    return extract_claims(doc)


def rule_findings(text: str, rule: str) -> list:
    """Findings of ``rule`` on the narrative alone (no tables)."""
    doc = load_text(text)
    findings, _ = check_document(doc, claims=_extract_claims(doc), tables=[], cells=[])
    return [f for f in findings if f.rule == rule]


def verdicts(text: str, rule: str) -> list[str]:
    return [f.verdict for f in rule_findings(text, rule)]


@lru_cache(maxsize=None)
def document_run(name: str, text: str):
    """(document, claims, findings) of a whole document, its tables and their rules included (as
    ``shuoming audit`` runs it); cached per text."""
    doc = load_text(text, doc=name)
    claims = _extract_claims(doc)
    findings, _ = check_document(doc, claims=claims, scopes=("tables", "narrative", "document"))
    return doc, claims, findings


def edited_findings(name: str, text: str, rule: str | None = None, old: str = "", new: str = "",
                    line: int | None = None) -> list:
    """Findings (of ``rule``, on ``line``) of a whole-document run of ``text`` with ``old`` replaced
    once by ``new`` (which must occur): the one-figure-edited cases the test_checks_* files share."""
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    _, _, findings = document_run(f"{name}:{old}->{new}", text)
    return [f for f in findings if (rule is None or f.rule == rule) and (line is None or f.line == line)]
