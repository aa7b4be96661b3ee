"""The reason classifier: n-gram TF-IDF plus cue, kind and direction features, saved safely.

Features of a clause (all read from :func:`.text.classifier_text`, so gold text copied from raw
input and clauses of normalised documents look alike):

* character 1–2-grams (TF-IDF, ``char_wb``) — robust to OCR damage and unseen words;
* jieba words and word bigrams with the project's user dictionary (``lexicons/jieba_user.txt``,
  :mod:`nlp.claims.segment`), weighted ``WORD_WEIGHT``;
* one feature per label whose cue phrases fire (``lexicons/reason_cue_labels.tsv``), weighted
  ``RULE_WEIGHT`` — the model learns how far to trust each label's cues;
* the kind (a use, 主要用于…) and the direction of the statement explained (增加/减少/大于/小于/持平).

One logistic regression per label (one-vs-rest, balanced class weights). Per-label thresholds are
tuned on held-out predictions of the training data itself (``INNER_FOLDS`` folds grouped by
document), so cross-validation stays nested: a test fold never sets a threshold.

Stored as plain data, never a pickle: ``models/reasons.json`` (labels, settings, vocabularies,
thresholds, training summary) and ``models/reasons.npz`` (idf vectors, coefficients, intercepts;
read with ``allow_pickle=False``). Training is reproducible: examples sorted, deterministic solver
(liblinear), fixed seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..resources import model_path
from .lexicon import LABELS
from .text import classifier_text

SEED = 13
FORMAT = "shuoming-reasons-2"
CHAR = {"analyzer": "char_wb", "ngram_range": [1, 2], "sublinear_tf": True, "min_df": 1, "lowercase": False,
        "norm": "l2"}
WORD = {"analyzer": "word", "token_pattern": r"\S+", "ngram_range": [1, 2], "sublinear_tf": True, "min_df": 1,
        "lowercase": False, "norm": "l2"}
WORD_WEIGHT = 0.5
RULE_WEIGHT = 3.0
DIRECTIONS = ("增加", "减少", "大于", "小于", "持平")
CLASSIFIER = {"C": 4.0, "class_weight": "balanced", "solver": "liblinear"}
INNER_FOLDS = 3
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.15, 0.9, 0.05))
MIN_POSITIVES_TO_TUNE = 3


@dataclass(frozen=True)
class Item:
    """What the classifier reads about one clause."""

    text: str
    kind: str = "reason"  # reason | use
    direction: str | None = None  # of the statement explained (the cue's own direction first)


def _words(text: str) -> str:
    from ..claims.segment import cut

    return " ".join(t for t in cut(text) if t.strip())


def _extra(item: Item, prepared: str) -> list[float]:
    from .classify import rule_labels

    rules = set(rule_labels(prepared))
    return ([RULE_WEIGHT * (l in rules) for l in LABELS] + [1.0 * (item.kind == "use")]
            + [1.0 * (item.direction == d) for d in DIRECTIONS])


def _vectorizer(params: dict[str, Any], vocabulary: dict[str, int] | None = None, idf=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    p = dict(params)
    p["ngram_range"] = tuple(p["ngram_range"])
    vec = TfidfVectorizer(**p)
    if vocabulary is not None:
        vec.vocabulary_ = dict(vocabulary)
        vec.idf_ = np.asarray(idf, dtype=np.float64)
    return vec


@dataclass
class ReasonModel:
    """A trained classifier in plain arrays."""

    labels: list[str]
    char_vocab: dict[str, int]
    char_idf: np.ndarray
    word_vocab: dict[str, int]
    word_idf: np.ndarray
    coef: np.ndarray  # (n_labels, n_features): char | word | extra
    intercept: np.ndarray  # (n_labels,)
    thresholds: dict[str, float]
    info: dict[str, Any] = field(default_factory=dict)
    _vecs: Any = None

    def features(self, items: Sequence[Item]):
        """Sparse feature matrix of ``items`` (char | word | cue, kind, direction)."""
        from scipy.sparse import csr_matrix, hstack

        if self._vecs is None:
            self._vecs = (_vectorizer(CHAR, self.char_vocab, self.char_idf),
                          _vectorizer(WORD, self.word_vocab, self.word_idf))
        prepared = [classifier_text(i.text) for i in items]
        cv, wv = self._vecs
        return hstack([cv.transform(prepared), WORD_WEIGHT * wv.transform([_words(p) for p in prepared]),
                       csr_matrix([_extra(i, p) for i, p in zip(items, prepared)])]).tocsr()

    def predict_proba(self, items: Sequence[Item]) -> np.ndarray:
        """(n_items, n_labels) probabilities, one independent sigmoid per label."""
        if not items:
            return np.zeros((0, len(self.labels)))
        z = self.features(items) @ self.coef.T + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    # -- persistence -------------------------------------------------------------------------
    def save(self, stem: Path | None = None) -> tuple[Path, Path]:
        """Write ``<stem>.json`` and ``<stem>.npz``; return both paths."""
        stem = stem or model_path("reasons")
        stem.parent.mkdir(parents=True, exist_ok=True)
        jpath, npath = stem.with_suffix(".json"), stem.with_suffix(".npz")

        def ordered(vocab):
            return [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]

        meta = {"format": FORMAT, "labels": self.labels,
                "features": {"char": CHAR, "word": WORD, "word_weight": WORD_WEIGHT, "rule_weight": RULE_WEIGHT,
                             "extra": [f"rule:{l}" for l in LABELS] + ["kind:use"] + [f"direction:{d}" for d in DIRECTIONS]},
                "thresholds": {k: round(float(v), 4) for k, v in self.thresholds.items()},
                "char_vocabulary": ordered(self.char_vocab), "word_vocabulary": ordered(self.word_vocab),
                "info": self.info}
        jpath.write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        with open(npath, "wb") as fh:
            np.savez_compressed(fh, char_idf=self.char_idf.astype(np.float32), word_idf=self.word_idf.astype(np.float32),
                                coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32))
        return jpath, npath

    @classmethod
    def load(cls, stem: Path | None = None) -> "ReasonModel":
        """Read a saved model (no pickle: arrays are loaded with ``allow_pickle=False``)."""
        stem = stem or model_path("reasons")
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{stem}.json: unknown model format {meta.get('format')!r}; run `shuoming train reasons`")
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arr:
            a = {k: arr[k].astype(np.float64) for k in ("char_idf", "word_idf", "coef", "intercept")}
        return cls(labels=list(meta["labels"]),
                   char_vocab={t: i for i, t in enumerate(meta["char_vocabulary"])}, char_idf=a["char_idf"],
                   word_vocab={t: i for i, t in enumerate(meta["word_vocabulary"])}, word_idf=a["word_idf"],
                   coef=a["coef"], intercept=a["intercept"], thresholds=dict(meta["thresholds"]),
                   info=meta.get("info", {}))


def _fit_base(items: Sequence[Item], label_sets: Sequence[Sequence[str]],
              labels: Sequence[str] = LABELS) -> ReasonModel:
    """Vectorisers and one logistic regression per label; thresholds 0.5."""
    from sklearn.linear_model import LogisticRegression

    prepared = [classifier_text(i.text) for i in items]
    cv = _vectorizer(CHAR)
    cv.fit(prepared)
    wv = _vectorizer(WORD)
    wv.fit([_words(p) for p in prepared])
    model = ReasonModel(labels=list(labels), char_vocab={t: int(i) for t, i in cv.vocabulary_.items()},
                        char_idf=np.asarray(cv.idf_), word_vocab={t: int(i) for t, i in wv.vocabulary_.items()},
                        word_idf=np.asarray(wv.idf_), coef=np.zeros((len(labels), 0)),
                        intercept=np.full(len(labels), -10.0), thresholds={l: 0.5 for l in labels})
    x = model.features(items)
    model.coef = np.zeros((len(labels), x.shape[1]))
    for k, label in enumerate(labels):
        y = np.array([label in ls for ls in label_sets], dtype=int)
        if y.sum() == 0 or y.sum() == len(y):
            continue
        clf = LogisticRegression(random_state=SEED, max_iter=2000, **CLASSIFIER)
        clf.fit(x, y)
        model.coef[k] = clf.coef_[0]
        model.intercept[k] = clf.intercept_[0]
    return model


def group_folds(groups: Sequence[str], k: int) -> list[int]:
    """Fold per example: groups (documents) dealt round-robin in a seeded order."""
    names = sorted(set(groups))
    np.random.RandomState(SEED).shuffle(names)
    where = {g: i % k for i, g in enumerate(names)}
    return [where[g] for g in groups]


def tune_thresholds(probs: np.ndarray, label_sets: Sequence[Sequence[str]],
                    labels: Sequence[str] = LABELS) -> dict[str, float]:
    """Per label, the grid threshold with the best F1 on held-out probabilities (0.5 if too few positives)."""
    out = {}
    for k, label in enumerate(labels):
        y = np.array([label in ls for ls in label_sets])
        best_f, best_t = -1.0, 0.5
        if y.sum() >= MIN_POSITIVES_TO_TUNE:
            for t in THRESHOLD_GRID:
                pred = probs[:, k] >= t
                tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
                f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
                if f > best_f + 1e-9:
                    best_f, best_t = f, t
        out[label] = float(best_t)
    return out


def fit(items: Sequence[Item], label_sets: Sequence[Sequence[str]], groups: Sequence[str] | None = None,
        labels: Sequence[str] = LABELS, inner_folds: int = INNER_FOLDS) -> ReasonModel:
    """Train on ``items``; with ``groups`` (document per item), tune per-label thresholds on
    ``inner_folds`` held-out predictions of these items, folds grouped by document."""
    model = _fit_base(items, label_sets, labels)
    if groups is None or len(set(groups)) < inner_folds:
        return model
    fold = group_folds(groups, inner_folds)
    oof = np.zeros((len(items), len(labels)))
    for f in range(inner_folds):
        tr = [i for i, g in enumerate(fold) if g != f]
        te = [i for i, g in enumerate(fold) if g == f]
        m = _fit_base([items[i] for i in tr], [label_sets[i] for i in tr], labels)
        oof[te] = m.predict_proba([items[i] for i in te])
    model.thresholds = tune_thresholds(oof, label_sets, labels)
    return model
