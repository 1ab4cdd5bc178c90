#!/usr/bin/env python3
"""(Re)creates the Tests/Fixtures/*.eml files for the broken MIME shapes dondoc repairs
(docs/mime-tolerances.md): each is written byte by byte, so that the broken shape is really
in the file and no editor or mail library tidies it away. The documents inside are made
here too, deterministically, and their SHA-256 printed: the tests pin those digests, which
are what the sender's files hash to.

    python3 scripts/make-mime-repair-fixtures.py

Only the standard library; the tests need only the committed .eml files.
"""
import base64
import binascii
import hashlib
import io
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures"
CRLF = b"\r\n"


def pdf(title: str, extra: int) -> bytes:
    """A small one-page PDF as agencies send; `extra` pads a comment so that the length,
    and with it the base64 padding, is what a fixture needs."""
    text = title.encode("ascii")
    stream = b"BT /F1 12 Tf 72 770 Td (" + text + b") Tj ET\n"
    body = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n"
            b"4 0 obj\n<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream\nendobj\n")
    return body + b"%" + b"x" * extra + b"\ntrailer\n<< /Size 5 /Root 1 0 R >>\n%%EOF\n"


def pdf_with_remainder(title: str, remainder: int) -> bytes:
    """A PDF whose length mod 3 is `remainder`: 1 leaves `==` padding, 2 leaves `=`."""
    for extra in range(3):
        document = pdf(title, extra)
        if len(document) % 3 == remainder:
            return document
    raise AssertionError("unreachable")


