"""Train the reason classifier from the gold annotations and write it to ``models/``.

``train()`` is what ``shuoming train reasons`` runs: it reads every ``reasons-*.jsonl``, trains on
all gold clauses (sorted, fixed seeds), writes ``models/reasons.json`` + ``models/reasons.npz``
and records the data counts and the cross-validated scores in the model's ``info``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .evaluate import cross_validate, examples, segmentation
from .gold import load_gold
from .classify import rule_labels
from .model import CLASSIFIER, SEED, VECTORIZER, fit, model_input


def train(stem: Path | None = None, cv_folds: int = 5) -> dict[str, Any]:
    """Fit on all gold clauses, save, and return the summary written to the model card."""
    gold = load_gold()
    exs = examples(gold)
    if not exs:
        raise ValueError("no gold clauses found in corpora/annotations/reasons/reasons-*.jsonl")
    model = fit([model_input(x.text, x.kind) for x in exs], [x.labels for x in exs],
                rule_sets=[rule_labels(x.text) for x in exs])
    cv = cross_validate(exs, cv_folds)
    cv_model = cross_validate(exs, cv_folds, rules=False)
    seg = segmentation(gold)
    counts = Counter(l for x in exs for l in x.labels)
    info = {
        "seed": SEED, "vectorizer": VECTORIZER, "classifier": CLASSIFIER, "folds": cv_folds,
        "annotation_files": sorted({e.source for e in gold}),
        "explanations": len(gold), "clauses": len(exs), "documents": len({x.doc for x in exs}),
        "label_counts": {l: counts.get(l, 0) for l in model.labels},
        "cv": {"macro_f1": round(cv.macro_f1, 4), "micro_f1": round(cv.micro_f1, 4), "exact": round(cv.exact, 4),
               "per_label": {l: {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}
                             for l, s in cv.per_label.items()}},
        "cv_model_only": {"macro_f1": round(cv_model.macro_f1, 4), "micro_f1": round(cv_model.micro_f1, 4)},
        "segmentation_exact_match": round(seg["exact_match"], 4),
    }
    model.info = info
    jpath, _ = model.save(stem)
    write_card(info, jpath.with_suffix(".md"))
    return info


def write_card(info: dict[str, Any], path: Path) -> None:
    """The model card: data, labels with counts, cross-validated scores, how to rebuild."""
    lines = [
        "# Reason classifier (`models/reasons.json` + `models/reasons.npz`)", "",
        "Labels the clauses of stated explanations with the fixed ids of `docs/reasons-taxonomy.md`.",
        "Written by `shuoming train reasons` — do not edit by hand; rebuild with that command.", "",
        "## Model", "",
        f"- Character n-gram TF-IDF (`{info['vectorizer']['analyzer']}`, n = {info['vectorizer']['ngram_range'][0]}–"
        f"{info['vectorizer']['ngram_range'][1]}, sublinear tf) + one logistic regression per label "
        f"(one-vs-rest, C = {info['classifier']['C']}, balanced class weights, liblinear), seed {info['seed']}.",
        "- Combined with the cue-phrase rules of `lexicons/reason_cue_labels.tsv` where the model is unsure "
        "(`nlp/reasons/classify.py`).",
        "- Safe format: JSON (labels, vocabulary, thresholds, this summary) + NumPy `.npz` arrays (idf, "
        "coefficients, intercepts) loaded with `allow_pickle=False`. No pickle.", "",
        "## Data", "",
        f"- {info['clauses']} gold clauses from {info['explanations']} explanations in {info['documents']} documents.",
        f"- Annotation files: {', '.join(info['annotation_files'])} (`corpora/annotations/reasons/`).", "",
        "## Labels and held-out scores", "",
        f"{info['folds']}-fold cross-validation, folds grouped by document (no document in both train and test), "
        "model + rules:", "",
        "| label | clauses | precision | recall | F1 |", "|---|---:|---:|---:|---:|",
    ]
    for label, n in info["label_counts"].items():
        s = info["cv"]["per_label"][label]
        note = " (fewer than 15 in the corpus)" if n < 15 else ""
        lines.append(f"| {label}{note} | {n} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += [
        "",
        f"- macro-F1 (labels with support) **{info['cv']['macro_f1']:.3f}**, micro-F1 {info['cv']['micro_f1']:.3f}, "
        f"exact label set {info['cv']['exact']:.3f}.",
        f"- model alone (no rules): macro-F1 {info['cv_model_only']['macro_f1']:.3f}, micro-F1 "
        f"{info['cv_model_only']['micro_f1']:.3f}.",
        f"- clause segmentation exact-match on the gold explanations: {info['segmentation_exact_match']:.3f}.", "",
        "Reproduce: `shuoming train reasons` then `shuoming eval reasons`.", "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
