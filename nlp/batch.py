"""Run the pipeline over many documents, in parallel, in input order.

:func:`run_batch` expands paths into sources (:func:`nlp.ingest.iter_sources`), runs
:func:`nlp.pipeline.analyze` on each — in worker processes when ``workers > 1`` — and returns the
results ordered by input position, so 1 and N workers give identical results. Progress is a rich
bar on a terminal and one plain log line per document otherwise. :func:`summarize` and
:func:`print_summary` give the end-of-run table. :func:`audit` is the Python API: paths in,
pandas DataFrames out.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable

from .ingest import Source, iter_sources
from .pipeline import DocResult, analyze, one_line, warm_up

Progress = Callable[[DocResult, int, int], None]


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _analyze_job(source: Source, seq: int) -> DocResult:
    return analyze(source, seq)


def _pool_context() -> Any:
    # fork shares the already-imported stages with the workers (fast start); elsewhere the default
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


def run_batch(paths: Iterable[str], workers: int | None = None,
              on_result: Progress | None = None, on_start: Callable[[int], None] | None = None) -> list[DocResult]:
    """Analyze every document under ``paths``; results in input order, one per source.

    ``on_start(total)`` is called once the inputs are known, ``on_result(result, done, total)``
    after each document (in completion order). A worker that dies takes only its document down:
    that document is reported ``failed``, the others go on.
    """
    sources = _unique_names(list(iter_sources(list(paths))))
    total = len(sources)
    if on_start:
        on_start(total)
    results: list[DocResult | None] = [None] * total
    done = 0

    def finish(r: DocResult) -> None:
        nonlocal done
        results[r.seq] = r
        done += 1
        if on_result:
            on_result(r, done, total)

    workers = default_workers() if workers is None else max(1, int(workers))
    # stdin can only be read here; a lone document gains nothing from a pool
    local = [(i, s) for i, s in enumerate(sources) if s.path is None or s.error]
    remote = [(i, s) for i, s in enumerate(sources) if not (s.path is None or s.error)]
    for i, s in local:
        finish(analyze(s, i))
    if workers == 1 or len(remote) <= 1:
        for i, s in remote:
            finish(analyze(s, i))
    else:
        warm_up()  # load dictionaries and models once, before the workers are forked
        _run_pool(remote, min(workers, len(remote)), finish)
    return [r for r in results if r is not None]


def _unique_names(sources: list[Source]) -> list[Source]:
    """Make ``doc`` unique (the key of every table): a name given again becomes ``name#2``, …"""
    seen: dict[str, int] = {}
    out = []
    for s in sources:
        n = seen[s.doc] = seen.get(s.doc, 0) + 1
        out.append(s if n == 1 else dataclasses.replace(s, doc=f"{s.doc}#{n}"))
    return out


def _run_pool(jobs: list[tuple[int, Source]], workers: int, finish: Callable[[DocResult], None]) -> None:
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        pending: dict[Future, tuple[int, Source]] = {}
        queue = list(reversed(jobs))
        try:
            while queue or pending:
                while queue and len(pending) < workers * 2:  # bounded: results are streamed
                    i, s = queue.pop()
                    pending[pool.submit(_analyze_job, s, i)] = (i, s)
                ready, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in ready:
                    i, s = pending.pop(fut)
                    try:
                        finish(fut.result())
                    except Exception as exc:  # noqa: BLE001 - a dead worker fails one document
                        r = DocResult(seq=i, doc=s.doc, status="failed",
                                      reason=f"internal error (worker: {one_line(f'{type(exc).__name__}: {exc}')})")
                        r.document = {"seq": i, "doc": s.doc, "path": s.path.as_posix() if s.path else None,
                                      "status": r.status, "reason": r.reason, "notes": []}
                        finish(r)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


# -- progress and summary ---------------------------------------------------------------------
def log_line(r: DocResult, done: int, total: int) -> str:
    """One plain log line for a finished document."""
    d = r.document
    if r.status == "failed":
        return f"[{done}/{total}] {r.doc}: failed: {r.reason}"
    return (f"[{done}/{total}] {r.doc}: {r.status} ({d.get('n_claims', 0)} claims, "
            f"{d.get('n_findings', 0)} findings, {d.get('n_reasons', 0)} reasons)")