def zipped(name: str, text: str) -> bytes:
    """A zip as a person attaches one: fixed dates, so the bytes never change."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        info = zipfile.ZipInfo(name, date_time=(2020, 5, 8, 9, 30, 0))
        archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def b_word(text: str) -> bytes:
    return b"=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")) + b"?="


def unpadded_b_word(text: str) -> bytes:
    encoded = base64.b64encode(text.encode("utf-8"))
    assert encoded.endswith(b"="), f"{text!r} needs no padding; pick a text that does"
    return b"=?UTF-8?B?" + encoded.rstrip(b"=") + b"?="


def base64_lines(data: bytes, unpadded: bool = False) -> bytes:
    encoded = base64.b64encode(data)
    if unpadded:
        encoded = encoded.rstrip(b"=")
    return CRLF.join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def lines(*parts: bytes) -> bytes:
    return CRLF.join(parts)


def write(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)
    print(f"{name}: {len(data)} bytes")


def digest(label: str, data: bytes) -> None:
    print(f"  {label}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


def unpadded_base64() -> None:
    """Shape 1: base64 with its `=` padding stripped, in encoded-words and in bodies."""
    report = pdf_with_remainder("Bao cao quy II 21/BC-SKHDT", 1)
    annex = pdf_with_remainder("Phu luc dau tu 21/BC-SKHDT", 2)
    digest("Báo cáo quý II 2020.pdf", report)
    digest("Phụ lục Đầu tư.pdf", annex)
    text = "Sở Kế hoạch và Đầu tư gửi báo cáo quý II.\r\n".encode("utf-8")
    write("unpadded-base64.eml", lines(
        b"From: " + unpadded_b_word("Sở Kế hoạch và Đầu tư") + b" " + b_word(" tỉnh Điện Biên")
        + b" <skhdt@dienbien.example.org>",
        b"To: vanphong@hdnd.example.org",
        b"Subject: " + unpadded_b_word("Báo cáo quý II"),
        b"Date: Mon, 13 Jul 2020 09:12:00 +0700",
        b"Message-ID: <unpadded.21bcskhdt@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="=_quy2"',
        b"",
        b"--=_quy2",
        b"Content-Type: text/plain; charset=UTF-8",
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(text, unpadded=True),
        b"--=_quy2",
        b'Content-Type: application/pdf; name="' + unpadded_b_word("Báo cáo quý II 2020.pdf") + b'"',
        b"Content-Disposition: attachment;",
        b' filename="' + unpadded_b_word("Báo cáo quý II 2020.pdf") + b'"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(report, unpadded=True),
        b"--=_quy2",
        b"Content-Type: application/pdf",
        b"Content-Disposition: attachment;",
        b' filename="' + b_word("Phụ lục ") + b" " + unpadded_b_word("Đầu tư.pdf") + b'"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(annex, unpadded=True),
        b"--=_quy2--",
        b""))


def hopeless_base64() -> None:
    """Base64 that no reader can make whole: a character lost in transport. Listed, marked."""
    report = pdf_with_remainder("Bao cao 22/BC-STC", 0)
    digest("22-BC-STC.pdf (sent)", report)
    encoded = base64.b64encode(report)
    damaged = encoded[:100] + encoded[101:]
    # What gives the loss away: the last group is short, and its leftover bits are not the
    # zeros an encoder writes there.
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    assert len(damaged) % 4 == 3 and alphabet.index(damaged[-1:]) & 0b11 != 0
    write("hopeless-base64.eml", lines(
        b'From: "So Tai chinh" <stc@dienbien.example.org>',
        b"To: vanphong@hdnd.example.org",
        b"Subject: Bao cao 22/BC-STC",
        b"Date: Tue, 14 Jul 2020 10:00:00 +0700",
        b"Message-ID: <hopeless.22bcstc@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="stc22"',
        b"",
        b"--stc22",
        b'Content-Type: application/pdf; name="22-BC-STC.pdf"',
        b'Content-Disposition: attachment; filename="22-BC-STC.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"",
        CRLF.join(damaged[i:i + 76] for i in range(0, len(damaged), 76)),
        b"--stc22--",
        b""))


def uuencode_stripped_spaces() -> None:
    """Shape 2: uuencode writes a space for six zero bits; a relay that strips trailing
    spaces leaves lines shorter than their length character says."""
    archive = zipped("Bao cao 08-BC-UBND.txt", "UBND huyện Mường Chà: báo cáo 08/BC-UBND.\n" * 3)
    digest("08-BC-UBND.zip", archive)
    encoded_lines = []
    for i in range(0, len(archive), 45):
        encoded_lines.append(binascii.b2a_uu(archive[i:i + 45], backtick=False).rstrip(b"\n").rstrip(b" "))
    stripped = sum(1 for i in range(0, len(archive), 45)
                   if binascii.b2a_uu(archive[i:i + 45], backtick=False).rstrip(b"\n").endswith(b" "))
    print(f"  {stripped} of {len(encoded_lines)} lines lost trailing spaces")
    write("uuencode-stripped-trailing-spaces.eml", lines(
        b'From: "UBND huyen Muong Cha" <ubndmuongcha@dienbien.example.org>',
        b"To: vanphong@hdnd.example.org",
        b"Subject: Bao cao 08/BC-UBND",
        b"Date: Wed, 15 Jul 2020 08:00:00 +0700",
        b"Message-ID: <uu.08bcubnd@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="uu08"',
        b"",
        b"--uu08",
        b'Content-Type: application/zip; name="08-BC-UBND.zip"',
        b'Content-Disposition: attachment; filename="08-BC-UBND.zip"',
        b"Content-Transfer-Encoding: x-uuencode",
        b"",
        b"begin 644 08-BC-UBND.zip",
        CRLF.join(encoded_lines),
        b"`",
        b"end",
        b"--uu08--",
        b""))


def missing_separator() -> None:
    """Shape 3: no blank line between a part's header and its base64 body, as Gmail has
    sent; the first line that is no header field starts the body."""
    report = pdf_with_remainder("Bao cao 31/BC-SYT", 0)
    annex = pdf_with_remainder("Phu luc 31/BC-SYT", 1)
    digest("31-BC-SYT.pdf", report)
    digest("Phụ lục 31-BC-SYT.pdf", annex)
    write("missing-header-body-separator.eml", lines(
        b"From: =?UTF-8?B?U+G7nyBZIHThur8gxJBp4buHbiBCacOqbg==?= <syt@dienbien.example.org>",
        b"To: vanphong@hdnd.example.org",
        b"Subject: =?UTF-8?B?QsOhbyBjw6FvIDMxL0JDLVNZVA==?=",
        b"Date: Thu, 16 Jul 2020 14:20:00 +0700",
        b"Message-ID: <CAGmail31bcsyt@mail.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="000000000000a1b2c3d4e5f6"',
        b"",
        b"--000000000000a1b2c3d4e5f6",
        b'Content-Type: text/plain; charset="UTF-8"',
        b"Content-Transfer-Encoding: 8bit",
        "Kính gửi: Văn phòng HĐND tỉnh, Sở Y tế gửi báo cáo.".encode("utf-8"),
        b"",
        b"--000000000000a1b2c3d4e5f6",
        b'Content-Type: application/pdf; name="31-BC-SYT.pdf"',
        b'Content-Disposition: attachment; filename="31-BC-SYT.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"X-Attachment-Id: f_kc8xq1v20",
        b"Content-ID: <f_kc8xq1v20>",
        base64_lines(report),
        b"--000000000000a1b2c3d4e5f6",
        b"Content-Type: application/pdf;",
        b' name="=?UTF-8?B?UGjhu6UgbOG7pWMgMzEtQkMtU1lULnBkZg==?="',
        b"Content-Disposition: attachment;",
        b' filename="=?UTF-8?B?UGjhu6UgbOG7pWMgMzEtQkMtU1lULnBkZg==?="',
        b"Content-Transfer-Encoding: base64",
        base64_lines(annex),
        b"--000000000000a1b2c3d4e5f6--",
        b""))


def subtypeless_content_type() -> None:
    """Shape 4: a Content-Type with no subtype, as old webmails and scanners write it."""
    archive = zipped("Bao cao 05-BC-SGTVT.txt", "Sở Giao thông vận tải: báo cáo 05/BC-SGTVT.\n")
    report = pdf_with_remainder("Bao cao 05/BC-SGTVT", 2)
    digest("05-BC-SGTVT.tgz", archive)
    digest("Báo cáo 05-BC-SGTVT.pdf", report)
    write("content-type-without-subtype.eml", lines(
        b'From: "So GTVT" <sgtvt@dienbien.example.org>',
        b"To: vanphong@hdnd.example.org",
        b"Subject: Bao cao 05/BC-SGTVT",
        b"Date: Fri, 17 Jul 2020 16:45:00 +0700",
        b"Message-ID: <subtypeless.05bcsgtvt@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="gtvt05"',
        b"",
        b"--gtvt05",
        b"Content-Type: text/plain; charset=UTF-8",
        b"Content-Transfer-Encoding: 8bit",
        b"",
        "Sở GTVT gửi báo cáo và phụ lục nén.".encode("utf-8"),
        b"",
        b"--gtvt05",
        b'Content-Type: application-x-gzip; name="05-BC-SGTVT.tgz"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(archive),
        b"--gtvt05",
        b"Content-Type: BINARY;",
        b' name="=?UTF-8?B?QsOhbyBjw6FvIDA1LUJDLVNHVFZULnBkZg==?="',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(report),
        b"--gtvt05--",
        b""))


def closing_boundary_at_end() -> None:
    """Shape 5: the closing delimiter is the last bytes of the message, no line break
    after it. The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1),
    whatever ends the delimiter line."""
    report = pdf_with_remainder("Bao cao 14/BC-SNNPTNT", 0)
    annex = pdf_with_remainder("Phu luc 14/BC-SNNPTNT", 1)
    digest("14-BC-SNNPTNT.pdf", report)
    digest("Phu luc 14-BC-SNNPTNT.pdf", annex)
    write("closing-boundary-at-end-of-data.eml", lines(
        b'From: "So NN&PTNT" <snnptnt@dienbien.example.org>',
        b"To: vanphong@hdnd.example.org",
        b"Subject: Bao cao 14/BC-SNNPTNT",
        b"Date: Sat, 18 Jul 2020 07:30:00 +0700",
        b"Message-ID: <eof-boundary.14bcsnnptnt@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="nn14"',
        b"",
        b"--nn14",
        b'Content-Type: application/pdf; name="14-BC-SNNPTNT.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(report),
        b"--nn14",
        b'Content-Type: application/pdf; name="Phu luc 14-BC-SNNPTNT.pdf"',
        b"Content-Transfer-Encoding: binary",
        b"",
        annex,
        b"--nn14--"))


def mime_headers_only() -> None:
    """Shape 6a: a message whose header has only MIME fields (a scanner's mail, a part
    saved as a message): nothing says who sent it, but its files are there."""
    report = pdf_with_remainder("Scan 0716", 0)
    digest("SCAN_0716.pdf", report)
    write("mime-headers-only.eml", lines(
        b'Content-Type: multipart/mixed; boundary="scan0716"',
        b"Content-Transfer-Encoding: 7bit",
        b"",
        b"--scan0716",
        b"Content-Type: text/plain; charset=us-ascii",
        b"",
        b"Scanned by MFP-3050 (Phong van thu)",
        b"--scan0716",
        b'Content-Type: application/pdf; name="SCAN_0716.pdf"',
        b'Content-Disposition: attachment; filename="SCAN_0716.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(report),
        b"--scan0716--",
        b""))


def leading_folded_line() -> None:
    """Shape 6b: the header starts with a folded line (a continuation with nothing to
    continue) and a whitespace-only line, left by a relay that cut a header above them."""
    report = pdf_with_remainder("Bao cao 19/BC-SXD", 2)
    digest("19-BC-SXD.pdf", report)
    write("leading-folded-line.eml", lines(
        b"\tby mail.dienbien.example.org (Postfix) with ESMTP id 4B7C2D1E0F;",
        b"   ",
        b"From: =?UTF-8?B?U+G7nyBYw6J5IGThu7FuZw==?= <sxd@dienbien.example.org>",
        b"To: vanphong@hdnd.example.org",
        b"Subject: =?UTF-8?B?QsOhbyBjw6FvIDE5L0JDLVNYRA==?=",
        b"Date: Sun, 19 Jul 2020 11:05:00 +0700",
        b"Message-ID: <leading-fold.19bcsxd@dienbien.example.org>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="sxd19"',
        b"",
        b"--sxd19",
        b'Content-Type: application/pdf; name="19-BC-SXD.pdf"',
        b"Content-Transfer-Encoding: base64",
        b"",
        base64_lines(report),
        b"--sxd19--",
        b""))


if __name__ == "__main__":
    unpadded_base64()
    hopeless_base64()
    uuencode_stripped_spaces()
    missing_separator()
    subtypeless_content_type()
    closing_boundary_at_end()
    mime_headers_only()
    leading_folded_line()
