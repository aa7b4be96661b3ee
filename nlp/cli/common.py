"""Helpers shared by the commands: run a function over every input, print records.

Errors about an input are printed as one line ``shuoming: <doc>: <reason>`` on stderr; the other
inputs go on and the exit code is 1 if any input failed. Unexpected exceptions are reported the
same way (with the exception type) so a batch never dies on a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import Any, Callable, Iterable

import typer

from ..document import Document
from ..errors import InputError
from ..ingest import iter_sources
from ..load import load_source


#: Characters ``json.dumps(ensure_ascii=False)`` leaves raw but ``str.splitlines()`` treats as line
#: breaks; escaped so that one JSON record is always exactly one line of output.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_LINE_BREAK_RE = re.compile("[\u2028\u2029\x85]")


def json_line(record: Any) -> str:
    """One record as one JSON line (no newline), readable by any line splitter."""
    return _LINE_BREAK_RE.sub(lambda m: _LINE_BREAKS[m.group()],
                              json.dumps(record, ensure_ascii=False, default=str))


def err(doc: str, message: str) -> None:
    typer.echo(f"shuoming: {doc}: {message}", err=True)


def for_each_document(paths: list[str], fn: Callable[[Document], None], check_disclosure: bool = True) -> int:
    """Load each input and call ``fn``; return the exit code (0 all ok, 1 some failed).

    ``check_disclosure=False`` accepts any text (a bare passage read from stdin).
    """
    failed = 0
    for source in iter_sources(paths):
        try:
            doc = load_source(source, check_disclosure=check_disclosure)
            fn(doc)
        except InputError as exc:
            err(exc.doc or source.doc, str(exc))
            failed += 1
        except BrokenPipeError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            err(source.doc, f"internal error ({type(exc).__name__}: {exc})".replace("\n", " "))
            failed += 1
    return 1 if failed else 0


def emit(records: Iterable[dict[str, Any]], fmt: str, columns: list[str] | None = None,
         state: dict | None = None) -> None:
    """Write records as JSON lines, CSV (header once per ``state``) or a rich table."""
    records = list(records)
    if fmt == "jsonl":
        out = sys.stdout
        for r in records:
            out.write(json_line(r) + "\n")
        out.flush()
    elif fmt == "csv":
        if not records:
            return
        cols = columns or list(records[0].keys())
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        if state is None or not state.get("header"):
            w.writeheader()
            if state is not None:
                state["header"] = True
        for r in records:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                        for k, v in r.items()})
        sys.stdout.write(buf.getvalue())
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        if not records:
            return
        cols = columns or list(records[0].keys())
        t = Table(*cols, show_lines=False)
        for r in records:
            t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
        Console().print(t)
    else:
        raise typer.BadParameter(f"unknown format {fmt!r}")


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise typer.BadParameter(f"--format must be one of {', '.join(allowed)}")
    return fmt
