"""Errors that end the processing of one input with a one-line message.

Every stage raises :class:`InputError` (or a subclass) for a problem with the input itself; the
CLI and the batch runner turn it into ``shuoming: <doc>: <message>`` and a failed status, never a
traceback.
"""

from __future__ import annotations


class InputError(Exception):
    """A document cannot be processed; ``str(err)`` is a one-line reason for a user."""

    def __init__(self, doc: str, message: str):
        super().__init__(message)
        self.doc = doc
        self.message = message

    def __str__(self) -> str:
        return self.message


class UnsupportedInput(InputError):
    """The input is of a kind this version cannot read (e.g. a scanned-only PDF)."""
