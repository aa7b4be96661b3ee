"""Reasons on the written probe (`corpora/annotations/reasons-probe/`): how the shipped system does on
passages in other departments' wording, end to end.

The probe is 140 passages (qa: northern and western 决算; qb: county 预算 and 绩效自评; qd: 三公 paragraphs; qc: PDF-to-text
layout, traditional script, odd enumerators) written with gold explanations by writers who read only
the taxonomy and the annotation guide, never the code, the lexicons or the corpus. It is never trained
on. It was blind when first scored (session 7: found 0.949, end-to-end macro-F1 0.898); the finder was
then mended on what it missed, so the figures printed now are no longer blind. Its clauses are
written text, closer to the synthetic training clauses than real ones: label scores here run higher
than on the real gold (`shuoming eval reasons`), and are not a substitute for it.

Printed: clause segmentation exact-match on the gold texts, explanations found, label macro/micro-F1
on the gold clause texts and end to end (each gold clause matched to the extracted clause of the same
text; a clause not extracted counts as predicted with no label), reason_missing recall and the
number of missing records predicted. ``--show`` lists every miss.

    python bench/bench_reasons_probe.py [--show] [--batch qa --batch qb ...]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "corpora" / "annotations" / "reasons-probe"


def main() -> None:
    from nlp.load import load_text
    from nlp.reasons.classify import classify
    from nlp.reasons.evaluate import _fold, _numbers, examples, score_labels, segmentation
    from nlp.reasons.extract import extract_reasons
    from nlp.reasons.gold import load_gold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", action="append", help="qa, qb or qc (default: all)")
    ap.add_argument("--show", action="store_true", help="list every miss")
    args = ap.parse_args()
    batches = args.batch or sorted(p.name.split("-")[0] for p in PROBE.glob("*-passages.jsonl"))
    gold, texts, missing = [], {}, []
    for b in batches:
        gold += load_gold(PROBE, f"{b}-reasons.jsonl")
        texts.update({r["id"]: r["text"] for r in map(json.loads, open(PROBE / f"{b}-passages.jsonl", encoding="utf-8"))})
        missing += [json.loads(l) for l in open(PROBE / f"{b}-missing.jsonl", encoding="utf-8") if l.strip()]

    seg = segmentation(gold)
    exs = examples(gold)
    res = classify([e.text for e in exs], [e.kind for e in exs], directions=[e.direction for e in exs],
                   explained=[e.explained for e in exs])
    labels = score_labels([e.labels for e in exs], [r[0] for r in res])

    by_doc = defaultdict(list)
    for e in gold:
        by_doc[e.doc].append(e)
    found = miss_found = n_missing_pred = 0
    g_all, p_all, misses = [], [], []
    for pid, text in texts.items():
        recs = extract_reasons(load_text(text, doc=pid))
        got = [(r.kind, _fold(r.clause), r) for r in recs if r.kind in ("reason", "use")]
        for e in by_doc.get(pid, []):
            want = [_fold(c.text) for c in e.clauses if c.text]
            if any(k == e.kind and any(w and (w in t or t in w) and len(t) >= 2 for w in want) for k, t, _ in got):
                found += 1
            else:
                misses.append(f"missed explanation {e.id} ({e.cue}): {e.text[:60]}")
            for c in e.clauses:
                w = _fold(c.text)
                m = [r for _, t, r in got if t == w] or [r for _, t, r in got if w and (w in t or t in w) and len(t) >= 2]
                g_all.append(sorted(c.labels))
                p_all.append(sorted(m[0].labels) if m else [])
        preds = [r for r in recs if r.kind == "missing"]
        n_missing_pred += len(preds)
        gold_missing = [m for m in missing if m["doc"] == pid]
        for g in gold_missing:
            if any(_matches(r, g) for r in preds):
                miss_found += 1
            else:
                misses.append(f"reason_missing not flagged {pid}: {g.get('explained')}")
        for r in preds:
            if not any(_matches(r, g) for g in gold_missing):
                misses.append(f"reason_missing flagged, not in gold {pid}:{r.line}: {(r.explained or '')[:70]}")
    e2e = score_labels(g_all, p_all)
    n = len(gold)
    print(f"probe batches {', '.join(batches)}: {len(texts)} passages, {n} explanations, {len(exs)} clauses")
    print(f"segmentation exact-match   {seg['exact']}/{seg['explanations']} = {seg['exact_match']:.3f}")
    print(f"explanations found         {found}/{n} = {found / max(n, 1):.3f}")
    print(f"labels on gold clauses     macro-F1 {labels.macro_f1:.3f}  micro-F1 {labels.micro_f1:.3f}")
    print(f"labels end to end          macro-F1 {e2e.macro_f1:.3f}  micro-F1 {e2e.micro_f1:.3f}")
    print(f"reason_missing recall      {miss_found}/{len(missing)}; missing records predicted {n_missing_pred}")
    if args.show:
        for e, (got, _) in zip(exs, res):
            if sorted(got) != sorted(e.labels):
                print(f"labels {e.doc}: gold {','.join(e.labels)} got {','.join(got)}: {e.text[:60]}")
        for m in seg["mismatches"]:
            print(f"segmentation {m['id']}: {m['predicted']} != {m['gold']}")
        print("\n".join(misses))


def _matches(pred, gold: dict) -> bool:
    """A predicted reason_missing record is the gold one: same line, or a figure in common."""
    from nlp.reasons.evaluate import _numbers

    return pred.line == gold.get("line") or bool(_numbers(gold.get("explained")) & _numbers(pred.explained))


if __name__ == "__main__":
    main()
