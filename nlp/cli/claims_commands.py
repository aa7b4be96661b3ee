"""``shuoming claims``: every quantified claim of the narrative, one record per claim."""

from __future__ import annotations

import typer

from ..claims import extract_claims
from .app import app
from .common import check_format, emit, for_each_document

FIELDS = ["doc", "line", "start", "end", "text", "sentence", "kind", "subject", "subject_key", "value",
          "unit", "value_wan", "approx", "direction", "base", "group", "operator", "section", "id"]


def claim_record(claim) -> dict:
    """The output record of a claim: the documented fields first, then ``page`` and ``extra``."""
    d = claim.to_dict()
    rec = {k: d.get(k) for k in FIELDS}
    if d.get("page") is not None:
        rec["page"] = d["page"]
    rec["extra"] = d.get("extra") or {}
    return rec


@app.command()
def claims(files: list[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads one document from stdin."),
           format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv"),
           section: list[str] = typer.Option(None, "--section", "-s",
                                             help="Only sections of this kind (情况说明, 绩效, 其他重要事项, 概况); repeatable.")) -> None:
    """Print one record per claim: {doc, line, start, end, text, sentence, kind, subject, subject_key,
    value, unit, value_wan, approx, direction, base, group, operator, section, id}.

    A text without headings or tables (a passage) is read whole as narrative.
    """
    check_format(format, ("jsonl", "csv"))
    state: dict = {}
    kinds = tuple(section) if section else None

    def run(doc):
        recs = [claim_record(c) for c in extract_claims(doc, kinds=kinds)]
        emit(recs, format, columns=FIELDS + ["extra"], state=state)

    raise typer.Exit(for_each_document(files, run, check_disclosure=False))
