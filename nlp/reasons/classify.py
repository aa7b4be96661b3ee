"""Label clauses: the trained model, and the cue-phrase rules where the model is unsure.

For each clause the model gives one probability per label. Labels at or above their threshold
are taken. When the model is unsure (no label reaches its threshold, or the best is below
``SURE``) the labels whose cue phrases (``lexicons/reason_cue_labels.tsv``) occur in the clause
are added if the model gives them at least ``RULE_FLOOR``; when nothing is chosen after that,
the rules' labels, else the model's best label, are used. ``vague`` is kept only alone (the
annotation guide: a clause that says something checkable is not vague).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lexicon import LABELS, label_cues
from .model import ReasonModel, model_input

SURE = 0.6
RULE_FLOOR = 0.1


def rule_labels(text: str) -> list[str]:
    """Labels whose cue phrases occur in ``text``, in taxonomy order."""
    hit = {label for label, pat in label_cues() if pat.search(text.strip())}
    return [l for l in LABELS if l in hit]


def decide(probs: dict[str, float], rules: Sequence[str], thresholds: dict[str, float]) -> list[str]:
    """Combine model probabilities and rule labels into the final label list (taxonomy order)."""
    chosen = {l for l, p in probs.items() if p >= thresholds.get(l, 0.5)}
    best = max(probs.values()) if probs else 0.0
    if not chosen or best < SURE:
        chosen |= {l for l in rules if probs.get(l, 0.0) >= RULE_FLOOR}
    if not chosen:
        chosen = set(rules) or ({max(probs, key=probs.get)} if probs else set())
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


def classify(texts: Sequence[str], kinds: Sequence[str] | None = None,
             model: ReasonModel | None = None) -> list[tuple[list[str], dict[str, float]]]:
    """(labels, scores) per clause text; ``kinds`` gives ``reason``/``use`` per clause."""
    kinds = list(kinds) if kinds is not None else ["reason"] * len(texts)
    model = model if model is not None else default_model()
    out = []
    if model is None:
        for t in texts:
            rules = rule_labels(t)
            out.append((decide({}, rules, {}), {l: 1.0 for l in rules}))
        return out
    probs = model.predict_proba([model_input(t, k) for t, k in zip(texts, kinds)])
    for t, row in zip(texts, probs):
        p = {l: float(v) for l, v in zip(model.labels, row)}
        labels = decide(p, rule_labels(t), model.thresholds)
        out.append((labels, {l: round(v, 4) for l, v in p.items() if v >= 0.05 or l in labels}))
    return out
