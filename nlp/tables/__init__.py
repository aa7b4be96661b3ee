"""Tables: every table of a disclosure as tidy, located cells, and the checks between them.

``extract_tables(doc)`` finds table regions in any of the three text layouts (tab cells, markdown
pipes, pdftotext layout with broken rows), identifies each table by meaning (canonical ids T1…T9,
B1…B13, P1…P5, X1; see docs/tables.md), reads multi-row headers, 栏次/行次 numbers, two-sided
statements and 功能/经济分类 codes, merges continuation pages and returns :class:`Table` objects
whose ``cells`` are :class:`nlp.records.Cell` records. ``extract_cells(doc)`` flattens them.
Reconciliation rules live in :mod:`nlp.tables.rules` and register with :mod:`nlp.rules`.
"""

from .extract import extract_cells, extract_tables  # noqa: F401
from .model import Row, Table, Value  # noqa: F401

__all__ = ["extract_tables", "extract_cells", "Table", "Row", "Value"]

# Importing the package registers the table rules, so any pipeline that reads tables can check them.
from . import rules as _rules  # noqa: F401,E402
