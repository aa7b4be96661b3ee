"""docs/audit.md documents every store table and column (kept in step with nlp.schema)."""

from __future__ import annotations

from nlp.schema import TABLES, columns

from .conftest import ROOT


def test_every_table_and_column_is_documented():
    text = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### `{table}`" in text, table
        section = text.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
        for col, _, _ in columns(table):
            assert f"| `{col}` |" in section, f"{table}.{col}"
