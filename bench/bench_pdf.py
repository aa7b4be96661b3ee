"""Benchmark: reading PDFs with nlp.pdf vs pdfplumber's own extract_text + extract_tables.

Usage::

    python bench/bench_pdf.py [PDF ...] [--repeat N]

Prints, per file, seconds per page for

* ``pdfplumber``  — ``page.extract_text()`` + ``page.extract_tables()`` on every page, the reading
  path of the peer checker (the baseline);
* ``read``        — :func:`nlp.pdf.read_pdf` (PDF → located, normalised Document);
* ``pipeline``    — load (read + metadata) + sections + tables + claims, each stage only if its
  module is importable; the stages are also shown one by one.

Our timings are the best of ``--repeat`` runs after one warm-up run; one-time start-up costs (the
jieba dictionary, lexicons) are paid in the warm-up and printed separately as ``first run``. One
process, one core: nothing here is parallel. The default files are the corpus PDFs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pdfplumber(path: Path) -> tuple[float, int]:
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
    return time.perf_counter() - t, n


def _stages():
    """(name, function(path, state)) for every stage whose module imports."""
    from nlp.ingest import iter_sources
    from nlp.load import load_source
    from nlp.pdf import read_pdf

    stages = [("read", lambda p, s: s.__setitem__("read", read_pdf(p.name, p.read_bytes()))),
              ("load", lambda p, s: s.__setitem__("doc", load_source(next(iter(iter_sources([str(p)]))))))]
    try:
        from nlp.sections import find_sections

        stages.append(("sections", lambda p, s: s.__setitem__("sections", find_sections(s["doc"]))))
    except ImportError:
        pass
    try:
        from nlp.tables import extract_tables

        stages.append(("tables", lambda p, s: extract_tables(s["doc"])))
    except ImportError:
        pass
    try:
        from nlp.claims import extract_claims

        stages.append(("claims", lambda p, s: extract_claims(s["doc"], s.get("sections"))))
    except ImportError:
        pass
    return stages


def _run(path: Path, stages) -> dict[str, float]:
    state: dict = {}
    out = {}
    for name, fn in stages:
        t = time.perf_counter()
        fn(path, state)
        out[name] = time.perf_counter() - t
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    paths = args.pdfs or sorted((ROOT / "corpora" / "pdf").glob("*.pdf"))
    stages = _stages()
    names = [n for n, _ in stages]
    pipeline_names = [n for n in names if n != "read"]
    first = _run(paths[0], stages)
    print(f"first run (one-time start-up included) on {paths[0].name}: "
          + ", ".join(f"{k} {v:.2f}s" for k, v in first.items()))
    print(f"{'file':44} {'pages':>5} {'pdfplumber':>11} {'read':>8} {'pipeline':>9} {'speed-up':>9}  stages (s/page)")
    for path in paths:
        base, n = _pdfplumber(path)
        runs = [_run(path, stages) for _ in range(max(args.repeat, 1))]
        best = {k: min(r[k] for r in runs) for k in names}
        pipeline = sum(best[k] for k in pipeline_names)
        print(f"{path.name[:44]:44} {n:5d} {base / n:10.4f}s {best['read'] / n:7.4f}s {pipeline / n:8.4f}s"
              f" {base / pipeline:8.1f}×  " + " ".join(f"{k}={best[k] / n:.4f}" for k in pipeline_names))
        print(f"{'':44} {'total':>5} {base:10.3f}s {best['read']:7.3f}s {pipeline:8.3f}s")


if __name__ == "__main__":
    main()
