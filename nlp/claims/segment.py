"""jieba segmentation with the project's user dictionary (``lexicons/jieba_user.txt``).

The dictionary holds budget terms, 功能分类 / 经济分类 names, the 三公 items, units and the cue
words of explanations, so that ``一般公共预算财政拨款收入``, ``公务用车运行维护费`` and ``万元``
come out as single tokens. Subjects are cut on token boundaries (:mod:`nlp.claims.subjects`),
and the spaCy pipeline (:mod:`nlp.claims.pipeline`) uses the same jieba instance.

Loading jieba's main dictionary costs about a second, so it is done once and lazily; the
extractor segments only the sentences that hold claims.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from ..resources import lexicon_path

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def user_words() -> tuple[tuple[str, int, str | None], ...]:
    """(word, frequency, POS) rows of ``lexicons/jieba_user.txt`` (comments skipped)."""
    rows = []
    for line in lexicon_path("jieba_user.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 100000
        tag = parts[2] if len(parts) > 2 else None
        rows.append((word, freq, tag))
    return tuple(rows)


@lru_cache(maxsize=1)
def tokenizer():
    """The global jieba tokenizer, initialised once with the user dictionary added."""
    import jieba

    with _LOCK:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word, freq, tag in user_words():
            jieba.add_word(word, freq, tag)
    return jieba.dt


def cut(text: str) -> list[str]:
    """Tokens of ``text`` (precise mode; no HMM, so unknown words never swallow our terms)."""
    return list(tokenizer().cut(text, HMM=False))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for every token of ``text``; offsets index ``text``."""
    out = []
    pos = 0
    for tok in cut(text):
        out.append((pos, pos + len(tok), tok))
        pos += len(tok)
    return out


def boundaries(text: str) -> set[int]:
    """Token boundary offsets of ``text`` (0 and len(text) included)."""
    b = {0, len(text)}
    for s, e, _ in token_spans(text):
        b.add(s)
        b.add(e)
    return b
