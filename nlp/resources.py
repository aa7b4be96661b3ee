"""Locate the project's data folders (``lexicons/``, ``models/``, ``corpora/``).

Domain data lives in files, not code. The folders sit beside the ``nlp`` package in a checkout
(the README installs it editable); ``SHUOMING_HOME`` points elsewhere when needed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def home() -> Path:
    """The project root holding ``lexicons/`` and ``models/``."""
    env = os.environ.get("SHUOMING_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def lexicon_path(name: str) -> Path:
    """Path of a file in ``lexicons/``."""
    return home() / "lexicons" / name


def model_path(name: str) -> Path:
    """Path of a file in ``models/``."""
    return home() / "models" / name


def corpus_path(*parts: str) -> Path:
    """Path inside ``corpora/``."""
    return home().joinpath("corpora", *parts)


@lru_cache(maxsize=None)
def read_lexicon_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a lexicon text file, stripped."""
    out = []
    for line in lexicon_path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
