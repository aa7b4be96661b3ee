"""Inter-annotator agreement: a blind second annotation of every gold clause, and its adjudication.

Every gold clause was labelled a second time by annotators who saw only the taxonomy, the
annotation guide and the clause in its explanation — not the first labels, the model or its
scores. Where the two label sets differed, an adjudicator (who saw both, unnamed and in random
order, and the guide) chose the final set, which the gold files now hold. The files, in
``corpora/annotations/reasons-agreement/``:

* ``second-annotation.jsonl`` — ``{key, labels, sure, why}`` per clause;
* ``adjudication.jsonl`` — ``{key, first, second, labels, chosen (first | second | other), why}`` per
  disagreement (``first``: the original label set, ``labels``: the adjudicated one).

``key`` is ``<explanation id>#<clause index>`` of the gold files. The second annotator's score
against the gold is the human reference for the classifier's held-out score: a label the two
annotators read differently is one the model cannot be expected to get right either.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..resources import corpus_path
from .gold import GoldExplanation, load_gold
from .lexicon import LABELS


def agreement_dir() -> Path:
    return corpus_path("annotations", "reasons-agreement")


def _read(name: str) -> list[dict[str, Any]]:
    path = agreement_dir() / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def second_annotation() -> dict[str, dict[str, Any]]:
    """The blind second annotation, by clause key."""
    return {r["key"]: r for r in _read("second-annotation.jsonl")}


def adjudication() -> dict[str, dict[str, Any]]:
    """The adjudicated disagreements, by clause key."""
    return {r["key"]: r for r in _read("adjudication.jsonl")}


def clause_keys(gold: list[GoldExplanation] | None = None) -> dict[str, list[str]]:
    """Gold labels by clause key (``<explanation id>#<clause index>``)."""
    gold = gold if gold is not None else load_gold()
    return {f"{e.id}#{i}": [l for l in c.labels if l in LABELS] for e in gold for i, c in enumerate(e.clauses)}


def agreement(gold: list[GoldExplanation] | None = None) -> dict[str, Any]:
    """The second annotator scored against the (adjudicated) gold, as the classifier is, and against
    the first annotation (``independent``: the two blind readings, before adjudication).

    Returns the :class:`.evaluate.LabelScores` fields the eval command prints (``macro_f1``,
    ``micro_f1``, ``exact``, ``per_label``), the clause count, the independent agreement and the
    adjudication tally; empty when there is no second annotation."""
    from .evaluate import score_labels

    second = second_annotation()
    keys = clause_keys(gold)
    shared = [k for k in keys if k in second and keys[k]]
    if not shared:
        return {}
    s = score_labels([sorted(keys[k]) for k in shared], [sorted(second[k]["labels"]) for k in shared])
    adj = adjudication()
    tally: dict[str, int] = {}
    for r in adj.values():
        tally[r["chosen"]] = tally.get(r["chosen"], 0) + 1
    first = {k: (adj[k]["first"] if k in adj else keys[k]) for k in shared}
    ind = score_labels([sorted(first[k]) for k in shared], [sorted(second[k]["labels"]) for k in shared])
    return {"clauses": len(shared), "macro_f1": s.macro_f1, "micro_f1": s.micro_f1, "exact": s.exact,
            "per_label": s.per_label, "disagreements": sum(tally.values()), "adjudicated": tally,
            "independent": {"macro_f1": ind.macro_f1, "micro_f1": ind.micro_f1, "exact": ind.exact}}
