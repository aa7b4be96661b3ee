"""Benchmark of ``shuoming audit``: documents per second and peak memory, for 1 and 2 workers.

The bundled corpus (``corpora/seeds`` and ``corpora/pdf``) is copied over and over into a
temporary folder until it holds at least ``--docs`` documents (200 by default); then each worker
count is measured in a fresh Python process, running the whole audit: pipeline, store tables,
DuckDB, Parquet and report. Peak memory is the maximum resident set size of the main process and,
separately, of the largest worker process (``getrusage``), in MiB.

    python bench/bench_audit.py [--docs 200] [--workers 1,2] [--text-only]
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


def replicate(dest: Path, n_docs: int, text_only: bool) -> int:
    """Copy the corpus into ``dest`` until it holds ``n_docs`` documents; return how many."""
    sources = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    if not text_only:
        sources += sorted((ROOT / "corpora" / "pdf").glob("*.pdf"))
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


def child(folder: str, workers: int) -> None:
    """Run one measured audit (in its own process) and print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from nlp import store
    from nlp.batch import run_batch, summarize

    out = tempfile.mkdtemp(prefix="bench-audit-out-")
    t0 = time.perf_counter()
    builder = store.TableBuilder()  # as `shuoming audit` does: rows go to Arrow as they come
    results = run_batch([folder], workers=workers, on_result=lambda r, done, total: builder.add(r))
    t1 = time.perf_counter()
    store.write_outputs(builder.tables(), out)
    t2 = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    s = summarize(results)
    mib = 1024.0  # ru_maxrss is in KiB on Linux
    print(json.dumps({
        "workers": workers, "documents": s["documents"], "failed": s["failed"], "claims": s["claims"],
        "findings": s["findings"], "cells": s["cells"], "reasons": s["reasons"],
        "pipeline_s": t1 - t0, "write_s": t2 - t1, "total_s": t2 - t0,
        "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib,
        "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mib,
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--text-only", action="store_true", help="only the text seeds, no PDFs")
    ap.add_argument("--child", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        n = replicate(Path(tmp), args.docs, args.text_only)
        print(f"corpus replicated to {n} documents ({'text only' if args.text_only else 'text and PDF'})")
        print(f"{'workers':>7} {'docs':>5} {'failed':>6} {'claims':>7} {'findings':>8} {'pipeline s':>10} "
              f"{'write s':>7} {'docs/s':>7} {'main MiB':>8} {'worker MiB':>10}")
        for w in [int(x) for x in args.workers.split(",")]:
            proc = subprocess.run([sys.executable, __file__, "--child", tmp, str(w)], capture_output=True,
                                  text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{r['workers']:>7} {r['documents']:>5} {r['failed']:>6} {r['claims']:>7} {r['findings']:>8} "
                  f"{r['pipeline_s']:>10.1f} {r['write_s']:>7.1f} {r['documents'] / r['total_s']:>7.2f} "
                  f"{r['main_peak_mib']:>8.0f} {r['worker_peak_mib']:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
