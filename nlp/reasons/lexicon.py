"""Loaders for the reason lexicons in ``lexicons/`` (cue phrases, cue directions, label cues).

Domain words are data, not code: editing a TSV changes what the reasons stage finds without a
code change. Each loader is cached; the files are small.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import read_lexicon_lines

LABELS: tuple[str, ...] = (
    "personnel", "new_task", "task_ended", "midyear_adjustment", "payment_timing", "vehicles",
    "forecast", "austerity", "institutional_reform", "external_shock", "policy_change",
    "funding_source", "operations", "vague",
)
"""The fixed label ids of docs/reasons-taxonomy.md, in taxonomy order."""


@dataclass(frozen=True)
class CuePattern:
    """One row of ``lexicons/reason_cues.tsv``."""

    kind: str  # reason | use
    strength: str  # strong | weak
    pattern: "regex.Pattern[str]"


def _rows(name: str, ncols: int) -> list[list[str]]:
    out = []
    for line in read_lexicon_lines(name):
        parts = line.split("\t")
        if len(parts) < ncols:
            raise ValueError(f"lexicons/{name}: expected {ncols} tab-separated columns: {line!r}")
        out.append(parts[: ncols - 1] + ["\t".join(parts[ncols - 1:])])
    return out


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[CuePattern, ...]:
    """Cue phrases that introduce an explanation, in file order."""
    return tuple(CuePattern(kind.strip(), strength.strip(), regex.compile(pat.strip()))
                 for kind, strength, pat in _rows("reason_cues.tsv", 3))


@lru_cache(maxsize=1)
def direction_patterns() -> tuple[tuple[str, "regex.Pattern[str]"], ...]:
    """(direction, pattern) rows: the direction a cue's own words assert."""
    return tuple((d.strip(), regex.compile(p.strip())) for d, p in _rows("reason_directions.tsv", 2))


def _kind_alternations(name: str) -> dict[str, "regex.Pattern[str]"]:
    """``kind<TAB>pattern`` rows of ``lexicons/<name>``: one alternation per kind, rows in file order."""
    rows: dict[str, list[str]] = {}
    for kind, pat in _rows(name, 2):
        rows.setdefault(kind.strip(), []).append(f"(?:{pat.strip()})")
    return {k: regex.compile("|".join(v)) for k, v in rows.items()}


@lru_cache(maxsize=1)
def list_item_patterns() -> dict[str, "regex.Pattern[str]"]:
    """``name_end``, ``tail`` and ``predicate`` patterns of ``lexicons/reason_list_items.tsv`` (one alternation each)."""
    return _kind_alternations("reason_list_items.tsv")


@lru_cache(maxsize=1)
def non_body_patterns() -> dict[str, "regex.Pattern[str]"]:
    """``pointer``, ``placeholder`` and ``table_word`` patterns of ``lexicons/reason_non_bodies.tsv`` (one
    alternation each): text after a cue that is not an explanation."""
    return _kind_alternations("reason_non_bodies.tsv")


LABEL_LEXICONS = {"taxonomy": "reason_cue_taxonomy.tsv", "legacy": "reason_cue_labels.tsv",
                  "taxonomy_v2": "reason_cue_taxonomy_v2.tsv"}
"""Label cue lexicons: ``taxonomy`` is frozen (written from docs/reasons-taxonomy.md and the
annotation guide without reading gold clauses) and is what the shipped model reads; ``taxonomy_v2``
is a second frozen lexicon written the same blind way, narrower per label (the label's kind of cause,
not a mere mention of an expense item), selectable with ``config["rules"] = ["taxonomy_v2"]``; ``legacy`` is
the earlier lexicon revised with the gold set in view, kept only to show how optimistic a
cross-validated score with it is (``shuoming eval reasons``)."""


@lru_cache(maxsize=4)
def label_cues(source: str = "taxonomy") -> tuple[tuple[str, "regex.Pattern[str]"], ...]:
    """(label, pattern) rows of a label cue lexicon (:data:`LABEL_LEXICONS`); unknown ids are an error."""
    name = LABEL_LEXICONS[source]
    rows = []
    for label, pat in _rows(name, 2):
        label = label.strip()
        if label not in LABELS:
            raise ValueError(f"lexicons/{name}: unknown label {label!r}")
        rows.append((label, regex.compile(pat.strip())))
    return tuple(rows)
