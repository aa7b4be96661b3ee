"""``report.html``: one self-contained page for people who read audits.

:func:`render_report` turns the store tables (Arrow tables or DataFrames, as built by
:func:`nlp.store.build_tables`) into HTML with a jinja2 template (``templates/report.html.j2``)
whose CSS and JavaScript are inlined — the page fetches nothing. Autoescaping is on for every
value, so text from a disclosure cannot inject markup or script; the only unescaped insertions are
the SVG charts, which :mod:`nlp.report.charts` builds with every label escaped. A
Content-Security-Policy allows no fetch at all and runs only the page's own script (by its hash),
a second wall should anything ever slip through.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import __version__
from .charts import VERDICT_COLOURS, explanation_patterns, findings_per_rule, label_name
from .model import build_model


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("nlp.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["label_name"] = label_name
    env.filters["basename"] = lambda doc: str(doc).replace("\\", "/").rsplit("/", 1)[-1]
    return env


def _asset(name: str) -> str:
    return resources.files("nlp.report").joinpath("templates", name).read_text(encoding="utf-8")


def render_report(tables: dict[str, Any], title: str = "shuoming audit report") -> str:
    """The report as an HTML string."""
    model = build_model(tables)
    js = _asset("report.js")
    js_hash = "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    # the chart counts every finding, listed or not
    charts = {"rules": findings_per_rule(model["rule_verdicts"]), "patterns": explanation_patterns(tables)}
    page = _env().get_template("report.html.j2").render(
        title=title, m=model, charts=charts, version=__version__, colours=VERDICT_COLOURS,
        css=_asset("report.css"), js=js, js_hash=js_hash)
    return page


__all__ = ["render_report"]
