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
    stack: dict[str, list[float]] = field(default_factory=dict)  # label → [w_logit, w_rule, bias]
    _vec: Any = None

    def combine(self, probs: dict[str, float], rules: Sequence[str]) -> dict[str, float]:
        """Per-label probability from the model's logit and whether the label's cue rule fired.

        The weights are learnt on held-out predictions of the training data (:func:`fit`), so
        a label whose cue phrases are reliable leans on them and one whose model is better does not.
        Labels without stacking weights keep the model's probability.
        """
        out = {}
        for label, p in probs.items():
            w = self.stack.get(label)
            if not w:
                out[label] = p
                continue
            p = min(max(p, 1e-6), 1 - 1e-6)
            z = w[0] * float(np.log(p / (1 - p))) + w[1] * (1.0 if label in rules else 0.0) + w[2]
            out[label] = float(1.0 / (1.0 + np.exp(-z)))
        return out

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
                "vocabulary": [t for t, _ in vocab], "info": self.info,
                "stack": {k: [round(float(x), 6) for x in v] for k, v in self.stack.items()}}
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
                   thresholds=dict(meta["thresholds"]), vectorizer=meta["vectorizer"], info=meta.get("info", {}),
                   stack={k: list(v) for k, v in meta.get("stack", {}).items()})


def fit(texts: Sequence[str], label_sets: Sequence[Sequence[str]], labels: Sequence[str] = LABELS,
        thresholds: dict[str, float] | None = None, rule_sets: Sequence[Sequence[str]] | None = None,
        inner_folds: int = 3) -> ReasonModel:
    """Train on (model input, labels) pairs, then the per-label combination with the cue rules.

    ``rule_sets`` gives, per example, the labels whose cue phrases fire; when given, the
    combination weights are fitted on ``inner_folds`` held-out predictions of the training data.
    """
    base = _fit_base(texts, label_sets, labels, thresholds)
    if rule_sets is None or len(texts) < 4 * inner_folds:
        return base
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    oof = np.zeros((len(texts), len(labels)))
    idx = np.arange(len(texts))
    for tr, te in KFold(inner_folds, shuffle=True, random_state=SEED).split(idx):
        m = _fit_base([texts[i] for i in tr], [label_sets[i] for i in tr], labels, thresholds)
        oof[te] = m.predict_proba([texts[i] for i in te])
    for k, label in enumerate(labels):
        y = np.array([label in ls for ls in label_sets], dtype=int)
        if y.sum() < 2 or y.sum() == len(y):
            continue
        p = np.clip(oof[:, k], 1e-6, 1 - 1e-6)
        x = np.column_stack([np.log(p / (1 - p)), [1.0 if label in r else 0.0 for r in rule_sets]])
        clf = LogisticRegression(random_state=SEED, C=1.0, solver="liblinear")
        clf.fit(x, y)
        base.stack[label] = [float(clf.coef_[0][0]), float(clf.coef_[0][1]), float(clf.intercept_[0])]
    return base


def _fit_base(texts: Sequence[str], label_sets: Sequence[Sequence[str]], labels: Sequence[str] = LABELS,
              thresholds: dict[str, float] | None = None) -> ReasonModel:
    """The TF-IDF + one-vs-rest model alone; labels without a positive example never fire."""
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
