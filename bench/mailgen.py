#!/usr/bin/env python3
"""What bench/run.sh measures dondoc and its peers on, made from nothing: a campaign of
N agencies, mailboxes of generated mail delivered straight into a Maildir, one message
with a big attachment, and mailmerge's template and database for the same reminders.

Standard library only; deterministic for a given seed. Every address is under
example.org or .test.

    mailgen.py agencies --count 1000 --out agencies.json
    mailgen.py campaign --agencies agencies.json --out campaign.yaml --imap-url URL ...
    mailgen.py pdf-html --agencies agencies.json --out pages.html
    mailgen.py handmade-pdfs --agencies agencies.json --dir DIR
    mailgen.py maildir --agencies agencies.json --pdfs DIR --dir MAILDIR --count N [--seed S]
    mailgen.py big --agencies agencies.json --dir MAILDIR --bytes N
    mailgen.py mailmerge --agencies agencies.json --template-source due_today.mustache ...

The mail (`maildir`): Vietnamese subjects and sender names as RFC 2047 encoded words
(B and Q, folded), bodies in 8bit, quoted-printable or base64, ~12 KB a message on
average; a third multipart/alternative with HTML, a quarter with an annex (CSV or text)
named the RFC 2231 way (with and without continuations), and --pdf-percent (default 5)
with a small one-page PDF report, distinct bytes each. Three quarters of the agencies
write; the others never do (they are the missing ones of the report). INTERNALDATE (the
file's mtime) runs from the campaign's opening to ten days after its deadline, in file
name order, which is Dovecot's UID order.
"""
import argparse
import base64
import binascii
import datetime
import email.charset
import email.header
import email.utils
import json
import os
import random
import sys
import urllib.parse
import zlib

TZ = datetime.timezone(datetime.timedelta(hours=7))
OPENS = datetime.datetime(2020, 4, 15, 7, 0, tzinfo=TZ)
LAST = datetime.datetime(2020, 5, 19, 17, 0, tzinfo=TZ)
CRLF = "\r\n"

