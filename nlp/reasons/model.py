"""The reason classifier: character n-gram TF-IDF + one-vs-rest logistic regression, saved safely.

The model is stored as plain data, never a pickle: ``models/reasons.json`` (labels, vectoriser
settings, vocabulary, thresholds, training summary) and ``models/reasons.npz`` (idf, coefficients,
intercepts; read with ``allow_pickle=False``). Loading rebuilds a scikit-learn ``TfidfVectorizer``
from the vocabulary and idf, so predictions are exactly the trained pipeline's.

Training is reproducible: examples are sorted, the solver is deterministic (liblinear) and every
random choice takes a fixed seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..resources import model_path
from .lexicon import LABELS

SEED = 13
VECTORIZER = {"analyzer": "char_wb", "ngram_range": [1, 2], "sublinear_tf": True, "min_df": 1,
              "lowercase": False, "norm": "l2"}
CLASSIFIER = {"C": 2.0, "class_weight": "balanced", "solver": "liblinear"}
USE_PREFIX = "〔用〕"  # marks a use clause (主要用于…) in the model input


def model_input(text: str, kind: str = "reason") -> str:
    """The string the model reads: the clause, prefixed with a marker for a use clause."""
    return (USE_PREFIX if kind == "use" else "") + text


@dataclass
class ReasonModel:
    """A trained classifier in plain arrays."""

    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_labels, n_features)
    intercept: np.ndarray  # (n_labels,)
    thresholds: dict[str, float]
    vectorizer: dict[str, Any] = field(default_factory=lambda: dict(VECTORIZER))
    info: dict[str, Any] = field(default_factory=dict)
    _vec: Any = None

    def _vectorizer(self):
        if self._vec is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            params = dict(self.vectorizer)
            params["ngram_range"] = tuple(params["ngram_range"])
            vec = TfidfVectorizer(**params)
            vec.vocabulary_ = dict(self.vocabulary)
            vec.idf_ = np.asarray(self.idf, dtype=np.float64)
            self._vec = vec
        return self._vec

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n_texts, n_labels) probabilities, one independent sigmoid per label."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        x = self._vectorizer().transform(list(texts))
        z = x @ self.coef.T + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    # -- persistence -------------------------------------------------------------------------
    def save(self, stem: Path | None = None) -> tuple[Path, Path]:
        """Write ``<stem>.json`` and ``<stem>.npz``; return both paths."""
        stem = stem or model_path("reasons")
        stem.parent.mkdir(parents=True, exist_ok=True)
        jpath, npath = stem.with_suffix(".json"), stem.with_suffix(".npz")
        vocab = sorted(self.vocabulary.items(), key=lambda kv: kv[1])
        meta = {"format": "shuoming-reasons-1", "labels": self.labels, "vectorizer": self.vectorizer,
                "thresholds": {k: round(float(v), 4) for k, v in self.thresholds.items()},
                "vocabulary": [t for t, _ in vocab], "info": self.info}
        jpath.write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        with open(npath, "wb") as fh:
            np.savez_compressed(fh, idf=self.idf.astype(np.float32), coef=self.coef.astype(np.float32),
                                intercept=self.intercept.astype(np.float32))
        return jpath, npath

    @classmethod
    def load(cls, stem: Path | None = None) -> "ReasonModel":
        """Read a saved model (no pickle: arrays are loaded with ``allow_pickle=False``)."""
        stem = stem or model_path("reasons")
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("format") != "shuoming-reasons-1":
            raise ValueError(f"{stem}.json: unknown model format {meta.get('format')!r}")
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arr:
            idf, coef, intercept = arr["idf"], arr["coef"], arr["intercept"]
        vocab = {t: i for i, t in enumerate(meta["vocabulary"])}
        return cls(labels=list(meta["labels"]), vocabulary=vocab, idf=idf.astype(np.float64),
                   coef=coef.astype(np.float64), intercept=intercept.astype(np.float64),
                   thresholds=dict(meta["thresholds"]), vectorizer=meta["vectorizer"], info=meta.get("info", {}))


def fit(texts: Sequence[str], label_sets: Sequence[Sequence[str]], labels: Sequence[str] = LABELS,
        thresholds: dict[str, float] | None = None) -> ReasonModel:
    """Train on (model input, labels) pairs; labels without a positive example get a never-firing row."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    params = dict(VECTORIZER)
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = TfidfVectorizer(**params)
    x = vec.fit_transform(list(texts))
    coef = np.zeros((len(labels), x.shape[1]))
    intercept = np.full(len(labels), -10.0)
    for k, label in enumerate(labels):
        y = np.array([label in ls for ls in label_sets], dtype=int)
        if y.sum() == 0 or y.sum() == len(y):
            continue
        clf = LogisticRegression(random_state=SEED, max_iter=2000, **CLASSIFIER)
        clf.fit(x, y)
        coef[k] = clf.coef_[0]
        intercept[k] = clf.intercept_[0]
    vocab = {t: int(i) for t, i in vec.vocabulary_.items()}
    return ReasonModel(labels=list(labels), vocabulary=vocab, idf=np.asarray(vec.idf_), coef=coef,
                       intercept=intercept, thresholds=dict(thresholds or {l: 0.5 for l in labels}),
                       vectorizer=dict(VECTORIZER))
