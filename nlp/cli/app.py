"""The ``shuoming`` Typer application; each command lives in its own module of this package."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="shuoming",
    help="Audit the narrative 情况说明 of Chinese budget and final-accounts disclosures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