# Communes of Điện Biên and the bodies every commune has: 40 × 25 = 1,000 agencies.
LOCALITIES = [
    "Thanh Xương", "Thanh Nưa", "Thanh Luông", "Thanh Hưng", "Thanh Chăn", "Thanh Yên",
    "Noong Luống", "Noong Hẹt", "Sam Mứn", "Pom Lót", "Núa Ngam", "Hẹ Muông", "Na Ư",
    "Mường Pồn", "Mường Phăng", "Nà Nhạn", "Nà Tấu", "Mường Lói", "Na Tông", "Phu Luông",
    "Hua Thanh", "Mường Nhà", "Pá Khoang", "Mường Luân", "Chiềng Sơ", "Luân Giói",
    "Keo Lôm", "Na Son", "Xa Dung", "Phì Nhừ", "Tìa Dình", "Háng Lìa", "Phình Giàng",
    "Pú Hồng", "Mường Mùn", "Quài Cang", "Quài Nưa", "Tỏa Tình", "Búng Lao", "Ẳng Nưa",
]
BODIES = [
    ("ubnd", "Ủy ban nhân dân xã"), ("hdnd", "Thường trực Hội đồng nhân dân xã"),
    ("ca", "Công an xã"), ("th", "Trường Tiểu học"), ("thcs", "Trường Trung học cơ sở"),
    ("mn", "Trường Mầm non"), ("tyt", "Trạm Y tế xã"), ("hnd", "Hội Nông dân xã"),
    ("hlhpn", "Hội Liên hiệp Phụ nữ xã"), ("dtn", "Đoàn Thanh niên xã"),
    ("mttq", "Ủy ban Mặt trận Tổ quốc xã"), ("bchqs", "Ban Chỉ huy Quân sự xã"),
    ("htx", "Hợp tác xã Nông nghiệp"), ("hccb", "Hội Cựu chiến binh xã"),
    ("bqlc", "Ban Quản lý chợ"), ("qtd", "Quỹ Tín dụng nhân dân"),
    ("bdvh", "Bưu điện văn hóa xã"), ("nvh", "Nhà Văn hóa xã"), ("tv", "Thư viện xã"),
    ("tkn", "Trạm Khuyến nông"), ("hkl", "Hạt Kiểm lâm"), ("dtt", "Đội Thuế xã"),
    ("dcdc", "Ban Địa chính - Xây dựng xã"), ("vhxh", "Ban Văn hóa - Xã hội xã"),
    ("tp", "Ban Tư pháp - Hộ tịch xã"),
]
SURNAMES = ["Nguyễn", "Trần", "Lò", "Lường", "Quàng", "Cà", "Vì", "Lê", "Phạm", "Hoàng", "Tòng", "Giàng"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Chiến", "Dũng", "Hoa", "Hương", "Khánh", "Lan", "Mai", "Nam", "Phượng", "Sơn", "Thắm", "Tuấn", "Xuân"]

SENTENCES = [
    "Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình,",
    "đơn vị đã rà soát, tổng hợp và triển khai đầy đủ các nội dung được giao trong thời gian qua.",
    "Các tồn tại, hạn chế đã được chỉ ra cùng nguyên nhân và giải pháp khắc phục trong thời gian tới.",
    "Công tác cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân đạt 92,5% kế hoạch năm.",
    "Việc giải quyết đơn thư, kiến nghị của cử tri được thực hiện đúng quy định, không để tồn đọng kéo dài.",
    "Nguồn vốn đầu tư xây dựng cơ bản được giải ngân đúng tiến độ, bảo đảm công khai, minh bạch.",
    "Đơn vị đề nghị Thường trực Hội đồng nhân dân tỉnh xem xét, tạo điều kiện hỗ trợ kinh phí sửa chữa trụ sở.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
    "Công tác phòng, chống dịch bệnh Covid-19 được triển khai quyết liệt, đồng bộ, hiệu quả.",
    "Tỷ lệ hộ nghèo giảm 3,2% so với cùng kỳ; thu nhập bình quân đầu người tăng 8,1%.",
    "Đã tổ chức 14 hội nghị tuyên truyền, phổ biến giáo dục pháp luật với hơn 1.200 lượt người tham gia.",
    "Một số chỉ tiêu chưa đạt do điều kiện địa hình chia cắt, giao thông đi lại khó khăn vào mùa mưa.",
    "Đơn vị cam kết tiếp tục thực hiện nghiêm túc các kết luận của Thường trực Hội đồng nhân dân tỉnh.",
    "Kèm theo báo cáo này là phụ lục số liệu chi tiết và danh sách các kiến nghị đã được giải quyết.",
    "Trong quá trình thực hiện, nếu có vướng mắc đề nghị liên hệ đồng chí Phó Chủ tịch phụ trách lĩnh vực.",
]
SUBJECTS = {
    "submission": [
        "Báo cáo giải trình số {n}/BC-{code} của {name}",
        "V/v gửi báo cáo kết quả thực hiện kiến nghị sau giải trình ({name})",
        "{name} gửi Báo cáo {n}/BC-{code} về việc thực hiện kết luận phiên giải trình",
        "Báo cáo kết quả giải trình quý II năm 2020 - {name}",
    ],
    "reply": ["Re: [GT2020-{code}] Hạn cuối gửi báo cáo giải trình: ngày 09/05/2020",
              "Trả lời: [GT2020-{code}] Đề nghị gửi báo cáo giải trình chậm nhất ngày 09/05/2020"],
    "correspondence": [
        "Giấy mời họp giao ban tháng 5 - {name}",
        "Công văn số {n}/CV-{code} về việc đề nghị bổ sung kinh phí",
        "V/v cử cán bộ tham dự tập huấn nghiệp vụ văn thư, lưu trữ",
        "Kế hoạch tổ chức Tết Thiếu nhi 1/6 năm 2020 của {name}",
        "Fwd: Thông báo lịch tiếp công dân định kỳ",
    ],
    "personal": [
        "Gửi báo cáo giải trình của {name}",
        "Em gửi báo cáo của đơn vị {name} ạ",
        "báo cáo giải trình (bản ký số)",
    ],
    "list": ["Bản tin Điện Biên số {n}: Tin hoạt động Hội đồng nhân dân các cấp",
             "Thông báo: lịch cắt điện khu vực thành phố Điện Biên Phủ tuần {n}"],
    "auto": ["Trả lời tự động: Vắng mặt khỏi văn phòng", "Automatic reply: Đang đi công tác đến hết ngày {d}/5"],
}
ANNEXES = ["Phụ lục số liệu kèm theo báo cáo {code}.csv", "Danh sách kiến nghị đã giải quyết.csv",
           "Bảng tổng hợp ý kiến cử tri - {code}.csv", "Ghi chú của văn thư.txt"]


def agency_list(count):
    agencies = []
    for body_index, (body_slug, body_name) in enumerate(BODIES):
        for locality in LOCALITIES:
            slug = fold(locality).replace(" ", "-")
            agencies.append({
                "id": f"{body_slug}-{slug}",
                "name": f"{body_name} {locality}",
                "email": f"{body_slug}.{slug.replace('-', '')}@dienbien.example.org",
            })
    random.Random(7).shuffle(agencies)
    if count > len(agencies):
        sys.exit(f"mailgen: at most {len(agencies)} agencies")
    return agencies[:count]


def fold(text):
    table = str.maketrans("đĐ", "dD")
    import unicodedata
    decomposed = unicodedata.normalize("NFD", text.translate(table))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# ---------------------------------------------------------------- campaign


def yaml_string(text):
    return json.dumps(text, ensure_ascii=False)


def write_campaign(args):
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    lines = [
        "# Generated by bench/mailgen.py: the Điện Biên campaign of examples/dien-bien-2020.yaml",
        f"# with {len(agencies)} agencies (communal bodies), pointed at the bench's loopback servers.",
        "campaign:",
        "  id: giai-trinh-2020-q2",
        "  title: Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020",
        "  timezone: Asia/Ho_Chi_Minh",
        f"  opens: {args.opens}",
        f"  deadline: {args.deadline}",
        "  tag: GT2020",
        "office:",
        "  name: Văn phòng HĐND tỉnh Điện Biên",
        "  address: vanphong@hdnd.example.org",
        "  secretariat: [chanhvanphong@hdnd.example.org]",
        "mailbox:",
        f"  url: {args.imap_url}",
        f"  username: {args.imap_user}",
        f"  password_file: {args.imap_secret}",
        f"  ca_file: {args.ca}",
        "  after_processing: none",
        "  time_limit_seconds: 86400",
        "smtp:",
        f"  url: {args.smtp_url}",
        f"  username: {args.smtp_user}",
        f"  password_file: {args.smtp_secret}",
        f"  ca_file: {args.ca}",
        "store:",
        f"  path: {args.store}",
        "reminders:",
        "  before_days: [7, 3, 1]",
        "  on_deadline_day: true",
        "  overdue_every_days: 1",
        "  overdue_max: 10",
        "  working_days_only: true",
        "  holidays: [2020-04-30, 2020-05-01]",
        "  receipts: false",
        "  receipt_window_hours: 36",
        "agencies:",
    ]
    for agency in agencies:
        lines += [f"  - id: {agency['id']}", f"    name: {yaml_string(agency['name'])}",
                  f"    emails: [{agency['email']}]"]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- PDFs


def pdf_html(args):
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    pages = []
    for number, agency in enumerate(agencies, 1):
        code = agency["id"].upper()
        body = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(6))
        pages.append(f"""<section>
<table style="width:100%"><tr><td style="text-align:center;width:45%">UBND HUYỆN ĐIỆN BIÊN<br><b>{agency['name'].upper()}</b><br>Số: {number}/BC-{code}</td>
<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><i>Điện Biên, ngày {1 + number % 9:02d} tháng 5 năm 2020</i></td></tr></table>
<h2 style="text-align:center">BÁO CÁO</h2><p style="text-align:center">Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực HĐND tỉnh</p>
<p>Kính gửi: Thường trực HĐND tỉnh Điện Biên</p><p>{body}</p><p style="text-align:right"><b>THỦ TRƯỞNG ĐƠN VỊ</b></p></section>""")
    with open(args.out, "w", encoding="utf-8") as out:
        out.write('<html><head><meta charset="utf-8"><style>section{page-break-after:always;font-family:"Noto Serif",serif;font-size:13pt}</style></head><body>')
        out.write("\n".join(pages))
        out.write("</body></html>")


