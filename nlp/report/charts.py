"""Corpus-level charts as inline SVG strings (no JavaScript library, nothing fetched).

Every label drawn comes from documents, so every label is XML-escaped here; the template inserts
the returned SVG as is. Two shapes: a heat map (rows × columns of counts, each cell shaded by its
count and printing it) and horizontal stacked bars (one bar per row, one colour per part).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from typing import Any

from .model import rows

VERDICT_COLOURS = {"consistent": "#2e7d32", "rounding": "#7cb342", "inconsistent": "#c62828",
                   "unverifiable": "#f9a825"}
#: Display names of the reason labels (docs/reasons-taxonomy.md); unknown ids are shown as they are.
LABEL_NAMES = {
    "personnel": "人员与薪酬", "new_task": "新增项目/职能", "task_ended": "项目完成/减少",
    "midyear_adjustment": "年中追加/调整", "payment_timing": "支付进度/结转", "vehicles": "公务用车",
    "forecast": "预算编制偏差", "austerity": "厉行节约", "institutional_reform": "机构改革",
    "external_shock": "疫情/外部因素", "policy_change": "政策/标准调整", "funding_source": "资金来源/口径",
    "operations": "日常运行保障", "vague": "无实质内容",
}
_FONT = "font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:12px"


def _x(text: Any) -> str:
    return escape("" if text is None else str(text), quote=True)


def _width(text: str) -> int:
    """Rough pixel width of a label (CJK characters are about twice as wide as Latin ones)."""
    return sum(12 if ord(ch) > 0x2E80 else 7 for ch in text)


def label_name(label: str) -> str:
    name = LABEL_NAMES.get(label)
    return f"{name} ({label})" if name else label


def heatmap(title: str, matrix: dict[str, Counter], row_order: list[str] | None = None,
            col_order: list[str] | None = None, row_names: dict[str, str] | None = None) -> str:
    """A heat map of counts; ``matrix[row][col]`` = count."""
    rows_ = row_order or sorted(matrix, key=lambda r: (-sum(matrix[r].values()), r))
    cols = col_order or sorted({c for r in matrix.values() for c in r},
                               key=lambda c: (-sum(m.get(c, 0) for m in matrix.values()), c))
    if not rows_ or not cols:
        return f'<p class="empty">{_x(title)}: no data</p>'
    names = {r: (row_names or {}).get(r, r) for r in rows_}
    left = min(max(_width(names[r]) for r in rows_) + 12, 260)
    shown = {c: c if len(c) <= 14 else c[:13] + "…" for c in cols}  # the full label is in the tooltip
    label_w = max(_width(shown[c]) for c in cols)
    cw, ch, top = 46, 22, 22 + int(label_w * 0.72)
    peak = max((v for m in matrix.values() for v in m.values()), default=1) or 1
    w, h = left + cw * len(cols) + int(label_w * 0.72) + 10, top + ch * len(rows_) + 10
    out = [f'<svg class="chart" role="img" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" style="{_FONT}"><title>{_x(title)}</title>']
    for j, c in enumerate(cols):
        x = left + j * cw + cw / 2
        out.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-45 {x} {top - 6})">{_x(shown[c])}'
                   f'<title>{_x(c)}</title></text>')
    for i, r in enumerate(rows_):
        y = top + i * ch
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{_x(names[r])}</text>')
        for j, c in enumerate(cols):
            v = matrix.get(r, Counter()).get(c, 0)
            a = 0.08 + 0.85 * v / peak if v else 0.0
            out.append(f'<rect x="{left + j * cw}" y="{y}" width="{cw - 2}" height="{ch - 2}" '
                       f'fill="rgba(21,101,192,{a:.2f})" stroke="#ddd"><title>{_x(names[r])} × {_x(c)}: {v}</title></rect>')
            if v:
                colour = "#fff" if a > 0.55 else "#111"
                out.append(f'<text x="{left + j * cw + cw / 2 - 1}" y="{y + 15}" text-anchor="middle" '
                           f'fill="{colour}">{v}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_bars(title: str, data: dict[str, Counter], parts: list[str], colours: dict[str, str]) -> str:
    """Horizontal bars, one per key of ``data``, split into ``parts`` (e.g. verdicts)."""
    keys = sorted(data, key=lambda k: (-sum(data[k].values()), k))
    if not keys:
        return f'<p class="empty">{_x(title)}: no data</p>'
    left = min(max(_width(k) for k in keys) + 12, 320)
    bar_w, bh = 420, 20
    peak = max(sum(v.values()) for v in data.values()) or 1
    w, h = left + bar_w + 60, 30 + bh * len(keys) + 10
    out = [f'<svg class="chart" role="img" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" style="{_FONT}"><title>{_x(title)}</title>']
    x = left
    for p in parts:  # legend
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colours.get(p, "#888")}"/>'
                   f'<text x="{x + 14}" y="13">{_x(p)}</text>')
        x += 24 + _width(p)
    for i, k in enumerate(keys):
        y = 24 + i * bh
        out.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{_x(k)}</text>')
        x = float(left)
        for p in parts:
            v = data[k].get(p, 0)
            if not v:
                continue
            wv = bar_w * v / peak
            out.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{wv:.1f}" height="{bh - 5}" '
                       f'fill="{colours.get(p, "#888")}"><title>{_x(k)} · {_x(p)}: {v}</title></rect>')
            x += wv
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(data[k].values())}</text>')
    out.append("</svg>")
    return "".join(out)


def findings_per_rule(counts: dict[str, dict[str, int]]) -> str:
    """Stacked bars from rule → verdict → count (:func:`nlp.report.model.rule_verdict_counts`)."""
    data = {rule: Counter(c) for rule, c in counts.items()}
    return stacked_bars("Findings per rule, by verdict", data, list(VERDICT_COLOURS), VERDICT_COLOURS)


def explanation_patterns(tables: dict[str, Any], top_subjects: int = 12) -> list[tuple[str, str]]:
    """(title, svg) heat maps of reason labels by subject, direction, document kind and year.

    Subject and direction are those of the claim a clause explains (``reasons.explains`` =
    ``claims.id``); kind and year are the document's.
    """
    docs = {d["doc"]: d for d in rows(tables.get("documents"))}
    claims: dict[tuple[str, Any], dict] = {}
    for c in rows(tables.get("claims")):  # explains names a claim id or a claim group
        claims[(c["doc"], c.get("id"))] = c
        g = (c["doc"], c.get("group"))
        if c.get("group") and (g not in claims or (c.get("direction") and not claims[g].get("direction"))):
            claims[g] = c
    by = {k: defaultdict(Counter) for k in ("subject", "direction", "kind", "year")}
    totals: Counter = Counter()
    for r in rows(tables.get("reasons")):
        claim = claims.get((r["doc"], r.get("explains"))) or {}
        doc = docs.get(r["doc"], {})
        keys = {"subject": claim.get("subject_key") or claim.get("subject") or "(not linked)",
                "direction": claim.get("direction") or "(none)", "kind": doc.get("kind") or "(unknown)",
                "year": str(doc.get("year") or "(unknown)")}
        for label in r.get("labels") or ["(unlabelled)"]:
            totals[label] += 1
            for dim, key in keys.items():
                by[dim][label][key] += 1
    order = [lb for lb, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    names = {lb: label_name(lb) for lb in order}
    subjects = Counter()
    for m in by["subject"].values():
        subjects.update(m)
    top = [s for s, _ in subjects.most_common(top_subjects)]
    subj = {lb: Counter({s: n for s, n in m.items() if s in top}) for lb, m in by["subject"].items()}
    years = sorted({y for m in by["year"].values() for y in m})
    return [
        ("Reason labels by subject (top subjects)", heatmap("Reason labels by subject", subj, order, top, names)),
        ("Reason labels by direction", heatmap("Reason labels by direction", by["direction"], order, None, names)),
        ("Reason labels by document kind", heatmap("Reason labels by document kind", by["kind"], order, None, names)),
        ("Reason labels by year", heatmap("Reason labels by year", by["year"], order, years, names)),
    ]
