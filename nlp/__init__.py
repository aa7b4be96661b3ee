"""shuoming (说明): audit the narrative of Chinese budget and final-accounts disclosures.

Entry points:

- :func:`nlp.load.load` — a file into a located :class:`~nlp.document.Document`;
- :func:`nlp.sections.find_sections` — parts, headings and table regions;
"""

from __future__ import annotations

__version__ = "0.1.0"

from .document import Document  # noqa: E402
from .load import load, load_text  # noqa: E402
from .batch import audit  # noqa: E402  paths → store tables as DataFrames

__all__ = ["Document", "load", "load_text", "__version__"]
