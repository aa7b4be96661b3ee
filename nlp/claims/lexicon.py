"""Domain data for claims, read once from ``lexicons/`` (units, cue words, bases, aliases).

Kept out of code so that a new department's wording is a data change: ``claim_units.tsv``
(unit → category), ``claim_cues.tsv`` (direction, flat, approximation, kind cues),
``claim_bases.tsv`` (base patterns), ``claim_not_numbers.txt`` (names containing numerals) and
``subject_aliases.tsv`` (canonical subject keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import read_lexicon_lines


@dataclass(frozen=True)
class Cues:
    """Cue words by role; every tuple is sorted longest first."""

    units: dict[str, str]
    unit_blockers: dict[str, str]  # unit -> regex of what may not follow it
    directions: tuple[tuple[str, str], ...]  # (word, direction)
    flat: tuple[str, ...]
    approx_before: tuple[tuple[str, str], ...]  # (word, canonical)
    approx_after: tuple[tuple[str, str], ...]
    kind_words: dict[str, tuple[str, ...]]  # kind -> plain words
    kind_patterns: dict[str, tuple["regex.Pattern[str]", ...]]  # kind -> patterns (anchored at $)
    grades: tuple[str, ...]
    bases: tuple[tuple[str, "regex.Pattern[str]"], ...]
    not_numbers: tuple[str, ...]
    not_number_patterns: tuple["regex.Pattern[str]", ...]


def _split(words: str) -> list[str]:
    return [w.strip() for w in words.split(",") if w.strip()]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """All claim cue data (cached)."""
    units: dict[str, str] = {}
    blockers: dict[str, str] = {}
    for line in read_lexicon_lines("claim_units.tsv"):
        unit, cat, block = (line.split("\t") + ["", ""])[:3]
        units.setdefault(unit.strip(), cat.strip())
        if block.strip():
            blockers[unit.strip()] = block.strip()
    directions: list[tuple[str, str]] = []
    flat: list[str] = []
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    words: dict[str, list[str]] = {}
    pats: dict[str, list[regex.Pattern[str]]] = {}
    grades: list[str] = []
    for line in read_lexicon_lines("claim_cues.tsv"):
        role, value, items = (line.split("\t") + ["", ""])[:3]
        for w in ([items.strip()] if items.strip().startswith("re:") else _split(items)):
            if role == "direction":
                directions.append((w, value))
            elif role == "flat":
                flat.append(w)
            elif role == "approx_before":
                before.append((w, value))
            elif role == "approx_after":
                after.append((w, value))
            elif role == "grade":
                grades.append(w)
            elif w.startswith("re:"):
                pats.setdefault(value, []).append(regex.compile(w[3:]))
            else:
                words.setdefault(value, []).append(w)
    bases = []
    for line in read_lexicon_lines("claim_bases.tsv"):
        base, _, pat = line.partition("\t")
        bases.append((base.strip(), regex.compile(pat.strip())))
    by_len = lambda t: -len(t[0])  # noqa: E731
    return Cues(
        units=units,
        unit_blockers=blockers,
        directions=tuple(sorted(directions, key=by_len)),
        flat=tuple(sorted(flat, key=len, reverse=True)),
        approx_before=tuple(sorted(before, key=by_len)),
        approx_after=tuple(sorted(after, key=by_len)),
        kind_words={k: tuple(sorted(v, key=len, reverse=True)) for k, v in words.items()},
        kind_patterns={k: tuple(v) for k, v in pats.items()},
        grades=tuple(sorted(grades, key=len, reverse=True)),
        bases=tuple(bases),
        not_numbers=tuple(w for w in read_lexicon_lines("claim_not_numbers.txt") if not w.startswith("re:")),
        not_number_patterns=tuple(regex.compile(w[3:]) for w in read_lexicon_lines("claim_not_numbers.txt")
                                  if w.startswith("re:")),
    )


@lru_cache(maxsize=1)
def subject_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, key) pairs from ``subject_aliases.tsv``, longest alias first.

    Each row is ``key<TAB>alias,alias,…``; the key itself is also an alias. Aliases are compared
    with spaces, quotes and brackets removed (see :func:`nlp.claims.subjects.squash`).
    """
    from .subjects import squash

    pairs: list[tuple[str, str]] = []
    for line in read_lexicon_lines("subject_aliases.tsv"):
        key, _, aliases = line.partition("\t")
        key = key.strip()
        for a in [key] + _split(aliases):
            pairs.append((squash(a), key))
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))