def handmade_pdf(lines, image_bytes=0, rng=None):
    """A one-page PDF with an ASCII text layer (Helvetica) and, with image_bytes, a
    grey image of that many incompressible bytes drawn under the text: a scan's weight."""
    objects = []
    text = "BT /F1 12 Tf 72 770 Td 16 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines) + " ET"
    content = text.encode("latin-1")
    resources = "/Font << /F1 5 0 R >>"
    if image_bytes:
        width = 4000
        height = max(1, image_bytes // width)
        content = f"q 451 0 0 {int(451 * height / width)} 72 40 cm /Im1 Do Q ".encode() + content
        resources += " /XObject << /Im1 6 0 R >>"
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> /Contents 4 0 R >>".encode())
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    if image_bytes:
        pixels = (rng or random.Random(1)).randbytes(width * height)
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n"
                       % (width, height, len(pixels)) + pixels + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def agency_pdf_lines(number, agency):
    code = agency["id"].upper()
    return ["UBND HUYEN DIEN BIEN", fold(agency["name"]).upper(), f"So: {number}/BC-{code}",
            "CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc",
            f"Dien Bien, ngay {1 + number % 9:02d} thang 5 nam 2020", "BAO CAO",
            "Ket qua thuc hien cac kien nghi sau phien giai trinh", "Kinh gui: Thuong truc HDND tinh Dien Bien"]


def handmade_pdfs(args):
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    os.makedirs(args.dir, exist_ok=True)
    for number, agency in enumerate(agencies, 1):
        with open(os.path.join(args.dir, f"{number}.pdf"), "wb") as out:
            out.write(handmade_pdf(agency_pdf_lines(number, agency)))


# ---------------------------------------------------------------- MIME pieces


def encoded_header(name, text, rng, q=None):
    """RFC 2047: B or Q encoded words, folded, as mail clients write them."""
    if text.isascii():
        return f"{name}: {text}"
    charset = email.charset.Charset("utf-8")
    use_q = rng.random() < 0.4 if q is None else q
    charset.header_encoding = email.charset.QP if use_q else email.charset.BASE64
    header = email.header.Header(text, charset, header_name=name, maxlinelen=76)
    return f"{name}: " + header.encode(linesep=CRLF)


ADDRESSES = {}


def address(display, addr, rng):
    """The same sender is written the same way each time (Q or B, by its address)."""
    key = (display, addr)
    if key not in ADDRESSES:
        ADDRESSES[key] = _address(display, addr, random.Random(addr))
    return ADDRESSES[key]


def _address(display, addr, rng):
    if display.isascii():
        return f'"{display}" <{addr}>'
    charset = email.charset.Charset("utf-8")
    charset.header_encoding = email.charset.QP if rng.random() < 0.5 else email.charset.BASE64
    return email.header.Header(display, charset).encode() + f" <{addr}>"


def rfc2231(parameter, filename, rng):
    """`filename*=UTF-8''…`, split into continuations (`filename*0*=`…) when long, as
    Thunderbird does."""
    quoted = urllib.parse.quote(filename, safe="")
    if len(quoted) <= 60 or rng.random() < 0.3:
        return [f"{parameter}*=UTF-8''{quoted}"]
    pieces, rest, first = [], quoted, True
    while rest:
        cut = min(len(rest), 60)
        # Never split a %XX escape.
        while cut < len(rest) and "%" in rest[max(0, cut - 2):cut]:
            cut -= 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [f"{parameter}*{i}*=" + ("UTF-8''" if i == 0 else "") + piece for i, piece in enumerate(pieces)]


def wrap76(data):
    return CRLF.join(data[i:i + 76] for i in range(0, len(data), 76))


def encode_body(text, encoding):
    raw = text.replace("\n", CRLF).encode("utf-8")
    if encoding == "8bit":
        return raw.decode("utf-8")
    if encoding == "quoted-printable":
        return binascii.b2a_qp(raw, istext=True).decode("ascii").replace("\r\n", "\n").replace("\n", CRLF)
    return wrap76(base64.b64encode(raw).decode("ascii"))


def base64_file(data):
    return wrap76(base64.b64encode(data).decode("ascii"))


class Texts:
    """Bodies of Vietnamese paragraphs, sized so that each encoded body is about
    `target` bytes: a small pool, reused; the headers make every message distinct."""

    def __init__(self, rng):
        self.pool = {}
        self.rng = rng

    def body(self, encoding, target):
        key = (encoding, target // 500)
        entries = self.pool.setdefault(key, [])
        if len(entries) < 24:
            paragraphs, size = [], 0
            while size < target:
                paragraphs.append(" ".join(self.rng.choice(SENTENCES) for _ in range(self.rng.randint(3, 7))))
                text = "\n\n".join(paragraphs)
                size = len(encode_body(text, encoding))
            entries.append(text)
            return text
        return self.rng.choice(entries)


def html_of(text):
    return "<html><body>" + "".join(f"<p>{p}</p>\n" for p in text.split("\n\n")) + "</body></html>"


# ---------------------------------------------------------------- one message


def message(number, rng, texts, agencies, writers, pdfs, pdf_percent, when):
    pdf = rng.random() * 100 < pdf_percent
    if pdf:
        kind = "submission" if rng.random() < 0.7 else "personal"
    else:
        kind = rng.choices(["submission", "reply", "correspondence", "personal", "list", "auto"],
                           [35, 10, 25, 15, 10, 5])[0]
    agency_index = rng.choice(writers)
    agency = agencies[agency_index]
    code = agency["id"].upper()
    values = {"n": rng.randint(1, 399), "code": code, "name": agency["name"], "d": rng.randint(10, 28)}
    subject = rng.choice(SUBJECTS[kind]).format(**values)
    if kind == "personal":
        person = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        sender = address(person, f"{fold(person).replace(' ', '')}{rng.randint(1, 99)}@mail.test", rng)
        domain = "mail.test"
    elif kind == "list":
        sender = address("Bản tin Điện Biên", "bantin@ban-tin.example.org", rng)
        domain = "ban-tin.example.org"
    else:
        sender = address(agency["name"], agency["email"], rng)
        domain = "dienbien.example.org"
    sent = when - datetime.timedelta(seconds=rng.randint(5, 600))
    message_id = f"<bench.{number}.{rng.getrandbits(40):010x}@{domain}>"
    headers = [
        f"Received: from mx1.{domain} (mx1.{domain} [192.0.2.{rng.randint(1, 254)}])" + CRLF
        + f"\tby mx.hdnd.example.org (Postfix) with ESMTPS id {rng.getrandbits(36):09X}" + CRLF
        + f"\tfor <vanphong@hdnd.example.org>; {email.utils.format_datetime(when)}",
        f"Received: from [10.0.{rng.randint(0, 9)}.{rng.randint(2, 250)}] (unknown [198.51.100.{rng.randint(1, 254)}])" + CRLF
        + f"\tby mail.{domain} with ESMTPSA; {email.utils.format_datetime(sent)}",
        "From: " + sender,
        "To: " + address("Văn phòng HĐND tỉnh Điện Biên", "vanphong@hdnd.example.org", rng),
        encoded_header("Subject", subject, rng),
        f"Message-ID: {message_id}",
        f"Date: {email.utils.format_datetime(sent)}",
        "MIME-Version: 1.0",
        rng.choice(["User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:68.0) Gecko/20100101" + CRLF + " Thunderbird/68.7.0",
                    "X-Mailer: Microsoft Outlook 16.0", "X-Mailer: Zimbra 8.8.15_GA_3829 (ZimbraWebClient - GC81 (Win)/8.8.15_GA_3829)"]),
        "Content-Language: vi",
    ]
    if kind == "reply":
        headers.append(f"In-Reply-To: <reminder.{code.lower()}@hdnd.example.org>")
    if kind == "list":
        headers += ["List-Id: Ban tin Dien Bien <ban-tin.vanphong.example.org>", "Precedence: bulk",
                    "List-Unsubscribe: <mailto:unsubscribe@ban-tin.example.org>"]
    if kind == "auto":
        headers += ["Auto-Submitted: auto-replied", "X-Autoreply: yes"]

    encoding = rng.choices(["8bit", "quoted-printable", "base64"], [30, 40, 30])[0]
    greeting = f"Kính gửi: Văn phòng HĐND tỉnh Điện Biên\n\n"
    signature = f"\n\n-- \n{agency['name']}\nĐiện thoại: 0215 38{rng.randint(10000, 99999)}\n"
    layout = "pdf" if pdf else rng.choices(["plain", "alternative", "annex"], [40, 35, 25])[0]
    boundary = f"----=_Part_{rng.getrandbits(48):012x}"
    target = rng.randint(7000, 11000)
    if layout == "plain":
        text = greeting + texts.body(encoding, target) + signature
        headers += ["Content-Type: text/plain; charset=utf-8" + ("; format=flowed" if rng.random() < 0.3 else ""),
                    f"Content-Transfer-Encoding: {encoding}"]
        body = encode_body(text, encoding)
    elif layout == "alternative":
        text = greeting + texts.body(encoding, target // 2) + signature
        headers += [f'Content-Type: multipart/alternative; boundary="{boundary}"']
        body = CRLF.join([
            f"--{boundary}", "Content-Type: text/plain; charset=utf-8", f"Content-Transfer-Encoding: {encoding}", "",
            encode_body(text, encoding),
            f"--{boundary}", "Content-Type: text/html; charset=utf-8", f"Content-Transfer-Encoding: {encoding}", "",
            encode_body(html_of(text), encoding), f"--{boundary}--", ""])
    else:
        text_size = target - 2500 if layout == "annex" else 3000
        text = greeting + texts.body(encoding, text_size) + signature
        if layout == "annex":
            name = rng.choice(ANNEXES).format(**values)
            rows = "STT,Nội dung kiến nghị,Đơn vị thực hiện,Kết quả\n" + "".join(
                f"{i},{rng.choice(SENTENCES)[:60]},{agency['name']},Đã giải quyết\n" for i in range(1, 14))
            data = rows.encode("utf-8")
            media = "text/csv" if name.endswith(".csv") else "text/plain"
        else:
            name = f"Báo cáo {values['n']}-BC-{code} giải trình về kết quả thực hiện kiến nghị.pdf"
            # Distinct bytes for every message, as every scan is: dondoc reads each once.
            data = pdfs[agency_index] + b"%% bench copy %d\n" % number
            media = "application/pdf"
        if rng.random() < 0.5:
            type_name = [f'name="{email.header.Header(name, "utf-8").encode(maxlinelen=10_000)}"']
        else:
            type_name = rfc2231("name", name, rng)
        disposition = rfc2231("filename", name, rng)
        headers += [f'Content-Type: multipart/mixed; boundary="{boundary}"']
        body = CRLF.join([
            "This is a multi-part message in MIME format.",
            f"--{boundary}", "Content-Type: text/plain; charset=utf-8", f"Content-Transfer-Encoding: {encoding}", "",
            encode_body(text, encoding),
            f"--{boundary}", f"Content-Type: {media};" + CRLF + (";" + CRLF).join(" " + p for p in type_name),
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment;" + CRLF + (";" + CRLF).join(" " + p for p in disposition), "",
            base64_file(data), f"--{boundary}--", ""])
    return (CRLF.join(headers) + CRLF + CRLF + body).encode("utf-8")


def deliver(folder, name, raw, when, owner):
    """Straight into new/ (Dovecot does not look at the folder while it is made)."""
    descriptor = os.open(os.path.join(folder, "new", name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(descriptor, raw)
        if owner:
            os.fchown(descriptor, *owner)
        stamp = when.timestamp()
        os.utime(descriptor, (stamp, stamp))
    finally:
        os.close(descriptor)


def make_folder(folder, owner):
    for sub in ["", "cur", "new", "tmp"]:
        path = os.path.join(folder, sub)
        os.makedirs(path, exist_ok=True)
        os.chmod(path, 0o755)
        if owner:
            os.chown(path, *owner)


def owner_of(text):
    if not text:
        return None
    uid, gid = text.split(":")
    return int(uid), int(gid)


def write_maildir(args):
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    pdfs = [open(os.path.join(args.pdfs, f"{i}.pdf"), "rb").read() for i in range(1, len(agencies) + 1)]
    owner = owner_of(args.owner)
    make_folder(args.dir, owner)
    # Three agencies in four write; the others never do.
    writers = sorted(random.Random(11).sample(range(len(agencies)), k=len(agencies) * 3 // 4))
    span = (LAST - OPENS).total_seconds()
    jobs = max(1, min(args.jobs, args.count // 1000 or 1))

    def chunk(index, result):
        rng = random.Random(args.seed * 1000 + index)
        texts = Texts(random.Random(args.seed * 1000 + index + 500))
        total = 0
        for number in range(args.count * index // jobs, args.count * (index + 1) // jobs):
            when = OPENS + datetime.timedelta(seconds=int(span * number / max(1, args.count)))
            raw = message(number, rng, texts, agencies, writers, pdfs, args.pdf_percent, when)
            total += len(raw)
            deliver(args.dir, f"{int(when.timestamp())}.M{number:08d}P1.bench", raw, when, owner)
        with open(result, "w") as out:
            out.write(str(total))

    children = []
    for index in range(jobs):
        result = os.path.join(args.dir, "tmp", f"bench-size-{index}")
        pid = os.fork()
        if pid == 0:
            try:
                chunk(index, result)
                os._exit(0)
            except BaseException as error:
                print(f"mailgen: {error}", file=sys.stderr)
                os._exit(1)
        children.append((pid, result))
    total = 0
    for pid, result in children:
        _, status = os.waitpid(pid, 0)
        if status != 0:
            sys.exit("mailgen: a worker failed")
        total += int(open(result).read())
        os.unlink(result)
    print(f"mailgen: {args.count} messages, {total / 1e6:.1f} MB, {total / max(1, args.count) / 1024:.1f} KiB a message"
          f" on average, in {args.dir}")


def write_big(args):
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    owner = owner_of(args.owner)
    make_folder(args.dir, owner)
    rng = random.Random(3)
    agency = agencies[0]
    pdf = handmade_pdf(agency_pdf_lines(1, agency), image_bytes=args.bytes - 1200, rng=rng)
    with open(args.pdf_out, "wb") as out:
        out.write(pdf)
    when = datetime.datetime(2020, 5, 8, 16, 40, tzinfo=TZ)
    name = "Báo cáo giải trình (bản scan, có phụ lục ảnh).pdf"
    boundary = "----=_Part_big_0001"
    headers = [
        "From: " + address(agency["name"], agency["email"], rng),
        "To: vanphong@hdnd.example.org",
        encoded_header("Subject", f"Báo cáo giải trình số 1/BC-{agency['id'].upper()} (bản scan)", rng),
        "Message-ID: <bench.big@dienbien.example.org>",
        f"Date: {email.utils.format_datetime(when)}",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
    ]
    body = CRLF.join([
        f"--{boundary}", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
        "Kính gửi: Văn phòng HĐND tỉnh Điện Biên\r\n\r\nĐơn vị gửi báo cáo giải trình (bản scan).",
        f"--{boundary}", "Content-Type: application/pdf;", " " + rfc2231("name", name, rng)[0] + ";",
        "Content-Transfer-Encoding: base64", "Content-Disposition: attachment;", " " + rfc2231("filename", name, rng)[0], "",
        base64_file(pdf), f"--{boundary}--", ""])
    raw = (CRLF.join(headers) + CRLF + CRLF + body).encode("utf-8")
    deliver(args.dir, f"{int(when.timestamp())}.M00000000P1.bench", raw, when, owner)
    print(f"mailgen: one message of {len(raw) / 1e6:.1f} MB with a {len(pdf)}-byte PDF, in {args.dir}")


# ---------------------------------------------------------------- mailmerge


def write_mailmerge(args):
    """mailmerge's template is dondoc's own due_today template (Mustache's {{name}} is
    Jinja's too) under a TO and FROM header; the database holds the values dondoc fills
    in, one row per agency, so both send the same 1,000 messages."""
    agencies = json.load(open(args.agencies, encoding="utf-8"))
    source = open(args.template_source, encoding="utf-8").read()
    office = email.header.Header("Văn phòng HĐND tỉnh Điện Biên", "utf-8").encode()
    with open(args.template, "w", encoding="utf-8") as out:
        out.write("TO: {{email}}\n" f"FROM: {office} <vanphong@hdnd.example.org>\n" + source)
    import csv
    with open(args.database, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        columns = ["email", "agency_name", "agency_code", "tag", "deadline", "today", "campaign_title",
                   "office_name", "office_address", "days_left"]
        writer.writerow(columns)
        for agency in agencies:
            writer.writerow([agency["email"], agency["name"], agency["id"].upper(), "GT2020", "09/05/2020",
                             "08/05/2020", "Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020",
                             "Văn phòng HĐND tỉnh Điện Biên", "vanphong@hdnd.example.org", "1"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("agencies")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--out", required=True)
    p = commands.add_parser("campaign")
    for name in ["agencies", "out", "imap-url", "imap-user", "imap-secret", "ca", "smtp-url", "smtp-user",
                 "smtp-secret", "store"]:
        p.add_argument("--" + name, required=True)
    p.add_argument("--opens", default="2020-04-15")
    p.add_argument("--deadline", default="2020-05-09")
    p = commands.add_parser("pdf-html")
    p.add_argument("--agencies", required=True)
    p.add_argument("--out", required=True)
    p = commands.add_parser("handmade-pdfs")
    p.add_argument("--agencies", required=True)
    p.add_argument("--dir", required=True)
    p = commands.add_parser("maildir")
    p.add_argument("--agencies", required=True)
    p.add_argument("--pdfs", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--pdf-percent", type=float, default=5)
    p.add_argument("--owner", default="")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p = commands.add_parser("big")
    p.add_argument("--agencies", required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--bytes", type=int, default=30 << 20)
    p.add_argument("--pdf-out", required=True, help="where to keep a copy of the PDF")
    p.add_argument("--owner", default="")
    p = commands.add_parser("mailmerge")
    for name in ["agencies", "template-source", "template", "database"]:
        p.add_argument("--" + name, required=True)
    args = parser.parse_args()
    if args.command == "agencies":
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(agency_list(args.count), out, ensure_ascii=False, indent=0)
    elif args.command == "campaign":
        write_campaign(args)
    elif args.command == "pdf-html":
        pdf_html(args)
    elif args.command == "handmade-pdfs":
        handmade_pdfs(args)
    elif args.command == "maildir":
        write_maildir(args)
    elif args.command == "big":
        write_big(args)
    elif args.command == "mailmerge":
        write_mailmerge(args)


if __name__ == "__main__":
    main()
