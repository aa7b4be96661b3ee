"""Benchmark of the claims stage: narrative throughput next to raw jieba, and money recall next
to JioNLP's money extractor on the same sentences.

    python bench/bench_claims.py [--repeat N]

1. Narrative text: the prose streams (``document_ranges`` + ``Document.stream``) of the five
   seeds and every passage in ``corpora/passages``. Throughput of ``extract_claims`` (finding,
   classifying, subjects with jieba on claim sentences, records) in MB/s of UTF-8 narrative,
   printed next to jieba's raw ``lcut`` speed on the same text (goal: ≥ 0.5× raw jieba).
2. Money recall on the gold set (``corpora/annotations/claims``): a gold claim in 元/万元/亿元
   is recalled by a tool when the tool reports a money figure of the same value (in 元) on the
   gold line (±1). Both tools read the same sentences: the narrative streams of the annotated
   documents. JioNLP (a dev-only dependency, ``pip install jionlp``) is skipped when missing.
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.claims import extract_claims  # noqa: E402
from nlp.claims.evaluate import _passages, load_gold  # noqa: E402
from nlp.claims.extract import document_ranges  # noqa: E402
from nlp.claims.numbers import value_wan  # noqa: E402
from nlp.claims.segment import tokenizer  # noqa: E402
from nlp.layout import classify_line  # noqa: E402
from nlp.load import load, load_text  # noqa: E402
from nlp.resources import corpus_path  # noqa: E402

MONEY = {"元", "万元", "亿元"}


def corpus_docs():
    docs = [load(str(p)) for p in sorted(corpus_path("seeds").glob("*.txt"))]
    docs += [load_text(t, doc=pid) for pid, t in _passages().items()]
    return docs


def streams(doc):
    """(stream, text) of each narrative range of ``doc`` (as the extractor reads them)."""
    out = []
    for a, b, _k in document_ranges(doc):
        skip = {n for n in range(a, b + 1) if classify_line(doc.lines[n - 1]) == "table"}
        out.append(doc.stream(a, b, skip))
    return out


def throughput(docs, repeat: int) -> None:
    texts = [s.text for d in docs for s in streams(d)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    jieba = tokenizer()
    from nlp.claims.numbers import parse_number

    parse_number("三千二百")  # warm caches: cn2an import, regexes, lexicons, jieba dictionary
    extract_claims(docs[0])
    # interleave the two and keep each one's best run: the machine may be shared
    raw_best = ours_best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        raw_best = min(raw_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n = sum(len(extract_claims(d)) for d in docs)
        ours_best = min(ours_best, time.perf_counter() - t0)
    raw, ours = size / raw_best, size / ours_best
    print(f"narrative text: {size:.3f} MB in {len(docs)} documents; {n} claims")
    print(f"  raw jieba segmentation   {raw:7.3f} MB/s   (jieba.lcut, best of {repeat})")
    print(f"  shuoming extract_claims  {ours:7.3f} MB/s   ({ours / raw:.2f}x raw jieba; goal >= 0.5x)")


def money_gold():
    gold, ranges = load_gold()
    out = []
    for g in gold:
        if g.get("unit") in MONEY and g.get("value") not in (None, ""):
            yuan = value_wan(Decimal(str(g["value"])), g["unit"]) * 10000
            out.append((g["doc"], int(g["line"]), yuan))
    return out, ranges


def recall(found: set, gold) -> float:
    hit = 0
    for doc, line, yuan in gold:
        if any((doc, line + d, yuan) in found for d in (-1, 0, 1)):
            hit += 1
    return hit / len(gold) if gold else 1.0


def money_side_by_side() -> None:
    gold, ranges = money_gold()
    passages = _passages()
    docs = {}
    for doc_id in ranges:
        if doc_id in passages:
            docs[doc_id] = load_text(passages[doc_id], doc=doc_id)
        elif corpus_path("seeds", doc_id).exists():
            docs[doc_id] = load(str(corpus_path("seeds", doc_id)))
    gold = [g for g in gold if g[0] in docs]
    sents = []  # (doc_id, document, stream, start, end) of every sentence
    for doc_id, d in docs.items():
        for s in streams(d):
            lo = 0
            for i, ch in enumerate(s.text + "。"):
                if ch in "。;!?\n" or i == len(s.text):
                    if i > lo:
                        sents.append((doc_id, d, s, lo, i))
                    lo = i + 1
    size = sum(len(s.text[a:b].encode("utf-8")) for _, _, s, a, b in sents) / 1e6
    print(f"\nmoney recall on {len(gold)} gold money claims ({len(sents)} sentences, {size:.3f} MB)")

    t0 = time.perf_counter()
    ours = set()
    for doc_id, d in docs.items():
        for c in extract_claims(d):
            if c.unit in MONEY and c.value is not None:
                ours.add((doc_id, c.line, value_wan(c.value, c.unit) * 10000))
    dt = time.perf_counter() - t0
    print(f"  {'tool':<28}{'recall':>8}{'MB/s':>10}")
    print(f"  {'shuoming extract_claims':<28}{recall(ours, gold):>8.3f}{size / dt:>10.3f}")

    try:
        import jionlp  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - a dev-only dependency
        print(f"  {'jionlp.ner.extract_money':<28}  skipped ({type(exc).__name__}: install the dev extra)")
        return
    import jionlp as jio

    t0 = time.perf_counter()
    theirs = set()
    for doc_id, d, s, a, b in sents:
        for m in jio.ner.extract_money(s.text[a:b], with_parsing=True):
            num = m.get("detail", {}).get("num")
            if isinstance(num, list):
                num = num[0]
            if num is None:
                continue
            line = d.line_of(s.source(a + m["offset"][0]))
            theirs.add((doc_id, line, Decimal(num)))
    dt = time.perf_counter() - t0
    print(f"  {'jionlp.ner.extract_money':<28}{recall(theirs, gold):>8.3f}{size / dt:>10.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = corpus_docs()
    throughput(docs, args.repeat)
    money_side_by_side()


if __name__ == "__main__":
    main()
