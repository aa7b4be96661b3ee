"""Explanation-pattern statistics for research: which reasons are given for which changes.

``pattern_stats(clauses, claims, docs_meta)`` counts clause labels by the subject of the claim
explained (``subject_key`` where the claims stage gives one, else its subject phrase), the
direction of the figures, the document kind and the year. One row per (dimension, value, label)
with the count and the share of that dimension value's labelled clauses.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping

import pandas as pd

COLUMNS = ["dimension", "value", "label", "clauses", "share"]


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def pattern_stats(clauses: Iterable[Any], claims: Iterable[Any] | None = None,
                  docs_meta: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Label frequencies by ``subject``, ``direction``, ``doc_kind`` and ``year``.

    ``clauses``: Clause records or dicts (records of kind ``missing`` are counted under label
    ``(missing)``); ``claims``: Claim records or dicts, used to find the subject of the group a
    clause explains; ``docs_meta``: per document name, a mapping with ``kind`` and ``year``.
    """
    subject_of: dict[tuple[str, str], str] = {}
    for c in claims or []:
        g = _get(c, "group")
        if g is None:
            continue
        key = (_get(c, "doc"), g)
        subj = _get(c, "subject_key") or _get(c, "subject")
        if subj and key not in subject_of:
            subject_of[key] = subj
    docs_meta = docs_meta or {}
    counts: Counter = Counter()
    for cl in clauses:
        doc = _get(cl, "doc")
        labels = list(_get(cl, "labels") or [])
        if _get(cl, "kind") == "missing":
            labels = ["(missing)"]
        if not labels:
            continue
        meta = docs_meta.get(doc, {})
        dims = {
            "subject": subject_of.get((doc, _get(cl, "explains"))) or "(unknown)",
            "direction": _get(cl, "figure_direction") or "(none)",
            "doc_kind": meta.get("kind") or "(unknown)",
            "year": str(meta.get("year")) if meta.get("year") is not None else "(unknown)",
        }
        for dim, value in dims.items():
            for label in labels:
                counts[(dim, value, label)] += 1
    rows = [{"dimension": d, "value": v, "label": l, "clauses": n} for (d, v, l), n in counts.items()]
    df = pd.DataFrame(rows, columns=COLUMNS[:-1])
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    totals = df.groupby(["dimension", "value"])["clauses"].transform("sum")
    df["share"] = (df["clauses"] / totals).round(4)
    return df.sort_values(["dimension", "value", "clauses", "label"], ascending=[True, True, False, True],
                          ignore_index=True)[COLUMNS]
