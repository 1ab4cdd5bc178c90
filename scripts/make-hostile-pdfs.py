#!/usr/bin/env python3
"""Writes small PDFs built to exhaust a reader, byte for byte (correct cross-reference
table, nothing a repair pass has to guess), so that what they test is the reader's limits
and not Poppler's tolerance of a broken file.

    make-hostile-pdfs.py OUTPUT_DIRECTORY

hostile-huge-page.pdf      one page of 14400 x 14400 pt (the largest PDF 1.7 allows, 5 m
                           a side) and no text layer: drawn at 300 dpi for OCR it would be
                           60000 x 60000 pixels, 13 GiB of RGB.
hostile-text-bomb.pdf      one A4 page whose content stream, Flate-compressed twice, is a
                           few kilobytes in the file and expands to 2 GiB of text-showing
                           operators, hundreds of millions of glyphs for the text layer.
"""
import sys
import zlib


def pdf(objects):
    """A PDF of the given object bodies (object 1 is the catalog), with an exact xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def page_objects(media_box, content, filters=b""):
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + b"] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(filters, content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]


def huge_page():
    # A thin frame and nothing else: no text, so the reader goes to OCR.
    content = b"0.5 w 36 36 14328 14328 re S"
    return pdf(page_objects(b"0 0 14400 14400", content))


def text_bomb(expanded_bytes=2 << 30):
    # One line of words, shown again and again at the same place: each Tj is text Poppler's
    # text layer must keep.
    line = b"BT /F1 10 Tf 72 770 Td (Bao cao so 01/BC-UBND khong co that) Tj ET\n"
    chunk = line * ((1 << 20) // len(line))
    once = zlib.compressobj(9)
    compressed = bytearray()
    for _ in range(expanded_bytes // len(chunk)):
        compressed += once.compress(chunk)
    compressed += once.flush()
    twice = zlib.compress(bytes(compressed), 9)
    return pdf(page_objects(b"0 0 595 842", twice, b"/Filter [/FlateDecode /FlateDecode]"))


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    for name, data in [("hostile-huge-page.pdf", huge_page()), ("hostile-text-bomb.pdf", text_bomb())]:
        with open(f"{argv[1]}/{name}", "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv)
