"""Checks on written passages with known defects (``corpora/annotations/checks-probe``).

    python bench/bench_checks_probe.py [--show] [--batch ca ...]

Each batch is ``<b>-passages.jsonl`` (``{id, text, style}``) and ``<b>-defects.jsonl`` (``{doc, line,
figure, correct, kind, relation}``), written by writers who read only the domain notes: passages first
made consistent, then about half of them given one or two slips. The whole ``shuoming check``
pipeline runs on each passage. A defect is *detected* when an ``inconsistent`` (or ``rounding``)
finding names its line (the finding's own line or a line of its evidence); an ``inconsistent``
finding that names no defect line is a *false alarm* (counted on clean passages and on the defective
ones alike). Printed per defect kind, then the misses and false alarms with ``--show``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROBE = ROOT / "corpora" / "annotations" / "checks-probe"


def _read(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _lines(f) -> set[int]:
    out = {f.line} if f.line else set()
    ev = f.evidence or {}
    out |= {x for x in ev.get("lines", []) if isinstance(x, int)}
    for k in ("line", "whole_line", "denominator_line", "cell_line"):
        if isinstance(ev.get(k), int):
            out.add(ev[k])
    return out


def run(text: str, name: str):
    from nlp import load_text
    from nlp.checks import check_document
    from nlp.claims import extract_claims
    import nlp.tables.rules  # noqa: F401  (registers the table rules)

    doc = load_text(text, doc=name)
    findings, _ = check_document(doc, claims=extract_claims(doc), scopes=("tables", "narrative", "document"))
    return findings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print misses and false alarms")
    ap.add_argument("--batch", action="append", help="batch prefix (default: all)")
    args = ap.parse_args()
    batches = args.batch or sorted(p.name.split("-")[0] for p in PROBE.glob("*-passages.jsonl"))
    per_kind: dict[str, Counter] = defaultdict(Counter)
    misses, alarms, rounding_only = [], [], []
    n_pass = n_clean = 0
    for b in batches:
        passages = _read(PROBE / f"{b}-passages.jsonl")
        defects = defaultdict(list)
        for d in _read(PROBE / f"{b}-defects.jsonl"):
            defects[d["doc"]].append(d)
        for p in passages:
            n_pass += 1
            n_clean += not defects[p["id"]]
            findings = run(p["text"], p["id"])
            bad = [f for f in findings if f.verdict in ("inconsistent", "rounding")]
            lines = p["text"].split("\n")
            defect_lines = {d["line"] for d in defects[p["id"]]}
            for d in defects[p["id"]]:
                hit = [f for f in bad if d["line"] in _lines(f)]
                k = per_kind[d["kind"]]
                k["tried"] += 1
                if any(f.verdict == "inconsistent" for f in hit):
                    k["detected"] += 1
                elif hit:
                    k["detected"] += 1
                    k["rounding only"] += 1
                    rounding_only.append((d, hit))
                else:
                    misses.append((d, lines[d["line"] - 1] if d["line"] <= len(lines) else ""))
            for f in bad:
                if f.verdict == "inconsistent" and not (_lines(f) & defect_lines):
                    alarms.append((p["id"], f))
    print(f"checks probe {', '.join(batches)}: {n_pass} passages ({n_clean} clean)")
    print(f"{'kind':<12} {'tried':>6} {'detected':>9} {'(rounding)':>11} {'rate':>7}")
    tot = Counter()
    for kind in sorted(per_kind):
        c = per_kind[kind]
        tot.update(c)
        print(f"{kind:<12} {c['tried']:>6} {c['detected']:>9} {c['rounding only']:>11} "
              f"{c['detected'] / c['tried']:>7.1%}")
    if tot["tried"]:
        print(f"{'all':<12} {tot['tried']:>6} {tot['detected']:>9} {tot['rounding only']:>11} "
              f"{tot['detected'] / tot['tried']:>7.1%}")
    print(f"false alarms (inconsistent findings on no defect line): {len(alarms)}")
    if args.show:
        print("\nMissed:")
        for d, line in misses:
            print(f"  [{d['kind']}] {d['doc']}:{d['line']} {d['figure']} (should be {d['correct']}; {d['relation']})"
                  f"\n      {line[:160]}")
        print("\nRounding only:")
        for d, hit in rounding_only:
            print(f"  [{d['kind']}] {d['doc']}:{d['line']} {d['figure']}: {hit[0].rule} {hit[0].message[:120]}")
        print("\nFalse alarms:")
        for pid, f in alarms:
            print(f"  {pid}:{f.line} {f.rule}: {f.message[:200]}")


if __name__ == "__main__":
    main()
