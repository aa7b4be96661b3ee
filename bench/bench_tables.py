"""Benchmark: table cells per second over the bundled corpus (seeds; PDFs too with --pdf).

    python bench/bench_tables.py [--repeat N] [--pdf] [PATH ...]

Documents are loaded once (loading is not timed); ``extract_tables`` and the table rules are
timed separately and reported per document and in total.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.load import load  # noqa: E402
from nlp.rules.registry import RuleContext, run_rules  # noqa: E402
from nlp.tables import extract_tables  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="files (default: corpora/seeds/*.txt)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pdf", action="store_true", help="also the PDFs of corpora/pdf/")
    args = ap.parse_args()
    paths = [Path(p) for p in args.paths] or sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    if args.pdf:
        paths += sorted((ROOT / "corpora" / "pdf").glob("*.pdf"))
    docs = []
    for p in paths:
        try:
            docs.append(load(str(p)))
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"skip {p.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    total_cells = total_t = total_rules_t = 0.0
    print(f"{'document':40s} {'tables':>6s} {'cells':>7s} {'cells/s':>10s} {'rules ms':>9s}")
    for d in docs:
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            tables = extract_tables(d)
        dt = (time.perf_counter() - t0) / args.repeat
        cells = sum(len(t.cells) for t in tables)
        t1 = time.perf_counter()
        run_rules(RuleContext(doc=d, tables=tables, cells=[c for t in tables for c in t.cells]), scopes=("tables",))
        rt = time.perf_counter() - t1
        total_cells += cells
        total_t += dt
        total_rules_t += rt
        rate = cells / dt if dt else 0.0
        print(f"{Path(d.doc).name[:40]:40s} {len(tables):6d} {cells:7d} {rate:10.0f} {rt * 1000:9.1f}")
    rate = total_cells / total_t if total_t else 0.0
    print(f"{'TOTAL':40s} {'':6s} {int(total_cells):7d} {rate:10.0f} {total_rules_t * 1000:9.1f}")
    print(f"cells per second: {rate:.0f}")


if __name__ == "__main__":
    main()
