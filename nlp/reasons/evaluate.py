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
from functools import lru_cache
import os
from typing import Any

import unicodedata

import regex

import numpy as np

from . import encoder
from .classify import model_decide
from .gold import GoldExplanation, load_gold, squash
from .lexicon import LABELS
from .model import SEED, Item, fit
from .split import split_clauses
from .text import classifier_text


@dataclass
class Example:
    """One gold clause as a training example."""

    doc: str
    text: str
    kind: str
    labels: list[str]
    direction: str | None = None  # the cue's own direction, else the figures' (as extract_reasons)
    explained: str | None = None  # the statement explained, as annotated

    @property
    def item(self) -> Item:
        return Item(self.text, self.kind, self.direction, self.explained)


def examples(gold: list[GoldExplanation] | None = None) -> list[Example]:
    """Gold clauses with at least one known label, sorted (doc, text, kind) for reproducibility."""
    gold = gold if gold is not None else load_gold()
    out = []
    for e in gold:
        for c in e.clauses:
            labels = sorted(l for l in c.labels if l in LABELS)
            if labels and c.text.strip():
                out.append(Example(e.doc, c.text.strip(), e.kind, labels, e.cue_direction or e.figure_direction,
                                   e.explained))
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
    by_kind: dict[str, "LabelScores"] = field(default_factory=dict)


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


def synthetic_examples() -> list[Example]:
    """The synthetic training clauses (:func:`.gold.load_synthetic`); empty when there are none."""
    return list(_synthetic())


@lru_cache(maxsize=1)
def _synthetic() -> tuple[Example, ...]:
    from .gold import load_synthetic

    return tuple(examples(load_synthetic()))


def _fold_predictions(exs: list[Example], fold: list[int], f: int, config: dict[str, Any] | None,
                      extra: list[Example] | None, vectors: dict | None = None) -> list[tuple[int, list[str]]]:
    """Train on every fold but ``f`` (plus ``extra``), label fold ``f``: (index, labels) pairs.
    ``vectors``: sentence embeddings already computed (a worker process starts with none)."""
    if vectors:
        encoder.prime(vectors)
    train = [x for x, g in zip(exs, fold) if g != f]
    test = [i for i, g in enumerate(fold) if g == f]
    if not train or not test:
        return []
    more = ([x.item for x in extra], [x.labels for x in extra]) if extra else None
    model = fit([x.item for x in train], [x.labels for x in train], groups=[x.doc for x in train], config=config,
                extra=more)
    probs = model.predict_proba([exs[i].item for i in test])
    return [(i, model_decide(model, exs[i].text, row)) for i, row in zip(test, probs)]


def cross_validate(exs: list[Example] | None = None, k: int = 5, config: dict[str, Any] | None = None,
                   extra: list[Example] | None = None, n_jobs: int | None = None) -> LabelScores:
    """Held-out label scores of the full labeller (model with cue features, tuned thresholds).

    Nested: each training fold tunes its own thresholds on inner folds of its own documents
    (:func:`.model.fit`), so no test clause influences a decision. ``by_kind`` holds the scores
    of reason clauses and of use clauses apart. ``extra`` (the synthetic clauses) joins every
    training fold and is never scored. ``n_jobs`` folds are trained at once (default: one per
    CPU, at most ``k``); the result does not depend on it.
    """
    exs = exs if exs is not None else examples()
    if extra is None and (config if config is not None else _shipped()).get("synthetic"):
        extra = synthetic_examples()
    fold = folds(exs, k)
    jobs = n_jobs if n_jobs is not None else min(k, os.cpu_count() or 1)
    if jobs > 1 and len(exs) >= 100:
        from joblib import Parallel, delayed

        vectors = _embed_all(exs + list(extra or []), config)
        parts = Parallel(n_jobs=jobs)(delayed(_fold_predictions)(exs, fold, f, config, extra, vectors)
                                      for f in range(k))
    else:
        parts = [_fold_predictions(exs, fold, f, config, extra) for f in range(k)]
    pred: list[list[str]] = [[] for _ in exs]
    for part in parts:
        for i, labels in part:
            pred[i] = labels
    out = score_labels([x.labels for x in exs], pred)
    for kind in ("reason", "use"):
        idx = [i for i, x in enumerate(exs) if x.kind == kind]
        if idx:
            out.by_kind[kind] = score_labels([exs[i].labels for i in idx], [pred[i] for i in idx])
    return out


def _embed_all(exs: list[Example], config: dict[str, Any] | None) -> dict | None:
    """Encode every clause once in this process when the configuration uses embeddings, so that
    parallel folds do not each encode them again."""
    if not (config if config is not None else _shipped()).get("embedding_weight"):
        return None
    encoder.encode([classifier_text(x.item.text) for x in exs])
    return encoder.snapshot()


def _shipped() -> dict[str, Any]:
    from .model import CONFIG

    return CONFIG


