"""The rule registry.

A rule is a function ``fn(ctx: RuleContext) -> Iterable[Finding]`` registered with
``@rule("T1.income_total", scope="tables", doc="T1 本年收入合计 = Σ income rows")``. It yields one
:class:`~nlp.records.Finding` per evaluated instance. A rule whose inputs were not found yields a
single ``unverifiable`` finding saying what was missing, so nothing is silently skipped.
``run_rules`` returns the findings plus coverage: rules applied, instances evaluated, unverifiable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import re

from ..records import Finding

_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_TABLE_ID = re.compile(r"(?<![A-Za-z])([TBP]\d+)")


def _table_line(ctx: Any, rid: str) -> int | None:
    """The first line (title, else start) of the first table a rule id names (T7.total → T7)."""
    for tid in _TABLE_ID.findall(rid):
        for t in getattr(ctx, "tables", None) or []:
            if getattr(t, "id", None) == tid:
                return getattr(t, "title_line", None) or getattr(t, "start_line", None)
    return None


@dataclass
class RuleContext:
    """Everything a rule may read: the document, its tables/cells, claims, sections."""

    doc: Any  # nlp.document.Document
    tables: list[Any] = field(default_factory=list)
    cells: list[Any] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    sections: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    scope: str  # tables | narrative | document
    doc: str
    fn: Callable[[RuleContext], Iterable[Finding]]
    applies: Callable[[RuleContext], bool] | None = None


REGISTRY: dict[str, Rule] = {}

#: Modules whose import registers the built-in rules; loaded by :func:`load_builtin_rules`.
BUILTIN_RULE_MODULES = ("nlp.tables", "nlp.checks")


def load_builtin_rules() -> list[str]:
    """Import every module that registers built-in rules; return the ones that could not be loaded."""
    import importlib

    missing = []
    for name in BUILTIN_RULE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def rule(id: str, scope: str, doc: str, applies: Callable[[RuleContext], bool] | None = None):
    """Register a rule function under ``id``; ``doc`` is its one-line description."""

    def deco(fn: Callable[[RuleContext], Iterable[Finding]]):
        if id in REGISTRY and REGISTRY[id].fn is not fn:
            raise ValueError(f"rule {id!r} registered twice")
        REGISTRY[id] = Rule(id=id, scope=scope, doc=doc, fn=fn, applies=applies)
        return fn

    return deco


@dataclass
class Coverage:
    rules_applied: int = 0
    instances: int = 0
    evaluated: int = 0
    unverifiable: int = 0
    by_rule: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rules_applied": self.rules_applied, "instances": self.instances,
                "evaluated": self.evaluated, "unverifiable": self.unverifiable, "by_rule": self.by_rule}


def run_rules(ctx: RuleContext, scopes: Iterable[str] = ("tables", "narrative", "document"),
              only: Iterable[str] | None = None) -> tuple[list[Finding], Coverage]:
    """Run every registered rule of the given scopes; a crashing rule becomes one unverifiable finding.

    The built-in rule modules are imported first, so callers need not know where rules live.
    """
    load_builtin_rules()
    scopes = set(scopes)
    only = set(only) if only else None
    findings: list[Finding] = []
    cov = Coverage()
    for rid in sorted(REGISTRY):
        r = REGISTRY[rid]
        if r.scope not in scopes or (only and rid not in only):
            continue
        if r.applies is not None and not r.applies(ctx):
            continue
        cov.rules_applied += 1
        try:
            got = list(r.fn(ctx))
        except Exception as exc:  # noqa: BLE001 - a rule bug must not hide the other rules
            got = [Finding(doc=ctx.doc.doc, rule=rid, verdict="unverifiable", severity="info", line=None,
                           stated=None, expected=None, evidence={"error": f"{type(exc).__name__}: {exc}"},
                           message=f"规则执行出错，未能核对：{type(exc).__name__}")]
        stats = cov.by_rule.setdefault(rid, {"instances": 0, "unverifiable": 0})
        for f in got:
            if f.line is None:  # e.g. unverifiable, rows not found: point at the table that was checked
                f.line = _table_line(ctx, f.rule or rid)
            if f.page is None and f.line and getattr(ctx.doc, "pages", None) is not None:
                f.page = ctx.doc.page_of(f.line)  # PDF provenance: the page of the checked figure
            if f.message and "\n" in f.message:  # quoted text broken across input lines: one line per message
                f.message = _LINE_BREAK.sub("", f.message)
            cov.instances += 1
            stats["instances"] += 1
            if f.verdict == "unverifiable":
                cov.unverifiable += 1
                stats["unverifiable"] += 1
            else:
                cov.evaluated += 1
        findings.extend(got)
    return findings, cov
