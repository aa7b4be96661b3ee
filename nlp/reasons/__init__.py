"""Reasons: the stated reasons for every variance, split into clauses and labelled (issue 6).

- :func:`extract_reasons` — the stage entry point: ``Document`` → list of :class:`~nlp.records.Clause`
  (one per clause of each explanation, plus ``reason_missing`` records);
- :func:`pattern_stats` — label frequencies by claim subject, direction, document kind and year;
- :mod:`.cues`, :mod:`.finder` — cue phrases and explanation extents; :mod:`.split` — clauses;
  :mod:`.classify`, :mod:`.model` — labels (model + cue rules); :mod:`.figures` — directions;
  :mod:`.amounts` — amounts in clauses; :mod:`.gold`, :mod:`.evaluate`, :mod:`.train` — data and scores.

See docs/reasons.md.
"""

from __future__ import annotations

from .extract import extract_reasons
from .stats import pattern_stats

__all__ = ["extract_reasons", "pattern_stats"]
