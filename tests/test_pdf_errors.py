"""Bad PDFs get one-line errors through ``shuoming info``; scanned pages are reported per page.

Every bad file is made here from the real corpus PDFs (truncated copy, text renamed .pdf, an
encrypted PDF written byte by byte with the standard RC4 security handler, pages with only an
image), so the tests need no fixture files.
"""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys

import pytest

from tests.conftest import PDFS, ROOT

CZJ = PDFS / "上海市普陀区财政局2024年度部门决算.pdf"
TEMPLATE = PDFS / "附件2：部门决算模板.pdf"


def run_info(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp.cli", "info", *paths], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def one_line_error(proc: subprocess.CompletedProcess, name: str) -> str:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if name in line]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("shuoming: ")
    return lines[0]


# -- an encrypted PDF (PDF 1.4 standard security handler, revision 2, 40-bit RC4) -----------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF that needs the user password ``user`` to open (algorithms 3.1–3.4 of PDF 1.4)."""
    pad = lambda pw: (pw + _PAD)[:32]  # noqa: E731
    file_id = hashlib.md5(b"shuoming-test").digest()
    o_entry = _rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
    perms = -4
    key = hashlib.md5(pad(user) + o_entry + struct.pack("<i", perms) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <" + u_entry.hex().encode()
        + b"> /P " + str(perms).encode() + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objects) + 1)
            + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def test_generated_encrypted_pdf_opens_with_its_password():
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(encrypted_pdf(), password="secret")  # so the file itself is well formed
    assert len(pdf) == 1
    pdf.close()


# -- one-line errors -----------------------------------------------------------------------------

def test_encrypted_pdf_one_line_error(tmp_path):
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(encrypted_pdf())
    line = one_line_error(run_info(str(bad)), "locked.pdf")
    assert "encrypted PDF" in line and "password" in line


def test_truncated_pdf_one_line_error(tmp_path):
    data = CZJ.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 2])
    assert "truncated PDF" in one_line_error(run_info(str(bad)), "truncated.pdf")


def test_text_file_named_pdf_one_line_error(tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("上海市普陀区财政局2024年度部门决算\n一、收入支出决算总体情况说明\n", encoding="utf-8")
    assert "not a PDF" in one_line_error(run_info(str(bad)), "notes.pdf")


def test_damaged_structure_one_line_error(tmp_path):
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    assert "damaged PDF" in one_line_error(run_info(str(bad)), "damaged.pdf")


def test_bad_pdf_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(CZJ.read_bytes()[:5000])
    proc = run_info(str(bad), str(CZJ))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert '"department": "上海市普陀区财政局"' in proc.stdout
    assert '"source": "pdf"' in proc.stdout and '"pages": 25' in proc.stdout


def test_sections_command_on_pdf():
    proc = subprocess.run([sys.executable, "-m", "nlp.cli", "sections", str(CZJ)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "一、收入支出决算总体情况说明" in proc.stdout and "第三部分" in proc.stdout


# -- scanned pages -------------------------------------------------------------------------------

def _with_scanned_pages(source: bytes | None, n_scans: int) -> bytes:
    import PIL.Image
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    if source is not None:
        pdf.import_pages(pdfium.PdfDocument(source))
    for _ in range(n_scans):
        page = pdf.new_page(595, 842)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(PIL.Image.new("RGB", (60, 80), "white")))
        image.set_matrix(pdfium.PdfMatrix().scale(500, 700).translate(40, 60))
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_scanned_page_is_reported_per_page():
    from nlp.pdf import read_pdf

    doc = read_pdf("mixed.pdf", _with_scanned_pages(CZJ.read_bytes(), 2))
    assert doc.meta["page_count"] == 27
    assert doc.meta["pages_needing_ocr"] == [26, 27]
    assert len(doc.notes) == 2 and all("needs OCR" in n for n in doc.notes)
    assert "page 26" in doc.notes[0]
    assert "财政拨款收入支出总计0.3万元" in doc.raw  # the text pages are read as before


def test_fully_scanned_pdf_one_line_error(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(_with_scanned_pages(None, 3))
    line = one_line_error(run_info(str(bad)), "scan.pdf")
    assert "needs OCR" in line and "3 pages" in line


@pytest.mark.parametrize("cut", [100, 20_000])
def test_read_pdf_raises_input_error_not_traceback(cut):
    from nlp.errors import InputError
    from nlp.pdf import read_pdf

    with pytest.raises(InputError) as info:
        read_pdf("cut.pdf", TEMPLATE.read_bytes()[:cut])
    assert "\n" not in str(info.value)
