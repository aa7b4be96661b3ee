"""The report: an index page and one page per document, or one self-contained page.

:func:`write_report` writes ``report.html`` — the index: every input with its status and counts,
the most severe findings, the corpus charts and the failures — and ``report/<page>.html``, one
page per document read (its narrative with each claim highlighted by verdict, the evidence panel
and all of its findings). A document page depends on that document only, and the index grows by
one table row per document (its findings list is capped at :data:`MAX_INDEX_FINDINGS`), so a run
over a thousand documents stays readable in a browser. Pages are rendered one document at a time
from slices of the Arrow tables. ``single_file=True`` writes the older single page instead
(:func:`render_report`), handy to mail a small batch.

Every page is rendered with jinja2 templates (``templates/``) whose CSS and JavaScript are inlined
— a page fetches nothing and links only relatively (``report/…`` from the index, ``../report.html``
back), so the folder can be zipped and moved. Autoescaping is on for every value, so text from a
disclosure cannot inject markup or script; the only unescaped insertions are the SVG charts, which
:mod:`nlp.report.charts` builds with every label escaped. A Content-Security-Policy allows no fetch
at all and runs only the page's own script (by its hash), a second wall should anything slip through.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from .charts import VERDICT_COLOURS, explanation_patterns, findings_per_rule, label_name
from .model import (RowsByDoc, build_model, doc_options, doc_view, finding_choices, finding_order, finding_row,
                    rows, rule_verdict_counts, totals)

INDEX_NAME = "report.html"
#: Folder of the document pages, next to the index.
PAGES_DIR = "report"
#: Verdicts of the findings the index lists: those saying a figure is wrong (the document pages
#: list the unverifiable and consistent ones).
INDEX_VERDICTS = ("inconsistent", "rounding")
#: Most findings the index lists (most severe first): it stays light whatever the corpus size.
MAX_INDEX_FINDINGS = 1000
#: A document page lists its consistent findings one by one up to this many; above it, it counts
#: them by rule (a long report has hundreds of reconciled table identities). A consistent finding
#: that judges a claim is always in that claim's evidence.
MAX_PAGE_CONSISTENT = 200
TITLE = "shuoming audit report"
_VERDICT_RANK = {"inconsistent": 0, "rounding": 1, "unverifiable": 2, "consistent": 3}


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("nlp.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["label_name"] = label_name
    env.filters["segments"] = segments_html
    env.filters["basename"] = lambda doc: str(doc).replace("\\", "/").rsplit("/", 1)[-1]
    return env


def segments_html(segments: list[dict[str, Any]]) -> Any:
    """A line's segments as HTML (the hot loop of a page, kept out of the template): a claim is a
    ``mark.cl.v-<verdict>`` naming its evidence blocks, an explanation clause a ``span.rs``; every
    text and attribute value is escaped."""
    from markupsafe import Markup, escape

    out = []
    for s in segments:
        text = escape(s["text"])
        if s["claims"]:
            rs = s["reasons"]
            out.append(f'<mark class="cl v-{escape(s["verdict"])}{" rs" if rs else ""}" tabindex="0" '
                       f'data-c="{escape(" ".join(s["claims"]))}"'
                       + (f' data-r="{escape(" ".join(rs))}"' if rs else "") + f">{text}</mark>")
        elif s["reasons"]:
            out.append(f'<span class="rs" tabindex="0" data-r="{escape(" ".join(s["reasons"]))}" '
                       f'title="{escape(", ".join(s["labels"]))}">{text}</span>')
        else:
            out.append(str(text))
    return Markup("".join(out))


def _asset(name: str) -> str:
    return resources.files("nlp.report").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    js = _asset("report.js")
    js_hash = "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return {"css": _asset("report.css"), "js": js, "js_hash": js_hash}


def _charts(tables: dict[str, Any], rule_verdicts: dict[str, dict[str, int]]) -> dict[str, Any]:
    # the chart counts every finding, listed or not
    return {"rules": findings_per_rule(rule_verdicts), "patterns": explanation_patterns(tables)}


def render_report(tables: dict[str, Any], title: str = TITLE) -> str:
    """The single-file report (every document's text in one page) as an HTML string."""
    model = build_model(tables)

    def link(f: dict[str, Any]) -> str:
        return f"#d{f['seq']}-L{f['line']}" if f.get("line") and f["linked"] else ""

    return _env().get_template("report.html.j2").render(
        title=title, m=model, charts=_charts(tables, model["rule_verdicts"]), version=__version__,
        colours=VERDICT_COLOURS, link=link, **_assets())


def page_name(seq: int, doc: str, width: int = 4) -> str:
    """File name of a document's page: its 1-based position and the ASCII letters, digits, ``_``
    and ``-`` of its file name (``0003-002_6db38462d4630a99.html``); unique within a run."""
    stem = str(doc).replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:48].strip("-_")
    num = f"{seq + 1:0{width}d}"
    return f"{num}-{slug}.html" if slug else f"{num}.html"


