"""Open PDF bytes with pypdfium2, turning every failure into a one-line :class:`InputError`.

Why a module of its own: the reasons a user can act on (not a PDF, truncated download,
password-protected) are decided here once, before any page is read, so the rest of the reader
never sees a half-open document.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import InputError

_MAGIC = b"%PDF"
_EOF = b"%%EOF"


def open_pdf(doc: str, data: bytes) -> pdfium.PdfDocument:
    """Open ``data`` as a PDF or raise :class:`InputError` saying why it cannot be read.

    Checks, in order: the ``%PDF`` header (a text file renamed ``.pdf``), the ``%%EOF`` marker
    at the end (a truncated download; PDFium would otherwise silently repair what it can and
    drop the rest), then PDFium's own verdict (password, damaged structure), then a page count.
    """
    if not data:
        raise InputError(doc, "empty file")
    head = data[:1024].lstrip()
    if not head.startswith(_MAGIC):
        raise InputError(doc, "not a PDF (no %PDF header); is it a text file named .pdf?")
    if _EOF not in data[-2048:]:
        raise InputError(doc, f"truncated PDF (no %%EOF marker at the end of {len(data)} bytes); download it again")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(doc, "encrypted PDF: it needs a password to open") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(doc, "encrypted PDF with an unsupported security handler") from None
        raise InputError(doc, "damaged PDF: PDFium cannot parse its structure") from None
    if len(pdf) == 0:
        pdf.close()
        raise InputError(doc, "PDF has no pages")
    return pdf
