"""``shuoming info`` and ``shuoming sections``: what a document is and how it is laid out."""

from __future__ import annotations

import typer

from ..sections import find_sections
from .app import app
from .common import check_format, emit, for_each_document

FILES = typer.Argument(..., help="Files or folders (recursive); '-' reads one document from stdin.")


@app.command()
def info(files: list[str] = FILES) -> None:
    """Print one JSON object per document: {doc, department, year, kind, scope, unit, encoding, lines}."""

    def run(doc):
        rec = {"doc": doc.doc, **{k: doc.meta.get(k) for k in ("department", "year", "kind", "scope", "unit")},
               "encoding": doc.encoding, "lines": doc.n_lines, "script": doc.script,
               "source": doc.source_kind}
        if doc.pages is not None:
            rec["pages"] = doc.meta.get("page_count") or (max(doc.pages) if doc.pages else 0)
            rec["pages_needing_ocr"] = doc.meta.get("pages_needing_ocr", [])
        emit([rec], "jsonl")

    raise typer.Exit(for_each_document(files, run))


@app.command()
def sections(files: list[str] = FILES,
             format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or table")) -> None:
    """Print one record per section: {doc, kind, level, heading, start_line, end_line}."""
    check_format(format, ("jsonl", "table"))

    def run(doc):
        recs = []
        for s in find_sections(doc):
            recs.append({"doc": s.doc, "kind": s.kind, "level": s.level, "heading": s.heading,
                         "start_line": s.start_line, "end_line": s.end_line, "marker": s.marker,
                         "parent": s.parent, "index": s.index})
        emit(recs, format, columns=["doc", "kind", "level", "heading", "start_line", "end_line"]
             if format == "table" else None)

    raise typer.Exit(for_each_document(files, run))