class Reporter:
    """Progress for the CLI: a rich bar when stderr is a terminal, plain lines otherwise."""

    def __init__(self, terminal: bool | None = None):
        from rich.console import Console

        self.console = Console(stderr=True)
        self.terminal = self.console.is_terminal if terminal is None else terminal
        self.progress = None
        self.task = None

    def start(self, total: int) -> None:
        if self.terminal and total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("[bold]audit"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TextColumn("{task.description}"),
                                     console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=total)

    def result(self, r: DocResult, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=done, description=os.path.basename(r.doc))
            if r.status == "failed":
                self.progress.console.print(f"shuoming: {r.doc}: {r.reason}", markup=False, highlight=False)
        else:
            print(f"shuoming: {log_line(r, done, total)}", file=sys.stderr, flush=True)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def summarize(results: list[DocResult]) -> dict[str, Any]:
    """Counts for the end-of-run table: documents by status, claims, findings by verdict, failures."""
    out: dict[str, Any] = {"documents": len(results), "ok": 0, "partial": 0, "failed": 0, "claims": 0,
                           "findings": 0, "consistent": 0, "rounding": 0, "inconsistent": 0,
                           "unverifiable": 0, "reasons": 0, "cells": 0, "failures": []}
    for r in results:  # from the document rows' counts (the row lists may have gone to the store)
        out[r.status] += 1
        d = r.document
        for key in ("claims", "cells", "reasons", "findings", "consistent", "rounding", "inconsistent",
                    "unverifiable"):
            out[key] += int(d.get(f"n_{key}") or 0)
        if r.status == "failed":
            out["failures"].append((r.doc, r.reason))
    return out


def print_summary(summary: dict[str, Any], console: Any = None) -> None:
    """The summary as a rich table (plain text when not on a terminal)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    t = Table(title="shuoming audit", show_header=True)
    t.add_column("")
    t.add_column("count", justify="right")
    rows = [("documents", summary["documents"]), ("  ok", summary["ok"]), ("  partial", summary["partial"]),
            ("  failed", summary["failed"]), ("table cells", summary["cells"]), ("claims", summary["claims"]),
            ("findings", summary["findings"]), ("  consistent", summary["consistent"]),
            ("  rounding", summary["rounding"]), ("  inconsistent", summary["inconsistent"]),
            ("  unverifiable", summary["unverifiable"]), ("reason clauses", summary["reasons"])]
    for label, n in rows:
        t.add_row(label, str(n))
    console.print(t)
    if summary["failures"]:
        f = Table(title="failed documents", show_header=True)
        f.add_column("document", overflow="fold")
        f.add_column("reason", overflow="fold")
        for doc, reason in summary["failures"]:
            f.add_row(doc, reason or "")
        console.print(f)


# -- Python API -------------------------------------------------------------------------------
def write_results(tables: dict[str, Any], out: str | os.PathLike, csv: bool = False, xlsx: bool = False,
                  single_file: bool = False) -> dict[str, Any]:
    """Write the report (``report.html`` and ``report/``, or one page with ``single_file``), then
    the database and exports; return {name: path}. The report goes first so the database, the
    record of the run, is still the last file put in place."""
    from . import store
    from .report import write_report

    written = write_report(tables, out, single_file=single_file)
    written.update(store.write_outputs(tables, out, csv=csv, xlsx=xlsx, report=False))
    return written


def audit(paths: str | Iterable[str], workers: int | None = 1, out: str | None = None,
          csv: bool = False, xlsx: bool = False, single_file: bool = False) -> dict[str, Any]:
    """Audit files and folders; return the store's tables as pandas DataFrames, by table name.

    With ``out`` the database, exports and report are written there too (as ``shuoming audit``;
    ``single_file`` as its ``--single-file``).
    """
    from . import store

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    builder = store.TableBuilder()
    run_batch([os.fspath(p) for p in paths], workers=workers, on_result=lambda r, done, total: builder.add(r))
    tables = builder.tables()
    if out is not None:
        write_results(tables, out, csv=csv, xlsx=xlsx, single_file=single_file)
    return {name: t.to_pandas() for name, t in tables.items()}
