"""Shared fixtures: paths to the bundled corpora and loaded seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
PDFS = ROOT / "corpora" / "pdf"
SHARED = ROOT.parent / "shared"

SEED = {
    "000": SEEDS / "000_e7eec69b57aa2ea8.txt",
    "001": SEEDS / "001_202dbe6575e56d7f.txt",
    "002": SEEDS / "002_6db38462d4630a99.txt",
    "003": SEEDS / "003_addf04541b682303.txt",
    "004": SEEDS / "004_8a8b669e3c79764f.txt",
}


def raw(prefix: str) -> tuple[str, str]:
    """(file name, text) of the seed whose name starts with ``prefix`` (``"004"``)."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_docs():
    """The five seed documents, loaded once per test session."""
    from nlp.load import load

    return {k: load(str(p)) for k, p in SEED.items()}
