"""Benchmark of ``shuoming audit``: documents per second and peak memory, for 1 and 2 workers.

The bundled corpus (``corpora/seeds`` and ``corpora/pdf``) is copied over and over into a
temporary folder until it holds at least ``--docs`` documents (200 by default); then each worker
count is measured in a fresh Python process, running the whole audit: pipeline, store tables,
DuckDB, Parquet and report. Peak memory is the maximum resident set size of the main process and,
separately, of the largest worker process (``getrusage``), in MiB. The report is timed on its own
(``report s``) and measured: the index page ``report.html``, its bytes per input document, the
largest page of one document (``report/*.html``) and the whole report (index and pages).
``--passages N`` also writes the first N passages of ``corpora/passages/passages.jsonl`` out as
``.txt`` files and adds them to the corpus.

    python bench/bench_audit.py [--docs 200] [--workers 1,2] [--text-only] [--passages N] [--single-file]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_passages(dest: Path, n: int) -> list[Path]:
    """The first ``n`` development passages as text files (their title, if any, as first line)."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    with open(ROOT / "corpora" / "passages" / "passages.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            rec = json.loads(line)
            p = dest / f"{rec['id']}.txt"
            p.write_text((rec["title"] + "\n" if rec.get("title") else "") + rec["text"] + "\n", encoding="utf-8")
            out.append(p)
    return out


def replicate(dest: Path, n_docs: int, text_only: bool, passages: int = 0) -> int:
    """Copy the corpus into ``dest`` until it holds ``n_docs`` documents; return how many."""
    sources = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    if not text_only:
        sources += sorted((ROOT / "corpora" / "pdf").glob("*.pdf"))
    if passages:
        sources += write_passages(dest.parent / (dest.name + "-passages"), passages)
    count = 0
    copy = 0
    while count < n_docs:
        sub = dest / f"copy{copy:03d}"
        sub.mkdir(parents=True)
        for src in sources:
            if count >= n_docs:
                break
            shutil.copy(src, sub / src.name)
            count += 1
        copy += 1
    return count


def report_sizes(out: Path) -> dict[str, int]:
    """Bytes of the index page, of the largest document page and of the whole report."""
    index = (out / "report.html").stat().st_size
    pages = [p.stat().st_size for p in (out / "report").glob("*.html")] if (out / "report").is_dir() else []
    return {"index_bytes": index, "largest_page_bytes": max(pages, default=0), "pages": len(pages),
            "report_bytes": index + sum(pages)}


def child(folder: str, workers: int, single_file: bool = False, keep: str | None = None) -> None:
    """Run one measured audit (in its own process) and print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from nlp import report, store
    from nlp.batch import run_batch, summarize

    out = Path(keep or tempfile.mkdtemp(prefix="bench-audit-out-"))
    t0 = time.perf_counter()
    builder = store.TableBuilder()  # as `shuoming audit` does: rows go to Arrow as they come
    results = run_batch([folder], workers=workers, on_result=lambda r, done, total: builder.add(r))
    t1 = time.perf_counter()
    tables = builder.tables()
    if hasattr(report, "write_report"):  # as `shuoming audit` writes them: the report, then the data
        report.write_report(tables, out, single_file=single_file)
        t_report = time.perf_counter() - t1
        store.write_outputs(tables, out, report=False)
    else:  # before the report was split into pages: one page, written by the store
        store.write_outputs(tables, out, report=False)
        t = time.perf_counter()
        (out / "report.html").write_text(report.render_report(tables), encoding="utf-8")
        t_report = time.perf_counter() - t
    t2 = time.perf_counter()
    sizes = report_sizes(out)
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    s = summarize(results)
    mib = 1024.0  # ru_maxrss is in KiB on Linux
    print(json.dumps({
        "workers": workers, "documents": s["documents"], "failed": s["failed"], "claims": s["claims"],
        "findings": s["findings"], "cells": s["cells"], "reasons": s["reasons"],
        "pipeline_s": t1 - t0, "write_s": t2 - t1, "report_s": t_report, "total_s": t2 - t0, **sizes,
        "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib,
        "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mib,
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--text-only", action="store_true", help="only the text seeds, no PDFs")
    ap.add_argument("--passages", type=int, default=0, help="also the first N passages, written out as files")
    ap.add_argument("--single-file", action="store_true", help="write the one-page report (--single-file)")
    ap.add_argument("--keep", metavar="DIR", help="write the outputs of the last run into DIR and keep them")
    ap.add_argument("--child", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.single_file, args.keep)
        return
    kib = 1024.0
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        corpus = Path(tmp) / "corpus"
        n = replicate(corpus, args.docs, args.text_only, args.passages)
        print(f"corpus replicated to {n} documents ({'text only' if args.text_only else 'text and PDF'}"
              f"{f', {args.passages} passages' if args.passages else ''})")
        print(f"{'workers':>7} {'docs':>5} {'failed':>6} {'claims':>7} {'findings':>8} {'pipeline s':>10} "
              f"{'write s':>7} {'report s':>8} {'docs/s':>7} {'main MiB':>8} {'worker MiB':>10} "
              f"{'index KiB':>9} {'B/doc':>6} {'max page KiB':>12} {'report KiB':>10}")
        for w in [int(x) for x in args.workers.split(",")]:
            cmd = [sys.executable, __file__, "--child", str(corpus), str(w)] + (["--single-file"] if args.single_file
                                                                               else [])
            proc = subprocess.run(cmd + (["--keep", args.keep] if args.keep else []), capture_output=True,
                                  text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{r['workers']:>7} {r['documents']:>5} {r['failed']:>6} {r['claims']:>7} {r['findings']:>8} "
                  f"{r['pipeline_s']:>10.1f} {r['write_s']:>7.1f} {r['report_s']:>8.2f} "
                  f"{r['documents'] / r['total_s']:>7.2f} {r['main_peak_mib']:>8.0f} {r['worker_peak_mib']:>10.0f} "
                  f"{r['index_bytes'] / kib:>9.0f} {r['index_bytes'] / max(1, r['documents']):>6.0f} "
                  f"{r['largest_page_bytes'] / kib:>12.0f} {r['report_bytes'] / kib:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
