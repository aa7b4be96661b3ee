"""Sample audit results for the report tests: the real pipeline on a small disclosure, with
stage outputs (claims, findings, reason clauses) shaped as :mod:`nlp.records` added by hand, so
that the report can be tested for every verdict before the checks and reasons stages land.
"""

from __future__ import annotations

from pathlib import Path

from nlp.ingest import iter_sources
from nlp.pipeline import _finding_row, analyze, as_row
from nlp.records import Claim, Clause, Finding

from .conftest import SEED

#: Markup that survives normalisation: stripping the inner tags once leaves real tags behind, so
#: the normalised text holds ``<script>alert('pwned')</script>`` and ``<b>加粗</b>``.
HOSTILE = "<scr<i>ipt>alert('pwned')</scr</i>ipt>"
HOSTILE_TEXT = "<script>alert('pwned')</script>"
DISCLOSURE = f"""广州市测试局2022年度部门决算

第三部分 2022年度部门决算情况说明
一、收入决算情况说明
2022年度收入合计49,644.69万元，比上年决算数增加10,391.38万元，增长26.5%。主要原因：一是新增数字政府项目经费；二是人员增加。
二、“三公”经费支出决算情况说明
公务接待费0.5万元，发生国内接待3次。备注{HOSTILE}与<<i>b>加粗</<i>b>。
"""
#: (figure, kind, subject, verdict or None for a claim no rule checked)
FIGURES = [
    ("49,644.69万元", "amount", "收入合计", "consistent"),
    ("10,391.38万元", "change", "收入合计", "inconsistent"),
    ("26.5%", "growth_rate", "收入合计", "rounding"),
    ("0.5万元", "amount", "公务接待费", "unverifiable"),
    ("3次", "count", "国内接待", None),
]


def sample_results(folder: Path):
    """[the sample disclosure with hand-made stage outputs, seed 002 as the pipeline gives it]."""
    path = folder / "sample.txt"
    path.write_text(DISCLOSURE, encoding="utf-8")
    r = analyze(next(iter_sources([str(path)])), seq=0)
    assert r.status != "failed", r.reason
    assert HOSTILE_TEXT in r.text and "<b>加粗</b>" in r.text  # the test is only worth it if so
    claims, findings = [], []
    for i, (fig, kind, subject, verdict) in enumerate(FIGURES, start=1):
        start = r.text.index(fig)
        line = r.text.count("\n", 0, start) + 1
        c = Claim(doc=r.doc, line=line, start=start, end=start + len(fig), text=fig, sentence=fig, kind=kind,
                  subject=subject, value=fig.rstrip("万元%次").replace(",", ""), unit="万元", id=f"c{i}",
                  direction="增加" if kind in ("change", "growth_rate") else None)
        claims.append(as_row(c))
        if verdict:
            findings.append(Finding(doc=r.doc, rule=f"N.{kind}", verdict=verdict,
                                    severity="high" if verdict == "inconsistent" else "info", line=line,
                                    stated=fig, expected="10,392.38万元" if verdict == "inconsistent" else fig,
                                    evidence={"cell": "T1 本年收入合计 / 决算数", "formula": "本年 − 上年",
                                              "numbers": ["49644.69", "39253.31"], "note": "<img src=x onerror=alert(1)>"},
                                    message=f"{subject}: {verdict}", claim_id=f"c{i}"))
    findings.append(Finding(doc=r.doc, rule="T1.income_total", verdict="inconsistent", severity="medium", line=None,
                            stated="49644.69", expected="49644.70", evidence={"formula": "Σ income rows"},
                            message="T1 本年收入合计 ≠ Σ 收入行 <i>sic</i>"))
    r.claims = claims
    by_claim = {c["id"]: c for c in claims}
    r.findings = [_finding_row(f, i, by_claim) for i, f in enumerate(findings)]
    reasons = []
    for i, (clause, labels) in enumerate([("一是新增数字政府项目经费", ["new_task"]), ("二是人员增加", ["personnel"])]):
        start = r.text.index(clause)
        reasons.append(as_row(Clause(doc=r.doc, line=r.text.count("\n", 0, start) + 1, start=start,
                                     end=start + len(clause), clause=clause, explains="c2", labels=labels,
                                     scores={labels[0]: 0.9}, flags=[], marker=clause[:2])) | {"id": f"R{i + 1:04d}"})
    r.reasons = reasons
    r.document.update(n_claims=len(claims), n_findings=len(r.findings), n_reasons=len(reasons))
    seed = analyze(next(iter_sources([str(SEED["002"])])), seq=1)
    return [r, seed]
