"""Pull the raw material of one page out of PDFium: characters with boxes, ruling segments, images.

Why PDFium's C API (through ``pypdfium2.raw``) and not pdfplumber: pdfplumber parses every
content-stream operator in Python and is ~25× slower on these documents; PDFium gives each
character's unicode and box in a few microseconds. Everything returned is plain data in *page
coordinates with a top-left origin* (x to the right, y down, points), the convention pdfplumber
and our :class:`~nlp.document.Document` boxes use.

* A character's vertical band is built from its *baseline* (PDFium's char origin) and font size:
  [baseline − 0.8·size, baseline + 0.2·size]. Glyph boxes are useless for this — in these files
  the Latin digits report a box twice as tall as the Chinese around them and "，" one a third as
  tall — and that is the reason some readers detach "2995.39" from "收入支出总计…万元". The
  horizontal extent is PDFium's loose box.
* Ruling segments come from path objects: a thin path (< 2 pt across) is one segment, other
  stroked paths are walked segment by segment and their axis-aligned pieces kept.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

#: A character: (text, x0, top, x1, bottom, size) — ``size`` is the font size in points.
Char = tuple[str, float, float, float, float, float]
#: A horizontal segment (y, x0, x1) or a vertical one (x, top, bottom).
Seg = tuple[float, float, float]

_THIN = 2.0  # a path thinner than this (pt) is a ruling line
_ASCENT = 0.8  # share of the font size above the baseline in a character's band


@dataclass
class PageContent:
    """What one page holds, before any layout decision."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    hsegs: list[Seg] = field(default_factory=list)
    vsegs: list[Seg] = field(default_factory=list)
    image_area: float = 0.0  # fraction of the page covered by images (may exceed 1 with overlaps)


def read_page(pdf, index: int) -> PageContent:
    """Characters, ruling segments and image coverage of page ``index`` (0-based) of a pypdfium2 document."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        content = PageContent(number=index + 1, width=width, height=height)
        content.chars = _chars(page.raw, height)
        _objects(page.raw, height, content)
        return content
    finally:
        page.close()


def _chars(raw_page, height: float) -> list[Char]:
    tp = pdfium_c.FPDFText_LoadPage(raw_page)
    if not tp:
        return []
    try:
        n = pdfium_c.FPDFText_CountChars(tp)
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        get_unicode = pdfium_c.FPDFText_GetUnicode
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        get_origin = pdfium_c.FPDFText_GetCharOrigin
        get_size = pdfium_c.FPDFText_GetFontSize
        get_matrix = pdfium_c.FPDFText_GetMatrix
        m = pdfium_c.FS_MATRIX()
        out: list[Char] = []
        for i in range(n):
            u = get_unicode(tp, i)
            if u <= 32 or u in (0xA0, 0x3000, 0xFFFE, 0xFEFF) or 0xD800 <= u <= 0xDFFF:
                continue  # spaces, line breaks PDFium generated, BOMs: spacing is decided by geometry
            if not get_box(tp, i, rect) or not get_origin(tp, i, ox, oy):
                continue
            x0, x1 = rect.left, rect.right
            if x1 < x0:
                x0, x1 = x1, x0
            size = get_size(tp, i)
            if get_matrix(tp, i, m):  # the size in Tf is scaled by the text matrix (WPS: 300 × 0.05)
                size *= abs(m.a * m.d - m.b * m.c) ** 0.5
            if not 1.0 <= size <= 200.0:
                size = abs(rect.top - rect.bottom) or 10.0
            baseline = height - oy.value
            out.append((chr(u), x0, baseline - _ASCENT * size, x1, baseline + (1 - _ASCENT) * size, size))
        return out
    finally:
        pdfium_c.FPDFText_ClosePage(tp)


def _objects(raw_page, height: float, content: PageContent) -> None:
    """Collect ruling segments and image coverage from the page's top-level objects."""
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    area = 0.0
    page_area = max(content.width * content.height, 1.0)
    for k in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        obj = pdfium_c.FPDFPage_GetObject(raw_page, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            continue
        x0, x1, y0, y1 = l.value, r.value, b.value, t.value
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            area += max(x1 - x0, 0) * max(y1 - y0, 0) / page_area
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if _form_has_image(obj):
                area += max(x1 - x0, 0) * max(y1 - y0, 0) / page_area
        elif x1 - x0 < _THIN and y1 - y0 >= _THIN:
            content.vsegs.append(((x0 + x1) / 2, height - y1, height - y0))
        elif y1 - y0 < _THIN and x1 - x0 >= _THIN:
            content.hsegs.append((height - (y0 + y1) / 2, x0, x1))
        elif x1 - x0 >= _THIN and y1 - y0 >= _THIN:
            _path_segments(obj, height, content)
    content.image_area = area


def _form_has_image(form) -> bool:
    for k in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (kind == pdfium_c.FPDF_PAGEOBJ_FORM and _form_has_image(obj)):
            return True
    return False


def _path_segments(obj, height: float, content: PageContent) -> None:
    """Axis-aligned pieces of a stroked path (cell borders drawn as rectangles or polylines)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or not stroke.value:
        return  # a filled shape (cell shading) is not a rule
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return
    px, py = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for s in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, s)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, px, py):
            continue
        x = m.a * px.value + m.c * py.value + m.e
        y = m.b * px.value + m.d * py.value + m.f
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = prev = (x, y)
            continue
        if prev is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _add_segment(prev, (x, y), height, content)
        prev = (x, y)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_segment(prev, start, height, content)
            prev = start


def _add_segment(p, q, height: float, content: PageContent) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(x1 - x0) < _THIN / 2 and abs(y1 - y0) >= _THIN:
        content.vsegs.append(((x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))
    elif abs(y1 - y0) < _THIN / 2 and abs(x1 - x0) >= _THIN:
        content.hsegs.append((height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
