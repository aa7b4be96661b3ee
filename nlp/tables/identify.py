"""Identify a table by meaning: its title against ``lexicons/table_titles.tsv``, else its header.

Documents rename and renumber tables (表7 is 政府性基金 in one, 三公 in another; "…基本支出决算
表" vs "…基本支出决算明细表"), so ids never come from the printed number.
"""

from __future__ import annotations

import regex

from .lexicon import TableKind, squash, table_kinds

_PREFIX = regex.compile(r"^表\s*\d+\s*|^\d{4}年度?|^[一二三四五六七八九十]+[、.]")
_YEARS = regex.compile(r"\d{4}年度?")


def clean_title(title: str) -> str:
    """Comparison form of a title: no 表N prefix, no years, no spaces/quotes."""
    t = squash(title)
    prev = None
    while prev != t:
        prev = t
        t = _PREFIX.sub("", t)
    return _YEARS.sub("", t)


def by_title(title: str) -> TableKind | None:
    t = clean_title(title)
    if not t:
        return None
    for k in table_kinds():
        if k.pattern.search(t):
            return k
    return None


def by_header(header_text: str) -> TableKind | None:
    h = squash(header_text)
    for k in table_kinds():
        for alt in k.header:
            if alt and all(word in h for word in alt):
                return k
    return None
