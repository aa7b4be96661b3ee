"""Command-line interface: ``shuoming <command> …``. Each command is in its own module."""

from __future__ import annotations

import sys

from .app import app
from . import docs_commands  # noqa: F401  info, sections

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `shuoming … | head`
        sys.stderr.close()
        sys.exit(0)
