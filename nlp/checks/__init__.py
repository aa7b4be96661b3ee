"""Narrative ↔ tables and arithmetic: every claim cross-validated (issue 5).

Importing this package registers its rules (scope ``narrative`` and ``document``) in
:mod:`nlp.rules.registry`. Modules: :mod:`.statements` rebuilds the roles of the claims of a
sentence; :mod:`.link` finds the table cell a claim restates; the rule modules (:mod:`.changes`,
:mod:`.completion`, :mod:`.shares`, :mod:`.lists`, :mod:`.performance`, :mod:`.amounts`,
:mod:`.document_rules`) each hold a few small registered rules; :func:`coverage` says how many
claims were checked and why the others could not be. Rules are documented in docs/checks.md.
"""

from __future__ import annotations

from . import adjustments, amounts, balance, breakdowns, changes, completion, completion_direction, counts, differences, document_rules, flows, table_changes, formulas, gaps, points, kpi_table, lists, perf_funds, performance, procurement, reasons_sum, restated, shares, slips  # noqa: F401  (registers rules)
from .coverage import coverage  # noqa: F401
from .run import check_document  # noqa: F401

__all__ = ["coverage", "check_document"]
