"""``shuoming tables`` (cells of every table) and ``shuoming check`` (run the rule registry).

``check`` builds one :class:`~nlp.rules.RuleContext` per document with its tables and cells and,
when the claims stage exists (``nlp.claims.extract_claims``), its claims, so narrative rules
registered by other modules run in the same pass. Per document it reports coverage — rules
applied, instances evaluated, unverifiable — on stderr (and as a final record with ``--format
jsonl``), so a rule that could not run is never silently missing.
"""

from __future__ import annotations

import importlib
import sys

import typer

from ..records import SEVERITIES
from ..rules.registry import RuleContext, run_rules
from ..tables import extract_tables
from .app import app
from .common import check_format, emit, for_each_document, json_line

FILES = typer.Argument(..., help="Files or folders (recursive); '-' reads one document from stdin.")
CELL_COLUMNS = ["doc", "table", "table_title", "row_code", "row_label", "side", "column", "value", "unit",
                "line", "text", "page", "row"]
FINDING_COLUMNS = ["doc", "rule", "verdict", "severity", "line", "stated", "expected", "message"]
#: modules whose import registers more rules, when they exist (narrative checks by other stages)
EXTRA_RULE_MODULES = ("nlp.checks",)


@app.command()
def tables(files: list[str] = FILES,
           format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv"),
           table: list[str] = typer.Option(None, "--table", "-t",
                                           help="Only these table ids (T1, B3, P2 … ; P2 matches P2-2 too)."),
           summary: bool = typer.Option(False, "--summary", help="One record per table instead of cells.")) -> None:
    """Print every table cell: {doc, table, table_title, row_code, row_label, side, column, value, unit, line}."""
    check_format(format, ("jsonl", "csv"))
    state: dict = {}
    wanted = set(table or [])

    def keep(t) -> bool:
        return not wanted or t.id in wanted or (t.key or t.id) in wanted

    def run(doc):
        ts = [t for t in extract_tables(doc) if keep(t)]
        if summary:
            emit([t.to_dict() for t in ts], format, state=state)
            return
        emit([c.to_dict() for t in ts for c in t.cells], format, columns=CELL_COLUMNS, state=state)

    raise typer.Exit(for_each_document(files, run))


def _claims(doc) -> list:
    """Claims from the claims stage when it exists; none otherwise."""
    try:
        mod = importlib.import_module("nlp.claims")
    except ImportError:
        return []
    fn = getattr(mod, "extract_claims", None)
    if fn is None:
        return []
    try:
        return list(fn(doc) or [])
    except Exception as exc:  # noqa: BLE001 - a claims bug must not stop the table checks
        typer.echo(f"shuoming: {doc.doc}: claims unavailable ({type(exc).__name__})", err=True)
        return []


def _load_rule_modules() -> None:
    for name in EXTRA_RULE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


@app.command()
def check(files: list[str] = FILES,
          only: str = typer.Option(None, "--only", help="tables or narrative (default: every scope)."),
          format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or table"),
          min_severity: str = typer.Option("info", "--min-severity",
                                           help="Show findings of this severity or above: info, low, medium, high."),
          rule: list[str] = typer.Option(None, "--rule", help="Only these rule ids.")) -> None:
    """Run the consistency rules; one record per evaluated rule instance, plus per-document coverage."""
    check_format(format, ("jsonl", "table"))
    if only not in (None, "tables", "narrative", "document"):
        raise typer.BadParameter("--only must be tables, narrative or document")
    if min_severity not in SEVERITIES:
        raise typer.BadParameter(f"--min-severity must be one of {', '.join(SEVERITIES)}")
    floor = SEVERITIES.index(min_severity)
    scopes = (only,) if only else ("tables", "narrative", "document")
    _load_rule_modules()

    def run(doc):
        ts = extract_tables(doc)
        claims = _claims(doc) if "narrative" in scopes else []
        from ..sections import find_sections

        ctx = RuleContext(doc=doc, tables=ts, cells=[c for t in ts for c in t.cells], claims=claims,
                          sections=find_sections(doc))
        findings, cov = run_rules(ctx, scopes=scopes, only=rule or None)
        shown = [f.to_dict() for f in findings if SEVERITIES.index(f.severity) >= floor]
        emit(shown, format, columns=FINDING_COLUMNS if format == "table" else None)
        verdicts: dict[str, int] = {}
        for f in findings:
            verdicts[f.verdict] = verdicts.get(f.verdict, 0) + 1
        pct = 100.0 * cov.evaluated / cov.instances if cov.instances else 100.0
        record = {"doc": doc.doc, "coverage": True, "rules_applied": cov.rules_applied,
                  "instances": cov.instances, "evaluated": cov.evaluated, "unverifiable": cov.unverifiable,
                  "evaluated_pct": round(pct, 1), "verdicts": verdicts, "tables": len(ts)}
        if "narrative" in scopes:
            from ..checks import coverage as claim_coverage

            record["claims"] = claim_coverage(claims, findings)
            mp = record["claims"]["money_percent"]
            typer.echo(f"shuoming: {doc.doc}: claims {record['claims']['extracted']} extracted, "
                       f"{record['claims']['checked']} checked; money/percent {mp['checked']}/{mp['extracted']} "
                       f"checked ({mp['checked_pct']}%), unverifiable by reason {mp['unverifiable_by_reason']}",
                       err=True)
        typer.echo(f"shuoming: {doc.doc}: {cov.rules_applied} rules applied, {cov.evaluated}/{cov.instances} "
                   f"instances evaluated ({pct:.1f}%), {cov.unverifiable} unverifiable; "
                   + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())), err=True)
        if format == "jsonl":
            sys.stdout.write(json_line(record) + "\n")

    raise typer.Exit(for_each_document(files, run))
