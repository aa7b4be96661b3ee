"""Per-run cache of the structures every narrative rule reads (sentences, statements, links).

Rules receive a :class:`~nlp.rules.registry.RuleContext`; building the sentences once per
document keeps each rule a few lines and the whole check fast.
"""

from __future__ import annotations

from typing import Any

from ..records import Claim
from .statements import Sentence, Statement, build_sentences


def narrative_claims(ctx: Any) -> list[Claim]:
    """The context's claims that have offsets (the ones the narrative rules can place)."""
    return [c for c in (ctx.claims or []) if getattr(c, "start", None) is not None]


def sentences(ctx: Any) -> list[Sentence]:
    cache = ctx.extra.setdefault("_checks", {})
    if "sentences" not in cache:
        cache["sentences"] = build_sentences(ctx.doc, narrative_claims(ctx), ctx.sections or [])
    return cache["sentences"]


def sentence_index(ctx: Any, pos: int) -> int | None:
    """Index in :func:`sentences` of the sentence holding offset ``pos`` (None outside them)."""
    import bisect

    sents = sentences(ctx)
    k = bisect.bisect_right([s.start for s in sents], pos) - 1
    return k if k >= 0 and sents[k].start <= pos < sents[k].end else None


def sentence_of(ctx: Any, claim: Claim) -> Sentence | None:
    """The sentence holding ``claim``."""
    k = sentence_index(ctx, claim.start)
    return None if k is None else sentences(ctx)[k]


def statement_of(ctx: Any, level: Claim) -> Statement | None:
    """The statement whose level ``level`` is, in the figure's own sentence (a map built once per run)."""
    cache = ctx.extra.setdefault("_checks", {})
    if "by_level" not in cache:
        by_level: dict[int, Statement] = {}
        for s in sentences(ctx):
            for st in s.statements:
                if st.level is not None:  # the first: a later sentence may carry the level on (its changes)
                    by_level.setdefault(id(st.level), st)
        cache["by_level"] = by_level
    return cache["by_level"].get(id(level))


def heading_between(ctx: Any, a: int, b: int, max_level: int | None = None) -> bool:
    """Does a section heading (not a table; of level ``max_level`` or above, when given) start on a
    line after offset ``a``'s, up to ``b``'s?"""
    la, lb = ctx.doc.line_of(a), ctx.doc.line_of(b)
    return any(getattr(s, "kind", "") != "表" and la < s.start_line <= lb
               and (max_level is None or getattr(s, "level", 9) <= max_level) for s in ctx.sections or [])


def statements(ctx: Any) -> list[Statement]:
    return [st for s in sentences(ctx) for st in s.statements]
