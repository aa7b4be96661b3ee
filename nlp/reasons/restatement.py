"""How far a clause only restates the statement it explains (annotation convention 2).

A clause that repeats the item and direction of the change it explains ("公务接待费减少" under
"公务接待费支出 3.2 万元，比上年减少 0.8 万元") gives no cause and is ``vague``. Character n-grams
cannot see that: the same words are a cause under another statement. These features compare the
clause with its statement:

* ``overlap`` — the share of the clause's Chinese character bigrams that also occur in the
  statement (0 when either is empty);
* ``restates`` — 1 when that share is at least :data:`RESTATES` (most of the clause is the statement);
* ``brevity`` — ``1 / (1 + n / 8)`` for a clause of ``n`` Chinese characters: a four-character clause
  scores 0.67, a forty-character one 0.17 (short clauses restate more often than long ones).
"""

from __future__ import annotations

import regex

_HAN = regex.compile(r"\p{Han}")
RESTATES = 0.6
NAMES = ("restate:overlap", "restate:restates", "restate:brevity")


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def overlap(clause: str, statement: str | None) -> float:
    """Share of the clause's Chinese bigrams found in ``statement`` (both already in classifier form)."""
    mine = _bigrams(clause)
    theirs = _bigrams(statement or "")
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine)


def features(clause: str, statement: str | None) -> list[float]:
    """``[overlap, restates, brevity]`` of a prepared clause and its prepared statement."""
    o = overlap(clause, statement)
    n = len(_HAN.findall(clause))
    return [o, 1.0 * (o >= RESTATES), 1.0 / (1 + n / 8)]
