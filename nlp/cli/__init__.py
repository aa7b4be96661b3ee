"""Command-line interface: ``shuoming <command> …``. Each command is in its own module."""

from __future__ import annotations

import sys

from .app import app
from . import docs_commands  # noqa: F401  info, sections
from . import tables_commands  # noqa: F401  tables; check
from . import audit_commands  # noqa: F401  audit
from . import claims_commands, eval_commands  # noqa: F401,E401  claims; eval claims
from . import reasons_commands  # noqa: F401  reasons; train reasons; eval reasons

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:  # `shuoming … | head`
        sys.stderr.close()
        sys.exit(0)
