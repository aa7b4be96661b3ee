"""Link an explanation to the claim it explains (``explains`` = the claim's ``group`` id).

Claims come from :func:`nlp.claims.extract_claims` when that module is importable (or are passed
in). Among the claims inside the explained statement, a relative claim (change, growth rate,
completion rate …) whose direction agrees with the statement is preferred, then any relative
claim, then any claim. Without claims the statement's own id ``s<offset>`` (its start offset in
``doc.text``) is used, so explanations of one statement still share an id.
"""

from __future__ import annotations

import bisect
from typing import Any, Sequence

RELATIVE = ("change", "growth_rate", "completion_rate", "flat", "not_comparable", "share")


def claims_for(doc: Any) -> list[Any] | None:
    """The claims of ``doc`` from :mod:`nlp.claims`, or None when the module is not available."""
    try:
        from ..claims import extract_claims
    except ImportError:
        return None
    return extract_claims(doc)


class ClaimIndex:
    """Claims sorted by start offset, for span look-ups."""

    def __init__(self, claims: Sequence[Any] | None):
        self.claims = sorted(claims or [], key=lambda c: c.start)
        self.starts = [c.start for c in self.claims]

    def within(self, start: int, end: int) -> list[Any]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.claims[lo:hi]

    def group_of(self, start: int, end: int, direction: str | None = None) -> str | None:
        """Group id of the claim a statement ``doc.text[start:end]`` is about, or None."""
        inside = [c for c in self.within(start, end) if getattr(c, "group", None)]
        if not inside:
            return None
        rel = [c for c in inside if c.kind in RELATIVE]
        if direction:
            agree = [c for c in rel if _same_side(c.direction, direction)]
            if agree:
                return agree[0].group
        return (rel or inside)[0].group


    def groups_in(self, start: int, end: int) -> list[str]:
        """Group ids of the relative claims in ``doc.text[start:end]`` ("其中" sub-statements too)."""
        out: list[str] = []
        for c in self.within(start, end):
            g = getattr(c, "group", None)
            if g and c.kind in RELATIVE and g not in out:
                out.append(g)
        return out


def _same_side(a: str | None, b: str | None) -> bool:
    plus, minus = {"增加", "大于"}, {"减少", "小于"}
    return bool(a and b) and ((a in plus and b in plus) or (a in minus and b in minus) or a == b)


def statement_id(start: int) -> str:
    """Fallback id of a statement without claims: ``s`` + its start offset in ``doc.text``."""
    return f"s{start}"
