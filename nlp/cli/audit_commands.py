"""``shuoming audit``: a folder of disclosures in; a database, exports and a report out.

Exit codes: 0 every document was processed (ok or partial), 1 some failed (the results of the
others are still written), 2 a usage error (bad option, output folder not writable).
"""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def audit(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads one document from stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: audit.duckdb, report.html, report/, *.parquet."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0 = all cores)."),
    xlsx: bool = typer.Option(False, "--xlsx", help="Also write audit.xlsx, a workbook for auditors."),
    csv: bool = typer.Option(False, "--csv", help="Also write one CSV file per table (UTF-8 with BOM)."),
    single_file: bool = typer.Option(False, "--single-file",
                                     help="Write the report as one page holding every document's text "
                                          "(for small batches) instead of report.html + report/<doc>.html."),
) -> None:
    """Audit documents into DIR/audit.duckdb, DIR/report.html (+ DIR/report/) and DIR/<table>.parquet."""
    from rich.console import Console

    from .. import store
    from ..batch import Reporter, print_summary, run_batch, summarize, write_results

    if workers < 0:
        raise typer.BadParameter("must be 0 (all cores) or more", param_hint="--workers")
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise typer.BadParameter(f"cannot create {out}: {exc.strerror or exc}", param_hint="--out") from None

    reporter = Reporter()
    builder = store.TableBuilder()

    def on_result(r, done, total):
        reporter.result(r, done, total)
        builder.add(r)  # rows go to Arrow as they come

    try:
        results = run_batch(paths, workers=workers or None, on_start=reporter.start, on_result=on_result)
    finally:
        reporter.stop()
    tables = builder.tables()
    try:
        written = write_results(tables, out, csv=csv, xlsx=xlsx, single_file=single_file)
    except OSError as exc:
        typer.echo(f"shuoming: {out}: cannot write results: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    summary = summarize(results)
    console = Console()
    print_summary(summary, console)
    console.print(f"wrote {len(written)} files to {out}: {', '.join(sorted(written))}",
                  markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary["failed"] else 0)
