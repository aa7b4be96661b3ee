"""``shuoming eval …``: score a stage against the gold annotations in ``corpora/annotations``.

``eval_app`` is a Typer sub-app; each stage adds its own command to it (``eval claims`` here;
``eval reasons`` can be added in another module with ``@eval_app.command("reasons")``).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .app import app

eval_app = typer.Typer(help="Score a stage against the gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("claims")
def eval_claims(gold: Path = typer.Option(None, "--gold", help="Folder of claims-*.jsonl / ranges-*.jsonl "
                                          "(default corpora/annotations/claims)."),
                doc: list[str] = typer.Option(None, "--doc", help="Only these documents (repeatable)."),
                errors: bool = typer.Option(False, "--errors", help="Also print every false positive / negative as JSON."),
                format: str = typer.Option("table", "--format", "-f", help="table or json")) -> None:
    """Precision / recall per claim kind (match: doc + kind + value + line ±1, inside annotated ranges)."""
    from ..claims.evaluate import evaluate

    report = evaluate(gold, docs=doc or None)
    rows = []
    for kind in sorted(report.by_kind):
        s = report.by_kind[kind]
        rows.append({"kind": kind, "gold": s.tp + s.fn, "predicted": s.tp + s.fp, "tp": s.tp,
                     "precision": round(s.precision, 3), "recall": round(s.recall, 3)})
    t = report.total()
    rows.append({"kind": "ALL", "gold": t.tp + t.fn, "predicted": t.tp + t.fp, "tp": t.tp,
                 "precision": round(t.precision, 3), "recall": round(t.recall, 3)})
    if format == "json":
        typer.echo(json.dumps({"docs": report.docs, "kinds": rows}, ensure_ascii=False))
    else:
        typer.echo(f"{'kind':<16}{'gold':>6}{'pred':>6}{'tp':>6}{'prec':>8}{'recall':>8}")
        for r in rows:
            typer.echo(f"{r['kind']:<16}{r['gold']:>6}{r['predicted']:>6}{r['tp']:>6}"
                       f"{r['precision']:>8.3f}{r['recall']:>8.3f}")
        typer.echo(f"({report.docs} documents)")
    if errors:
        for p in report.false_positives:
            typer.echo("FP " + json.dumps({k: p.get(k) for k in ("doc", "line", "kind", "value", "unit", "text", "subject")},
                                          ensure_ascii=False))
        for g in report.false_negatives:
            typer.echo("FN " + json.dumps({k: g.get(k) for k in ("doc", "line", "kind", "value", "unit", "text", "subject")},
                                          ensure_ascii=False))
