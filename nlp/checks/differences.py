"""Differences stated in prose: "资产总额 17,451.00 万元，…负债总额 1,236.44 万元，净资产 16,214.56 万元".

``narrative.difference``: an amount named as the difference of two others (``lexicons/differences.tsv``:
净资产 = 资产总额 − 负债总额) equals that difference within rounding, when all three are stated in the
same sentence or the two before it (a term after the result only in its own sentence). The subjects must be the whole ones (本单位资产总额, not 固定资产总额).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..interval import compare
from ..records import Claim, Finding
from ..resources import lexicon_path
from ..rules.registry import RuleContext, rule
from .common import MONEY_FACTOR, finding, fmt_iv, is_money, stated, wan
from .context import sentences

_WINDOW = 2  # sentences before the result's own that may state its terms
# what may stand before a whole's name: an owner or a date, nothing that narrows it
_OWNER = r"(?:本单位|本部门|单位|部门|本级|机关|全部|年末|期末|年初|截至\d{4}年(?:\d{1,2}月\d{1,2}日|底|末)?|\d{4}年(?:末|底)?)*"


@lru_cache(maxsize=1)
def differences() -> tuple[tuple["regex.Pattern", "regex.Pattern", "regex.Pattern", str], ...]:
    """(result, minuend, subtrahend, note) patterns of ``lexicons/differences.tsv``."""
    out = []
    for line in lexicon_path("differences.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        pats = [regex.compile(rf"^{_OWNER}(?:{c})$") for c in cols[:3]]
        out.append((*pats, cols[3] if len(cols) > 3 else ""))
    return tuple(out)


def _subject(c: Claim) -> str:
    return regex.sub(r"[\s\"“”'‘’:：]", "", c.subject or "")


@rule("narrative.difference", scope="narrative", doc="差额项 = 被减项 − 减项（净资产 = 资产总额 − 负债总额）")
def check_difference(ctx: RuleContext) -> Iterable[Finding]:
    sents = sentences(ctx)
    levels = [[st.level for st in s.statements if st.level is not None and is_money(st.level)
               and st.role == "level"] for s in sents]
    for k, here in enumerate(levels):
        pool = [c for s in levels[max(0, k - _WINDOW):k + 1] for c in s]
        for result in here:
            for res, minu, sub, note in differences():
                if not res.match(_subject(result)):
                    continue
                a = _last(pool, minu, result) or _first(here, minu, result)
                b = _last(pool, sub, result) or _first(here, sub, result)
                if a is None or b is None:
                    continue
                iv = wan(a) - wan(b)
                v = compare(result.value, iv * (1 / MONEY_FACTOR[result.unit]))
                msg = (f"{_subject(result)} 应为 {_subject(a)} {stated(a)}（第 {a.line} 行）− {_subject(b)} {stated(b)}"
                       f"（第 {b.line} 行）= {fmt_iv(iv)} 万元，文中为 {stated(result)}。")
                yield finding(ctx, "narrative.difference", result, v, msg, expected=f"{fmt_iv(iv)}万元",
                              evidence={"relation": note, "minuend_line": a.line, "subtrahend_line": b.line},
                              severity="high" if v == "inconsistent" else None, claims=[a, b])


def _last(pool: list[Claim], pattern: "regex.Pattern", result: Claim) -> Claim | None:
    """The last amount of ``pool`` before ``result`` whose subject is ``pattern``'s whole."""
    found = [c for c in pool if c is not result and c.start < result.start and pattern.match(_subject(c))]
    return found[-1] if found else None


def _first(sentence: list[Claim], pattern: "regex.Pattern", result: Claim) -> Claim | None:
    """The first amount after ``result`` in its own sentence whose subject is ``pattern``'s whole
    ("净资产 16,214.56 万元，负债总额 1,236.44 万元")."""
    return next((c for c in sentence if c.start > result.start and pattern.match(_subject(c))), None)
