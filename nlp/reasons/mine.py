"""Cue phrases learnt from labelled clauses: discriminative character n-grams per label.

Hand-written cue lexicons tuned while reading the gold leak test information into a
cross-validated score. Phrases mined here come only from the clauses they are given, so
:func:`mine_rules` runs inside each training fold (and inside each inner fold when the training
clauses' own rule features are computed, :func:`crossfit_hits`), and the held-out score of the
whole system stays honest. The shipped model stores the phrases mined from all gold clauses.

A phrase is kept for a label when it occurs in at least ``min_docs`` documents, at least
``min_support`` clauses, and at least ``min_precision`` of the clauses holding it carry the label.
A phrase containing an already kept (shorter) phrase of the same label adds nothing and is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import regex

from .text import classifier_text

MINE = {"ngram": [2, 4], "min_docs": 2, "min_support": 3, "min_precision": 0.8}
_SKIP = regex.compile(r"[\d\p{P}\s]")  # n-grams with digits, punctuation or spaces carry no cue


def _grams(text: str, lo: int, hi: int) -> set[str]:
    t = classifier_text(text)
    return {t[i:i + n] for n in range(lo, hi + 1) for i in range(len(t) - n + 1) if not _SKIP.search(t[i:i + n])}


def mine_rules(texts: Sequence[str], label_sets: Sequence[Sequence[str]], groups: Sequence[str],
               labels: Sequence[str], params: dict | None = None) -> list[tuple[str, str]]:
    """(label, phrase) pairs: n-grams that mark ``label`` in these clauses (see module doc)."""
    p = {**MINE, **(params or {})}
    lo, hi = p["ngram"]
    clauses: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        for g in _grams(t, lo, hi):
            clauses[g].append(i)
    out: list[tuple[str, str]] = []
    for label in labels:
        kept: list[str] = []
        for g in sorted(clauses, key=lambda s: (len(s), s)):
            idx = clauses[g]
            if len(idx) < p["min_support"]:
                continue
            pos = [i for i in idx if label in label_sets[i]]
            if len(pos) < p["min_support"] or len(pos) < p["min_precision"] * len(idx):
                continue
            if len({groups[i] for i in pos}) < p["min_docs"] or any(k in g for k in kept):
                continue
            kept.append(g)
        out += [(label, g) for g in kept]
    return out


def rule_hits(text: str, rules: Sequence[tuple[str, str]]) -> set[str]:
    """Labels whose mined phrases occur in ``text``."""
    t = classifier_text(text)
    return {label for label, g in rules if g in t}


def crossfit_hits(texts: Sequence[str], label_sets: Sequence[Sequence[str]], groups: Sequence[str],
                  labels: Sequence[str], folds: Sequence[int], params: dict | None = None) -> list[set[str]]:
    """Mined-rule labels of each training clause from phrases mined on the *other* folds, so the
    model learns how far a mined phrase holds on clauses it was not mined from."""
    out: list[set[str]] = [set() for _ in texts]
    for f in sorted(set(folds)):
        tr = [i for i, g in enumerate(folds) if g != f]
        rules = mine_rules([texts[i] for i in tr], [label_sets[i] for i in tr], [groups[i] for i in tr], labels, params)
        for i, g in enumerate(folds):
            if g == f:
                out[i] = rule_hits(texts[i], rules)
    return out
