"""Run the narrative and document checks on one document (tables and claims from their stages)."""

from __future__ import annotations

from typing import Any

from ..records import Finding
from ..rules.registry import RuleContext, run_rules


def check_document(doc: Any, claims: list[Any] | None = None, tables: list[Any] | None = None,
                   cells: list[Any] | None = None, sections: list[Any] | None = None,
                   scopes: tuple[str, ...] = ("narrative", "document")) -> tuple[list[Finding], Any]:
    """Findings and registry coverage for ``doc``; missing stages are computed when available."""
    if sections is None:
        from ..sections import find_sections

        sections = find_sections(doc)
    if tables is None:
        tables = _tables(doc, sections)
    if cells is None:
        cells = [c for t in tables for c in (getattr(t, "cells", None) or [])]
    if claims is None:
        claims = _claims(doc, sections, tables, cells)
    ctx = RuleContext(doc=doc, tables=tables, cells=cells, claims=claims, sections=sections)
    return run_rules(ctx, scopes=scopes)


def _tables(doc: Any, sections: list[Any]) -> list[Any]:
    try:
        from .. import tables as tables_mod  # type: ignore[attr-defined]
    except ImportError:
        return []
    fn = getattr(tables_mod, "extract_tables", None)
    return list(fn(doc)) if fn else []


def _claims(doc: Any, sections: list[Any], tables: list[Any], cells: list[Any]) -> list[Any]:
    try:
        from .. import claims as claims_mod  # type: ignore[attr-defined]
    except ImportError:
        return []
    fn = getattr(claims_mod, "extract_claims", None)
    return list(fn(doc)) if fn else []
