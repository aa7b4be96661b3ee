"""Scores of the reasons stage on the gold annotations.

* **Labels**: per-label precision / recall / F1 and macro-F1 of the full labeller (model + cue
  rules, :mod:`.classify`) on held-out folds. Folds are grouped by document, so a fold never holds
  clauses of a document seen in training (the hidden test set is other departments' passages).
* **Segmentation**: exact match of the clause split (:func:`.split.split_clauses` on the gold
  explanation text) against the gold clauses, whitespace ignored.
* **Finding**: the share of gold explanations that :func:`.extract_reasons` finds on the source
  document (same document, a clause overlapping the gold text).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import unicodedata

import numpy as np

from .classify import decide, rule_labels
from .gold import GoldExplanation, load_gold, squash
from .lexicon import LABELS
from .model import SEED, fit, model_input
from .split import split_clauses


@dataclass
class Example:
    """One gold clause as a training example."""

    doc: str
    text: str
    kind: str
    labels: list[str]


def examples(gold: list[GoldExplanation] | None = None) -> list[Example]:
    """Gold clauses with at least one known label, sorted (doc, text, kind) for reproducibility."""
    gold = gold if gold is not None else load_gold()
    out = []
    for e in gold:
        for c in e.clauses:
            labels = sorted(l for l in c.labels if l in LABELS)
            if labels and c.text.strip():
                out.append(Example(e.doc, c.text.strip(), e.kind, labels))
    out.sort(key=lambda x: (x.doc, x.text, x.kind, x.labels))
    return out


def folds(exs: list[Example], k: int = 5) -> list[int]:
    """Fold number per example: documents are dealt to folds in a seeded random order."""
    docs = sorted({x.doc for x in exs})
    rng = np.random.RandomState(SEED)
    rng.shuffle(docs)
    sizes = defaultdict(int)
    for x in exs:
        sizes[x.doc] += 1
    load = [0] * k
    where = {}
    for d in sorted(docs, key=lambda d: -sizes[d]):  # largest documents first, to the lightest fold
        f = int(np.argmin(load))
        where[d] = f
        load[f] += sizes[d]
    return [where[x.doc] for x in exs]


@dataclass
class LabelScores:
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    macro_f1: float = 0.0
    micro_f1: float = 0.0
    exact: float = 0.0
    n: int = 0
    predictions: list[list[str]] = field(default_factory=list)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_labels(gold: list[list[str]], pred: list[list[str]]) -> LabelScores:
    """Per-label P/R/F1 (labels with gold support only in the macro average), micro-F1, exact match."""
    out = LabelScores(n=len(gold), predictions=pred)
    tot = [0, 0, 0]
    f1s = []
    for label in LABELS:
        tp = sum(label in g and label in p for g, p in zip(gold, pred))
        fp = sum(label not in g and label in p for g, p in zip(gold, pred))
        fn = sum(label in g and label not in p for g, p in zip(gold, pred))
        p, r, f = _prf(tp, fp, fn)
        support = tp + fn
        out.per_label[label] = {"precision": p, "recall": r, "f1": f, "support": support, "predicted": tp + fp}
        if support:
            f1s.append(f)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
    out.macro_f1 = float(np.mean(f1s)) if f1s else 0.0
    out.micro_f1 = _prf(*tot)[2]
    out.exact = sum(set(g) == set(p) for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return out


def cross_validate(exs: list[Example] | None = None, k: int = 5, rules: bool = True) -> LabelScores:
    """Held-out label scores of model + rules (``rules=False``: the model alone)."""
    exs = exs if exs is not None else examples()
    fold = folds(exs, k)
    pred: list[list[str]] = [[] for _ in exs]
    for f in range(k):
        train = [x for x, g in zip(exs, fold) if g != f]
        test = [i for i, g in enumerate(fold) if g == f]
        if not train or not test:
            continue
        model = fit([model_input(x.text, x.kind) for x in train], [x.labels for x in train],
                    rule_sets=[rule_labels(x.text) for x in train] if rules else None)
        probs = model.predict_proba([model_input(exs[i].text, exs[i].kind) for i in test])
        for i, row in zip(test, probs):
            p = {l: float(v) for l, v in zip(model.labels, row)}
            if rules:
                r = rule_labels(exs[i].text)
                pred[i] = decide(model.combine(p, r), r, model.thresholds)
            else:
                pred[i] = decide(p, [], model.thresholds)
    return score_labels([x.labels for x in exs], pred)


def segmentation(gold: list[GoldExplanation] | None = None) -> dict[str, Any]:
    """Exact match of the clause split on gold explanation texts; mismatches listed."""
    gold = gold if gold is not None else load_gold()
    ok, wrong = 0, []
    usable = [e for e in gold if e.clauses and e.text]
    for e in usable:
        pred = [squash(c.text) for c in split_clauses(e.text)]
        want = [squash(c.text) for c in e.clauses]
        if pred == want:
            ok += 1
        else:
            wrong.append({"id": e.id, "predicted": pred, "gold": want})
    return {"explanations": len(usable), "exact": ok, "exact_match": ok / len(usable) if usable else 0.0,
            "mismatches": wrong}


def _fold(text: str) -> str:
    """Whitespace dropped and full-width forms folded (gold copies the input; documents are normalised)."""
    return unicodedata.normalize("NFKC", squash(text))


def finding(gold: list[GoldExplanation] | None = None) -> dict[str, Any]:
    """Share of gold explanations found by :func:`extract_reasons` on their documents (seeds, passages)."""
    from ..load import load, load_text
    from .extract import extract_reasons
    from .gold import doc_path, passages

    gold = gold if gold is not None else load_gold()
    by_doc: dict[str, list[GoldExplanation]] = defaultdict(list)
    for e in gold:
        by_doc[e.doc].append(e)
    found = total = 0
    missed = []
    for doc_name in sorted(by_doc):
        path = doc_path(doc_name)
        if path is not None:
            doc = load(str(path))
        elif doc_name in passages():
            doc = load_text(passages()[doc_name]["text"], doc=doc_name)
        else:
            continue
        recs = [r for r in extract_reasons(doc, claims=[], missing=False)]
        texts = [(r.kind, _fold(r.clause)) for r in recs]
        for e in by_doc[doc_name]:
            total += 1
            want = [_fold(c.text) for c in e.clauses if c.text]
            hit = any(k == e.kind and any(w and (w in t or t in w) and len(t) >= 2 for w in want) for k, t in texts)
            if hit:
                found += 1
            else:
                missed.append(e.id)
    return {"explanations": total, "found": found, "recall": found / total if total else 0.0, "missed": missed}
