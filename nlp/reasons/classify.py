"""Label clauses: the trained model (which reads cue-phrase rules as features) and a fallback.

For each clause the model gives one probability per label (:mod:`.model`; the labels whose cue
phrases fire — the frozen taxonomy lexicon ``lexicons/reason_cue_taxonomy.tsv`` and the phrases
mined from the training clauses, :mod:`.mine` — are among its features, so it learns per label
how far to trust them). Labels at or above their tuned threshold are taken; when none is, the
best label is. ``vague`` is kept only alone (the annotation guide: a clause that says something
checkable is not vague), and a clause matching a frozen ``vague`` cue (one that only restates the
change) is vague unless the model chose another label. Without a trained model the taxonomy
rules alone label the clause.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lexicon import LABELS, label_cues
from .model import Item, ReasonModel
from .text import classifier_text


@lru_cache(maxsize=8192)
def _lexicon_hits(prepared: str, source: str) -> tuple[str, ...]:
    hit = {label for label, pat in label_cues(source) if pat.search(prepared)}
    return tuple(l for l in LABELS if l in hit)


def lexicon_labels(text: str, source: str = "taxonomy") -> list[str]:
    """Labels whose cue phrases in the ``source`` lexicon (taxonomy | legacy) occur in ``text``."""
    return list(_lexicon_hits(classifier_text(text), source))


def rule_labels(text: str) -> list[str]:
    """Labels whose frozen cue phrases (the shipped lexicon, ``CONFIG["rules"]``) occur in ``text``, in
    taxonomy order."""
    from .model import CONFIG

    source = next((r for r in CONFIG["rules"] if r != "mined"), "taxonomy")
    return lexicon_labels(text, source)


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


def model_decide(model: ReasonModel, text: str, row) -> list[str]:
    """:func:`decide` for one clause with the rules the model was trained with (the frozen vague cue)."""
    p = {l: float(v) for l, v in zip(model.labels, row)}
    return decide(p, ["vague"] if model.vague_rule(text) else [], model.thresholds)


@lru_cache(maxsize=1)
def default_model() -> ReasonModel | None:
    """The model in ``models/`` (None when it has not been trained yet: rules only)."""
    try:
        return ReasonModel.load()
    except FileNotFoundError:
        return None


def classify(texts: Sequence[str], kinds: Sequence[str] | None = None, model: ReasonModel | None = None,
             directions: Sequence[str | None] | None = None,
             explained: Sequence[str | None] | None = None) -> list[tuple[list[str], dict[str, float]]]:
    """(labels, scores) per clause text; ``kinds`` gives ``reason``/``use`` per clause,
    ``directions`` the direction of the statement each explains (the cue's own first) and
    ``explained`` that statement's text."""
    n = len(texts)
    kinds = list(kinds) if kinds is not None else ["reason"] * n
    directions = list(directions) if directions is not None else [None] * n
    explained = list(explained) if explained is not None else [None] * n
    model = model if model is not None else default_model()
    out = []
    if model is None:
        for t in texts:
            rules = rule_labels(t)
            out.append((decide({}, rules, {}), {l: 1.0 for l in rules}))
        return out
    probs = model.predict_proba([Item(t, k, d, e) for t, k, d, e in zip(texts, kinds, directions, explained)])
    for t, row in zip(texts, probs):
        labels = model_decide(model, t, row)
        out.append((labels, {l: round(float(v), 4) for l, v in zip(model.labels, row) if v >= 0.05 or l in labels}))
    return out
