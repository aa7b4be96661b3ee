"""``shuoming reasons`` (clauses of every explanation), ``shuoming train reasons``, ``shuoming eval reasons``.

``eval reasons`` is added to the ``eval`` sub-app of :mod:`.eval_commands`; ``train`` is a sub-app
created here (other stages can add ``@train_app.command(...)``).
"""

from __future__ import annotations

import json

import typer

from .app import app
from .common import check_format, emit, for_each_document
from .eval_commands import eval_app

FIELDS = ["doc", "line", "start", "end", "clause", "explains", "labels", "scores", "flags"]
EXTRA = ["clause_normalised", "kind", "marker", "cue", "cue_direction", "figure_direction", "explained",
         "explained_normalised", "explanation_id", "amounts", "amount_check"]

train_app = typer.Typer(help="Rebuild a trained model from the gold annotations.", no_args_is_help=True)
app.add_typer(train_app, name="train")


def clause_record(clause) -> dict:
    """The output record: the documented fields first, then kind, cue, directions, amounts."""
    d = clause.to_dict()
    rec = {k: d.get(k) for k in FIELDS + EXTRA}
    if d.get("page") is not None:
        rec["page"] = d["page"]
    return rec


@app.command()
def reasons(files: list[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads one document from stdin."),
            format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv"),
            no_missing: bool = typer.Option(False, "--no-missing", help="Leave out the reason_missing records.")) -> None:
    """Print one record per clause of every explanation: {doc, line, start, end, clause, explains,
    labels, scores, flags} (+ kind, marker, cue, directions, amounts). A stated change with no
    explanation is a record of kind "missing" with flag reason_missing and an empty clause.
    """
    from ..reasons import extract_reasons

    check_format(format, ("jsonl", "csv"))
    state: dict = {}

    def run(doc):
        recs = [clause_record(c) for c in extract_reasons(doc, missing=not no_missing)]
        emit(recs, format, columns=FIELDS + EXTRA, state=state)

    raise typer.Exit(for_each_document(files, run, check_disclosure=False))


@train_app.command("reasons")
def train_reasons(folds: int = typer.Option(5, "--folds", help="Cross-validation folds for the model card scores.")) -> None:
    """Retrain the reason classifier (fixed seeds, sorted data) into models/reasons.json + .npz."""
    from ..reasons.train import train

    info = train(cv_folds=folds)
    typer.echo(f"trained on {info['clauses']} clauses ({info['explanations']} explanations, "
               f"{info['documents']} documents); cross-validated macro-F1 {info['cv']['macro_f1']:.3f}")
    typer.echo("wrote models/reasons.json, models/reasons.npz and the model card models/reasons.md")


@eval_app.command("reasons")
def eval_reasons(folds: int = typer.Option(5, "--folds", help="Held-out folds (grouped by document)."),
                 find: bool = typer.Option(True, "--find/--no-find", help="Also score explanation finding on the source documents."),
                 missing: bool = typer.Option(True, "--missing/--no-missing", help="Also score reason_missing against missing-*.jsonl."),
                 errors: bool = typer.Option(False, "--errors", help="Also print segmentation mismatches and missed explanations."),
                 format: str = typer.Option("table", "--format", "-f", help="table or json"),
                 docs: int = typer.Option(0, "--docs", help="Quick check: only the clauses of the first N documents "
                                          "(sorted names); 0 = all. The reported scores need all."),
                 variants: bool = typer.Option(True, "--variants/--shipped-only",
                                               help="Also score (a) the model alone and (b) the model with the frozen "
                                                    "taxonomy rules beside (c) the shipped system."),
                 legacy: bool = typer.Option(False, "--legacy", help="Also score the legacy cue lexicon (leaky reference)."),
                 mined: bool = typer.Option(False, "--mined", help="Also score (b') rules mined inside each training fold."),
                 synthetic: bool = typer.Option(True, "--synthetic/--no-synthetic",
                                                help="Train every fold on the gold training clauses plus the synthetic "
                                                     "clauses (shipped); --no-synthetic: gold only (quicker).")) -> None:
    """Per-label precision / recall / F1 on held-out folds, macro-F1, clause segmentation exact-match.

    Every score is nested cross-validation grouped by document and computed on gold clauses only;
    the synthetic clauses (written blind to the gold) join every training fold and are never
    scored, and the cue rules are the frozen taxonomy lexicon, so (c) is honest."""
    from ..reasons.evaluate import (VARIANT_TITLES, VARIANTS, cross_validate, examples, finding, missing_scores,
                                    segmentation, synthetic_examples, variant_config)
    from ..reasons.agreement import agreement
    from ..reasons.gold import load_gold

    gold = load_gold()
    exs = examples(gold)
    if docs > 0:
        keep = set(sorted({x.doc for x in exs})[:docs])
        exs = [x for x in exs if x.doc in keep]
        gold = [e for e in gold if e.doc in keep]
    names = ([*VARIANTS] if variants else []) + (["with_mined"] if mined else []) + (["legacy"] if legacy else [])
    names = [n for n in names if synthetic or n != "real_only"] + ["shipped"]
    scores = {n: cross_validate(exs, folds, config={**variant_config(n), **({} if synthetic else {"synthetic": False})})
              for n in names}
    cv = scores["shipped"]
    seg = segmentation(gold)
    fnd = finding(gold) if find else None
    miss = missing_scores(gold=gold) if missing else None
    agree = agreement(gold)
    if format == "json":
        out = {"clauses": cv.n, "explanations": len(gold), "macro_f1": cv.macro_f1, "micro_f1": cv.micro_f1,
               "exact": cv.exact, "per_label": cv.per_label,
               "by_kind": {k: {"clauses": v.n, "macro_f1": v.macro_f1, "micro_f1": v.micro_f1}
                           for k, v in cv.by_kind.items()},
               "segmentation": {k: v for k, v in seg.items() if k != "mismatches"},
               "variants": {n: {"title": VARIANT_TITLES[n], "macro_f1": v.macro_f1, "micro_f1": v.micro_f1,
                                "per_label_f1": {l: s["f1"] for l, s in v.per_label.items()}}
                            for n, v in scores.items()}}
        if fnd:
            out["finding"] = {k: v for k, v in fnd.items() if k != "missed"}
        if miss:
            out["reason_missing"] = {k: v for k, v in miss.items() if k not in ("false_negatives", "false_positives")}
        if agree:
            out["second_annotator"] = agree
        typer.echo(json.dumps(out, ensure_ascii=False))
    else:
        others = [n for n in names if n != "shipped"]
        typer.echo("held-out F1 per variant: " + "; ".join(f"{n} = {VARIANT_TITLES[n]}" for n in names))
        typer.echo(f"{'label':<22}{'support':>8}{'pred':>6}{'prec':>8}{'recall':>8}{'f1':>8}"
                   + "".join(f"{n[:14]:>16}" for n in others))
        for label, s in cv.per_label.items():
            typer.echo(f"{label:<22}{s['support']:>8}{s['predicted']:>6}{s['precision']:>8.3f}"
                       f"{s['recall']:>8.3f}{s['f1']:>8.3f}"
                       + "".join(f"{scores[n].per_label[label]['f1']:>16.3f}" for n in others))
        for n in names:
            v = scores[n]
            typer.echo(f"{VARIANT_TITLES[n]}: macro-F1 {v.macro_f1:.3f}  micro-F1 {v.micro_f1:.3f}  "
                       f"exact label sets {v.exact:.3f}")
        n_syn = len(synthetic_examples()) if synthetic else 0
        typer.echo(f"({cv.n} gold clauses scored, {folds} folds grouped by document, thresholds from training folds "
                   f"only; {n_syn} synthetic clauses in every training fold, never scored; (c) is the honest "
                   "estimate for unseen departments)")
        for kind, ks in cv.by_kind.items():
            typer.echo(f"  {kind} clauses only: macro-F1 {ks.macro_f1:.3f}  micro-F1 {ks.micro_f1:.3f}  ({ks.n} clauses)")
        if agree:
            ind = agree["independent"]
            typer.echo(f"human reference: two blind annotations of the {agree['clauses']} clauses, before adjudication: "
                       f"macro-F1 {ind['macro_f1']:.3f}  micro-F1 {ind['micro_f1']:.3f}  exact label sets {ind['exact']:.3f}; "
                       f"the second against the adjudicated gold {agree['macro_f1']:.3f} (optimistic: "
                       f"{agree['disagreements']} disagreements were settled by choosing among the two)")
        typer.echo(f"segmentation exact-match {seg['exact_match']:.3f} ({seg['exact']}/{seg['explanations']} explanations)")
        if fnd:
            typer.echo(f"explanations found {fnd['recall']:.3f} ({fnd['found']}/{fnd['explanations']} on seeds and passages)")
        if miss:
            typer.echo(f"reason_missing precision {miss['precision']:.3f} ({miss['predicted_on_exhaustive']} flagged on "
                       f"{miss['exhaustive_documents']} exhaustively annotated passages)  recall {miss['recall']:.3f} "
                       f"({miss['found']}/{miss['gold']})  F1 {miss['f1']:.3f}")
    if errors:
        for m in seg["mismatches"]:
            typer.echo("SEG " + json.dumps(m, ensure_ascii=False))
        for i in (fnd or {}).get("missed", []):
            typer.echo("MISSED " + i)
        for i in (miss or {}).get("false_negatives", []):
            typer.echo("MISSING-FN " + i)
        for i in (miss or {}).get("false_positives", []):
            typer.echo("MISSING-FP " + i)
