"""Domain data for tables, read from ``lexicons/`` (never hard-coded here).

* ``gfs_function.tsv`` / ``gfs_economic.tsv`` — national 功能分类 and 经济分类 codes and names;
* ``table_titles.tsv`` — canonical table ids with title patterns and header keywords;
* ``table_columns.tsv`` — each table's value columns in template order, with header aliases;
* ``table_rows.tsv`` — row names the rules look up (本年收入合计, 年初结转和结余 …).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import read_lexicon_lines
from ..sections import cue_patterns

_SPACE = regex.compile(r"\s+")
_QUOTES = regex.compile(r"[\"“”'‘’「」]")


def squash(text: str) -> str:
    """Comparison form: no spaces or quotes, ASCII parentheses."""
    text = text.replace("（", "(").replace("）", ")")
    return _QUOTES.sub("", _SPACE.sub("", text))


@dataclass(frozen=True)
class TableKind:
    id: str
    kind: str
    shape: str
    title: str
    pattern: "regex.Pattern[str]"
    header: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=None)
def table_kinds() -> tuple[TableKind, ...]:
    out = []
    for line in read_lexicon_lines("table_titles.tsv"):
        parts = line.split("\t") + [""] * 6
        tid, kind, shape, title, pat, header = (p.strip() for p in parts[:6])
        alts = tuple(tuple(k for k in alt.split("+") if k) for alt in header.split(";") if alt.strip())
        out.append(TableKind(tid, kind, shape, title, regex.compile(pat), alts))
    return tuple(out)


def kind_of(table_id: str) -> TableKind | None:
    base = table_id.split("-")[0]
    for k in table_kinds():
        if k.id == base:
            return k
    return None


@lru_cache(maxsize=None)
def _columns() -> dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]]:
    out: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for line in read_lexicon_lines("table_columns.tsv"):
        tid, side, col, aliases = (line.split("\t") + ["", "", "", ""])[:4]
        names = tuple(squash(a) for a in aliases.split(",") if a.strip()) or (squash(col),)
        out.setdefault((tid.strip(), side.strip()), []).append((col.strip(), names))
    return {k: tuple(v) for k, v in out.items()}


def template_columns(table_id: str, side: str | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(canonical column, aliases) of a table (and side), in template order."""
    return list(_columns().get((table_id, side or "-"), ()))


def _whole_label(alias: str) -> str:
    """Pattern of a literal row alias: the whole squashed label, nothing more."""
    return "^" + regex.escape(squash(alias)) + "$"


@lru_cache(maxsize=None)
def row_aliases() -> dict[str, tuple["regex.Pattern[str]", ...]]:
    out: dict[str, list] = {}
    for line in read_lexicon_lines("table_rows.tsv"):
        key, _, aliases = line.partition("\t")
        out.setdefault(key.strip(), []).extend(cue_patterns(aliases, _whole_label))
    return {k: tuple(v) for k, v in out.items()}


def row_is(label: str, key: str) -> bool:
    """Does a row label (any spelling) name the row ``key`` of ``table_rows.tsv``?"""
    s = strip_ordinal(squash(label))
    return any(p.search(s) for p in row_aliases().get(key, ()))


def _read_codes(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in read_lexicon_lines(name):
        parts = line.split("\t")
        code = parts[0].strip()
        names = [squash(parts[1])] if len(parts) > 1 else []
        if len(parts) > 2:
            names += [squash(n) for n in parts[2].split(",") if n.strip()]
        out[code] = tuple(names)
    return out


@lru_cache(maxsize=None)
def function_codes() -> dict[str, tuple[str, ...]]:
    """功能分类 code → names (first = current name)."""
    return _read_codes("gfs_function.tsv")


@lru_cache(maxsize=None)
def economic_codes() -> dict[str, tuple[str, ...]]:
    """经济分类 code → names (first = current name)."""
    return _read_codes("gfs_economic.tsv")


def code_names(code: str) -> tuple[str, ...]:
    table = economic_codes() if code.startswith("3") else function_codes()
    return table.get(code, ())


_ORDINAL = regex.compile(r"^[一二三四五六七八九十]+[、.．]\s*|^[(（][一二三四五六七八九十\d]+[)）]\s*|^\d{1,2}[.．、]\s*|^其中[:：]?\s*")


def strip_ordinal(label: str) -> str:
    """``一、一般公共服务支出`` → ``一般公共服务支出``; ``其中:(一)因公出国`` → ``因公出国``."""
    prev = None
    while prev != label:
        prev = label
        label = _ORDINAL.sub("", label)
    return label


def similarity(a: str, b: str) -> float:
    """Character-multiset overlap (Dice) — robust to OCR-swapped or split label halves."""
    if not a or not b:
        return 0.0
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    common = sum((ca & cb).values())
    return 2 * common / (len(a) + len(b))


@lru_cache(maxsize=4096)
def class_code_for(label: str, min_sim: float = 0.75) -> tuple[str, str] | None:
    """(code, canonical name) of the 功能分类 类 a statement row label names, or None.

    Exact names first, then the most similar 类 name (OCR: ``八、社会保障和成业支出``)."""
    name = strip_ordinal(squash(label))
    if not name:
        return None
    best: tuple[float, str, str] | None = None
    for code, names in function_codes().items():
        if len(code) != 3:
            continue
        for n in names:
            if n == name:
                return code, names[0]
            s = similarity(n, name)
            if best is None or s > best[0]:
                best = (s, code, names[0])
    if best and best[0] >= min_sim:
        return best[1], best[2]
    return None
