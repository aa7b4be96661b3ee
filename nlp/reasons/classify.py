"""Label clauses: the trained model, and the cue-phrase rules where the model is unsure.

For each clause the model gives one probability per label, combined with whether the label's
cue phrases (``lexicons/reason_cue_labels.tsv``) occur in the clause by per-label weights learnt
on held-out training predictions (:meth:`ReasonModel.combine`). Labels at or above their
threshold are taken. A label whose cue phrases fire is added too unless the model is sure it does
not apply (combined probability below ``RULE_FLOOR``); when nothing is chosen, the rules' labels,
else the model's best label, are used. ``vague`` is kept only alone (the annotation guide: a
clause that says something checkable is not vague).

Measured (5 folds grouped by document, see models/reasons.md): adding rule labels only when the
model's best label is below 0.6–0.95 scored lower (macro-F1 0.58) than letting the model veto
them (0.64), so the rule labels are always offered and the model vetoes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lexicon import LABELS, label_cues
from .model import ReasonModel, model_input

RULE_FLOOR = 0.1


def rule_labels(text: str) -> list[str]:
    """Labels whose cue phrases occur in ``text``, in taxonomy order."""
    hit = {label for label, pat in label_cues() if pat.search(text.strip())}
    return [l for l in LABELS if l in hit]


def decide(probs: dict[str, float], rules: Sequence[str], thresholds: dict[str, float]) -> list[str]:
    """Combine model probabilities and rule labels into the final label list (taxonomy order)."""
    chosen = {l for l, p in probs.items() if p >= thresholds.get(l, 0.5)}
    if "vague" in rules:  # a clause that only restates the change: other cue words in it do not count
        chosen.discard("vague")
        return [l for l in LABELS if l in chosen] or ["vague"]
    chosen |= {l for l in rules if not probs or probs.get(l, 0.0) >= RULE_FLOOR}
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
        rules = rule_labels(t)
        p = model.combine({l: float(v) for l, v in zip(model.labels, row)}, rules)
        labels = decide(p, rules, model.thresholds)
        out.append((labels, {l: round(v, 4) for l, v in p.items() if v >= 0.05 or l in labels}))
    return out
