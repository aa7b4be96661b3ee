"""Cue phrases: where an explanation starts and what it asserts.

A cue (``主要变动情况：``, ``决算数小于预算数的主要原因是``, ``主要用于`` …) is found with the patterns
of ``lexicons/reason_cues.tsv``. At one position the longest cue wins, and cues never overlap.
A cue of strength ``before`` states its cause before the change ("受A影响，B减少"): its named
group ``cause`` is the explanation (:attr:`Cue.cause`); such cues are kept apart from the others
(:func:`find_cues` ``before=True``), since "因A导致B增加" after a stated change is better read as a
weak 因 whose explanation runs to the end of the sentence.
The direction a cue asserts (``大于``/``小于``/``增加``/``减少``) is read from its own words with
``lexicons/reason_directions.tsv``; a neutral cue (``主要变动情况``, ``增减变动的主要原因``) has none.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import cue_patterns, direction_patterns

_TRAIL = regex.compile(r"[\s:：,，]*")


@dataclass
class Cue:
    """One cue phrase found in a text: ``start``/``end`` cover the cue; ``body`` is where its text begins."""

    start: int
    end: int
    body: int
    text: str
    kind: str  # reason | use
    strength: str  # strong | weak
    direction: str | None
    cause: tuple[int, int] | None = None  # strength "before": the cause stated before the change


def cue_direction(cue: str) -> str | None:
    """Direction asserted by a cue's own words, or None for a neutral cue."""
    for direction, pat in direction_patterns():
        if pat.search(cue):
            return direction
    return None


def find_cues(text: str, before: bool = False) -> list[Cue]:
    """All cue phrases in ``text``, left to right, longest first at a position, never overlapping.

    ``before=True``: only the cause-before-change cues (strength ``before``), else only the others.
    """
    found: list[tuple[int, int, int, object, tuple[int, int] | None]] = []
    for rank, cp in enumerate(cue_patterns()):
        if (cp.strength == "before") != before:
            continue
        for m in cp.pattern.finditer(text):
            if m.end() > m.start():
                cause = m.span("cause") if "cause" in cp.pattern.groupindex and m.group("cause") else None
                found.append((m.start(), -(m.end() - m.start()), rank, cp, cause))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Cue] = []
    last_end = -1
    for start, neg_len, _rank, cp, cause in found:
        end = start - neg_len
        if start < last_end:
            continue
        body = _TRAIL.match(text, end).end()
        words = text[start:end]
        out.append(Cue(start, end, body, words, cp.kind, cp.strength,  # type: ignore[attr-defined]
                       cue_direction(words) if cp.kind == "reason" else None, cause))  # type: ignore[attr-defined]
        last_end = end
    return out