VARIANTS: dict[str, dict[str, Any]] = {
    "model_only": {"rules": []},
    "real_only": {"synthetic": False},
    "taxonomy_v1": {"rules": ["taxonomy"]},
    "no_embedding": {"embedding_weight": 0.0},
}
"""Configurations scored beside the shipped one (:data:`.model.CONFIG`: the model with the frozen
taxonomy cue rules, trained on the gold training folds plus the synthetic clauses): the model
without any rule, and the model trained on gold clauses only. ``with_mined`` (phrases mined inside
each training fold, :mod:`.mine`) measured worse and is scored on request only."""
EXTRA_VARIANTS: dict[str, dict[str, Any]] = {"with_mined": {"rules": ["taxonomy", "mined"]}}
VARIANT_TITLES = {
    "model_only": "(a) model only (no cue rules; gold + synthetic training)",
    "real_only": "(b) model + frozen cue rules, gold training clauses only",
    "taxonomy_v1": "(c1) as shipped but with the first frozen lexicon (reason_cue_taxonomy.tsv)",
    "no_embedding": "(c2) as shipped but without the sentence embedding (n-grams, cues and the rest only)",
    "with_mined": "(b') model + taxonomy rules + rules mined in each training fold",
    "shipped": "(c) shipped: model + frozen cue rules (reason_cue_taxonomy_v2.tsv) + sentence embedding, gold + synthetic training",
    "legacy": "(ref) model + legacy cue lexicon (revised with all gold in view: optimistic)",
}


def variant_config(name: str) -> dict[str, Any]:
    """The shipped configuration with a variant's overrides (``shipped``: unchanged)."""
    from .model import CONFIG

    over = {"legacy": {"rules": ["legacy"]}, **VARIANTS, **EXTRA_VARIANTS}.get(name, {})
    return {**CONFIG, **over}


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
    """Gold text (copied from the raw input) and extracted text (normalised) in one form: whitespace
    dropped, full-width folded, traditional → simplified, pinyin glosses removed (:mod:`.text`)."""
    return unicodedata.normalize("NFKC", classifier_text(text))


def _document(doc_name: str):
    """The loaded seed, PDF or passage an annotation names (None if unknown)."""
    from ..load import load, load_text
    from .gold import doc_path, passages

    path = doc_path(doc_name)
    if path is not None:
        return load(str(path))
    if doc_name in passages():
        return load_text(passages()[doc_name]["text"], doc=doc_name)
    return None


def finding(gold: list[GoldExplanation] | None = None) -> dict[str, Any]:
    """Share of gold explanations found by :func:`extract_reasons` on their documents (seeds, passages)."""
    from .extract import extract_reasons

    gold = gold if gold is not None else load_gold()
    by_doc: dict[str, list[GoldExplanation]] = defaultdict(list)
    for e in gold:
        by_doc[e.doc].append(e)
    found = total = 0
    missed = []
    for doc_name in sorted(by_doc):
        doc = _document(doc_name)
        if doc is None:
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


_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str | None) -> set[str]:
    """Figures of a statement with at least two significant characters ("40", "22.1904")."""
    return {n.replace(",", "") for n in _NUMBER.findall(_fold(text or "")) if len(n.replace(",", "")) >= 2}


def missing_scores(gold_missing: list[dict[str, Any]] | None = None,
                   gold: list[GoldExplanation] | None = None, model=None) -> dict[str, Any]:
    """``reason_missing`` against ``missing-*.jsonl``.

    A gold record is found when a ``missing`` record of :func:`extract_reasons` on the same
    document starts on the same line or states one of its figures. Recall is over every gold
    record. Precision is over the documents annotated exhaustively for missing reasons — the
    passage batches that have a ``missing-*`` file (a passage of the batch appears in its
    ``reasons-`` or ``missing-`` file); the seeds are long and their ``missing-seeds`` file lists
    examples, not every case, so seed records count for recall only.
    """
    from .extract import extract_reasons
    from .gold import load_missing

    gold_missing = gold_missing if gold_missing is not None else load_missing()
    gold = gold if gold is not None else load_gold()
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in gold_missing:
        by_doc[r["doc"]].append(r)
    exhaustive = set()
    for r in gold_missing:
        if r["source"].startswith("missing-passages"):
            exhaustive.add(r["doc"])
    batches = {r["source"].replace("missing-", "reasons-") for r in gold_missing if r["source"].startswith("missing-passages")}
    exhaustive |= {e.doc for e in gold if e.source in batches}
    found = 0
    fn, fp = [], []
    tp_pred = n_pred = 0
    for doc_name in sorted(set(by_doc) | exhaustive):
        doc = _document(doc_name)
        if doc is None:
            continue
        pred = [r for r in extract_reasons(doc, claims=[], model=model) if r.kind == "missing"]
        hit_pred = set()
        for g in by_doc.get(doc_name, []):
            nums = _numbers(g.get("explained"))
            hits = [i for i, r in enumerate(pred) if r.line == g.get("line") or nums & _numbers(r.explained)]
            if hits:
                found += 1
                hit_pred.update(hits)
            else:
                fn.append(f"{doc_name}:{g.get('line')}")
        if doc_name in exhaustive:
            n_pred += len(pred)
            tp_pred += len(hit_pred)
            fp += [f"{doc_name}:{pred[i].line}" for i in range(len(pred)) if i not in hit_pred]
    total = sum(len(v) for v in by_doc.values())
    recall = found / total if total else 0.0
    precision = tp_pred / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": total, "found": found, "recall": recall, "predicted_on_exhaustive": n_pred,
            "precision": precision, "f1": f1, "exhaustive_documents": len(exhaustive),
            "false_negatives": fn, "false_positives": fp}
