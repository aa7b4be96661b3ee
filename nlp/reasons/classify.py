"""Label clauses: the trained model (which reads the cue-phrase rules as features) and a fallback.

For each clause the model gives one probability per label (:mod:`.model`; the labels whose cue
phrases in ``lexicons/reason_cue_labels.tsv`` fire are among its features, so it learns per label
how far to trust them). Labels at or above their tuned threshold are taken; when none is, the
best label is. ``vague`` is kept only alone (the annotation guide: a clause that says something
checkable is not vague), and a clause matching a ``vague`` cue (one that only restates the
change) is vague unless the model chose another label. Without a trained model the rules alone
label the clause.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lexicon import LABELS, label_cues
from .model import Item, ReasonModel
from .text import classifier_text


def rule_labels(text: str) -> list[str]:
    """Labels whose cue phrases occur in ``text``, in taxonomy order."""
    t = classifier_text(text)
    hit = {label for label, pat in label_cues() if pat.search(t)}
    return [l for l in LABELS if l in hit]


def decide(probs: dict[str, float], rules: Sequence[str], thresholds: dict[str, float]) -> list[str]:
    """Model probabilities (and the rule labels) → the final label list, in taxonomy order."""
    chosen = {l for l, p in probs.items() if p >= thresholds.get(l, 0.5)}
    chosen.discard("vague")
    if not chosen and "vague" in rules:
        return ["vague"]
    if not chosen:
        if probs:
            chosen = {max(probs, key=probs.get)}
        else:
            chosen = set(rules)
    if "vague" in chosen and len(chosen) > 1:
        chosen.discard("vague")
    return [l for l in LABELS if l in chosen]


@lru_cache(maxsize=1)
def default_model() -> ReasonModel | None:
    """The model in ``models/`` (None when it has not been trained yet: rules only)."""
    try:
        return ReasonModel.load()
    except FileNotFoundError:
        return None


def classify(texts: Sequence[str], kinds: Sequence[str] | None = None, model: ReasonModel | None = None,
             directions: Sequence[str | None] | None = None) -> list[tuple[list[str], dict[str, float]]]:
    """(labels, scores) per clause text; ``kinds`` gives ``reason``/``use`` per clause and
    ``directions`` the direction of the statement each explains (the cue's own first)."""
    kinds = list(kinds) if kinds is not None else ["reason"] * len(texts)
    directions = list(directions) if directions is not None else [None] * len(texts)
    model = model if model is not None else default_model()
    out = []
    if model is None:
        for t in texts:
            rules = rule_labels(t)
            out.append((decide({}, rules, {}), {l: 1.0 for l in rules}))
        return out
    probs = model.predict_proba([Item(t, k, d) for t, k, d in zip(texts, kinds, directions)])
    for t, row in zip(texts, probs):
        p = {l: float(v) for l, v in zip(model.labels, row)}
        labels = decide(p, rule_labels(t), model.thresholds)
        out.append((labels, {l: round(v, 4) for l, v in p.items() if v >= 0.05 or l in labels}))
    return out
