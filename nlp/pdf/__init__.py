"""PDF input: render a published PDF into a located text document the other stages read unchanged.

:func:`read_pdf` is called by :mod:`nlp.load` for anything that starts with ``%PDF`` or is named
``.pdf``. The pipeline, one small module per step:

1. :mod:`.source` opens the bytes (one-line errors for non-PDFs, truncated, encrypted files);
2. :mod:`.extract` reads each page's characters (loose boxes), ruling segments and images with
   PDFium's C API — fast, no layout analysis;
3. :mod:`.grid` turns ruling segments into table grids with merged cells;
4. :mod:`.tablerows` renders each grid as TAB-separated rows (blank cells kept, wrapped cells
   joined, 类/款/项 code columns joined into one code);
5. :mod:`.lines` groups the remaining characters into text lines by their vertical centre, so
   figures stay in their sentences;
6. :mod:`.render` orders text lines and table rows top to bottom on each page.

Every output line knows its page and box: ``Document.pages[line-1]`` and ``Document.boxes[line]``
= (x0, top, x1, bottom) in PDF points from the page's top-left corner. Pages without a text layer
(scanned images) are listed in ``doc.meta["pages_needing_ocr"]`` and in ``doc.notes``.
See docs/pdf.md.
"""

from __future__ import annotations

from ..document import Document
from ..errors import InputError, UnsupportedInput
from .extract import read_page
from .render import OutLine, TableState, render_page
from .source import open_pdf

__all__ = ["read_pdf", "render_lines"]

_SCANNED = 0.3  # a page with no text whose images cover this much of it is a scan


def render_lines(doc: str, data: bytes) -> tuple[list[OutLine], list[int], int]:
    """All rendered lines of a PDF, the pages that need OCR, and the page count."""
    pdf = open_pdf(doc, data)
    try:
        lines: list[OutLine] = []
        needs_ocr: list[int] = []
        state: TableState | None = None
        for i in range(len(pdf)):
            try:
                content = read_page(pdf, i)
            except Exception as exc:  # noqa: BLE001 - a damaged page must not hide the others
                raise InputError(doc, f"damaged PDF: page {i + 1} cannot be read ({type(exc).__name__})") from None
            if not content.chars:
                if content.image_area >= _SCANNED:
                    needs_ocr.append(content.number)
                continue
            page_lines, state = render_page(content, state)
            lines.extend(page_lines)
        return lines, needs_ocr, len(pdf)
    finally:
        pdf.close()


def read_pdf(doc: str, data: bytes) -> Document:
    """Read PDF bytes into a :class:`~nlp.document.Document` (``source_kind="pdf"``)."""
    lines, needs_ocr, n_pages = render_lines(doc, data)
    if not lines:
        if needs_ocr:
            raise UnsupportedInput(doc, f"scanned PDF: none of its {n_pages} pages has a text layer; it needs OCR")
        raise InputError(doc, f"PDF has no text on any of its {n_pages} pages")
    raw = "\n".join(line.text for line in lines) + "\n"
    pages = [line.page for line in lines]
    boxes = {n: tuple(round(v, 1) for v in line.bbox) for n, line in enumerate(lines, start=1)}
    document = Document.from_text(doc, raw, encoding="pdf", pages=pages, boxes=boxes, source_kind="pdf")
    document.meta["page_count"] = n_pages
    document.meta["pages_needing_ocr"] = needs_ocr
    for p in needs_ocr:
        document.notes.append(f"page {p}: no text layer (scanned image), needs OCR; nothing on it was checked")
    return document
