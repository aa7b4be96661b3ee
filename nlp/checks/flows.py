"""A stock and its flows stated in one sentence: "年初公务用车保有量 6 辆，本年更新购置 1 辆、报废处置 2 辆，
年末保有量 5 辆" — ``narrative.stock_flow``: 年末 = 年初 + Σ 增加 − Σ 减少 for counts of one unit.

The roles come from the words before each figure (``lexicons/stock_flows.tsv``); a sentence is
checked when it holds exactly one opening and one closing count of the unit, with at least one flow
between them, and every count of that unit between them is a flow.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Iterable

import regex

from ..records import Claim, Finding
from ..resources import read_lexicon_lines
from ..rules.registry import RuleContext, rule
from .common import clause_before, finding, stated
from .context import sentences
from .counts import _is_count, _unit


@lru_cache(maxsize=1)
def roles() -> dict[str, "regex.Pattern[str]"]:
    """Role → cue pattern of ``lexicons/stock_flows.tsv``."""
    out = {}
    for line in read_lexicon_lines("stock_flows.tsv"):
        role, pattern = line.split("\t", 1)
        out[role] = regex.compile(pattern.strip())
    return out


def role_of(text: str, c: Claim, after: int = 0) -> str | None:
    """opening, closing, inflow or outflow, from the words of the clause before the count (from
    ``after`` on: the end of the figure before it); the stock words win over the flow words (年末 …
    减少 is no outflow)."""
    left = clause_before(text, c.start, min(30, c.start - after))
    cues = roles()
    for role in ("opening", "closing", "inflow", "outflow"):
        if cues[role].search(left):
            return role
    return None


@rule("narrative.stock_flow", scope="narrative", doc="年末数 = 年初数 + 本年增加 − 本年减少（车辆、人员等个数）")
def check_stock_flow(ctx: RuleContext) -> Iterable[Finding]:
    text = ctx.doc.text
    for sent in sentences(ctx):
        counts = [c for c in sent.claims if _is_count(c)]
        for unit in dict.fromkeys(_unit(c) for c in counts):
            same = sorted((c for c in counts if _unit(c) == unit), key=lambda c: c.start)
            ends = {id(c): max((o.end for o in sent.claims if o.end <= c.start), default=0) for c in same}
            tagged = [(role_of(text, c, ends[id(c)]), c) for c in same]
            opening = [c for r, c in tagged if r == "opening"]
            closing = [c for r, c in tagged if r == "closing"]
            if len(opening) != 1 or len(closing) != 1 or opening[0].start > closing[0].start:
                continue
            a, z = opening[0], closing[0]
            between = [(r, c) for r, c in tagged if a.start < c.start < z.start]
            if not between or any(r not in ("inflow", "outflow") for r, _ in between):
                continue
            if any(c.value != c.value.to_integral_value() or c.approx for c in [a, z, *(c for _, c in between)]):
                continue  # whole things only
            net = sum((c.value if r == "inflow" else -c.value for r, c in between), Decimal(0))
            expected = a.value + net
            verdict = "consistent" if expected == z.value else "inconsistent"
            terms = "".join(f" {'+' if r == 'inflow' else '−'} {stated(c)}" for r, c in between)
            yield finding(ctx, "narrative.stock_flow", z, verdict,
                          f"年末 {stated(z)} 应为 年初 {stated(a)}{terms} = {expected}{unit}，文中为 {stated(z)}。",
                          expected=f"{expected}{unit}", evidence={"opening_line": a.line},
                          severity="high" if verdict == "inconsistent" else None,
                          claims=[a, *(c for _, c in between)])