def write_report(tables: dict[str, Any], out: str | os.PathLike, single_file: bool = False,
                 title: str = TITLE) -> dict[str, Path]:
    """Write the report into ``out``: ``report.html`` and ``report/*.html`` (or, with
    ``single_file``, ``report.html`` alone); return {name: path}.

    Everything is staged in a hidden folder inside ``out`` and renamed into place, the pages
    before the index; the pages of an earlier run are removed (a single-file report removes
    the folder), so no stale page sits next to a fresh index.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".shuoming-report-", dir=out) as tmp:
        tmpdir = Path(tmp)
        index = tmpdir / INDEX_NAME
        if single_file:
            index.write_text(render_report(tables, title), encoding="utf-8")
        else:
            pages = tmpdir / PAGES_DIR
            pages.mkdir()
            index.write_text(_write_pages(tables, pages, title), encoding="utf-8")
        old = out / PAGES_DIR
        if old.is_dir() and not old.is_symlink():
            os.replace(old, tmpdir / "stale-pages")  # removed with the staging folder
        elif old.exists() or old.is_symlink():
            old.unlink()
        if not single_file:
            os.replace(tmpdir / PAGES_DIR, out / PAGES_DIR)
            written[PAGES_DIR + "/"] = out / PAGES_DIR
        os.replace(index, out / INDEX_NAME)
        written[INDEX_NAME] = out / INDEX_NAME
        shutil.rmtree(tmpdir / "stale-pages", ignore_errors=True)
    return written


def _write_pages(tables: dict[str, Any], pages: Path, title: str) -> str:
    """Write one page per document read into ``pages``, one document at a time; return the index."""
    env = _env()
    assets = _assets()
    doc_tpl = env.get_template("document.html.j2")
    documents = rows(tables.get("documents"))
    width = max(4, len(str(len(documents))))
    readable = [d for d in documents if d.get("status") != "failed"]
    names = {d["doc"]: page_name(d["seq"], d["doc"], width) for d in readable}
    claims_of, findings_of = RowsByDoc(tables.get("claims")), RowsByDoc(tables.get("findings"))
    reasons_of, texts_of = RowsByDoc(tables.get("reasons")), RowsByDoc(tables.get("texts"))
    claim_verdicts: dict[str, int] = {}
    listed: list[dict[str, Any]] = []  # the index's findings: most severe non-consistent ones

    def line_link(f: dict[str, Any]) -> str:
        return f"#L{f['line']}" if f.get("line") and f["linked"] else ""

    for i, d in enumerate(readable):
        doc = d["doc"]
        fs = findings_of(doc)
        texts = texts_of(doc)
        view = doc_view(d, claims_of(doc), fs, reasons_of(doc), texts[0] if texts else None)
        consistent = [f for f in fs if f.get("verdict") == "consistent"]
        folded = len(consistent) > MAX_PAGE_CONSISTENT
        frows = sorted((finding_row(f, d["seq"], n, f.get("line") in view["shown"]) for n, f in enumerate(fs)
                        if not (folded and f.get("verdict") == "consistent")), key=finding_order)
        page = doc_tpl.render(
            title=title, d=view, findings=frows, choices=finding_choices(frows), line_link=line_link,
            n_findings=len(fs), finding_verdicts=_count_by(fs, "verdict"), folded=_count_by_rule(consistent) if folded else [],
            prev=_neighbour(readable, i - 1, names), next=_neighbour(readable, i + 1, names),
            n_documents=len(documents), index_name=INDEX_NAME, version=__version__, **assets)
        (pages / names[doc]).write_text(page, encoding="utf-8")
        for v in view["claims"]:
            claim_verdicts[v["verdict"]] = claim_verdicts.get(v["verdict"], 0) + 1
        listed.extend(f for f in frows if f.get("verdict") in INDEX_VERDICTS)
        if len(listed) > 2 * MAX_INDEX_FINDINGS:
            listed = _most_severe(listed)
    listed = _most_severe(listed)
    for n, f in enumerate(listed):
        f["n"] = n  # the index order, kept for stable re-sorting

    def index_link(f: dict[str, Any]) -> str:
        target = f"L{f['line']}" if f.get("line") and f["linked"] else f["anchor"]
        return f"{PAGES_DIR}/{names[f['doc']]}#{target}" if f["doc"] in names else ""

    verdict_counts = rule_verdict_counts(tables.get("findings"))
    n_findings = sum(n for c in verdict_counts.values() for n in c.values())
    n_wrong = sum(c.get(v, 0) for c in verdict_counts.values() for v in INDEX_VERDICTS)
    model = {
        "documents": [dict(d, page=f"{PAGES_DIR}/{names[d['doc']]}" if d["doc"] in names else None)
                      for d in documents],
        "kinds": sorted({d["kind"] for d in documents if d.get("kind")}),
        "years": sorted({d["year"] for d in documents if d.get("year")}),
        "findings": listed,
        "unlisted": n_findings - len(listed),
        "capped": len(listed) < n_wrong,
        **finding_choices(listed),
        "doc_options": doc_options(documents, {f["doc"] for f in listed}),
        "totals": totals(documents, _num_rows(tables.get("claims")), n_findings, verdict_counts,
                         _num_rows(tables.get("reasons"))),
        "claim_verdicts": claim_verdicts,
    }
    return env.get_template("index.html.j2").render(
        title=title, m=model, charts=_charts(tables, verdict_counts), version=__version__, link=index_link,
        **assets)


def _count_by(findings: list[dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.get(key) or "?"] = counts.get(f.get(key) or "?", 0) + 1
    return counts


def _count_by_rule(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return sorted(_count_by(findings, "rule").items())


def _neighbour(readable: list[dict], i: int, names: dict[str, str]) -> dict[str, str] | None:
    if 0 <= i < len(readable):
        return {"doc": readable[i]["doc"], "page_name": names[readable[i]["doc"]]}
    return None


def _most_severe(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    findings.sort(key=lambda f: (-f["severity_rank"], _VERDICT_RANK.get(f.get("verdict"), 9), f["seq"],
                                 f.get("line") or 0, f["n"]))
    return findings[:MAX_INDEX_FINDINGS]


def _num_rows(table: Any) -> int:
    if table is None:
        return 0
    return table.num_rows if hasattr(table, "num_rows") else len(table)


__all__ = ["render_report", "write_report", "page_name", "INDEX_NAME", "PAGES_DIR", "MAX_INDEX_FINDINGS",
           "MAX_PAGE_CONSISTENT"]
