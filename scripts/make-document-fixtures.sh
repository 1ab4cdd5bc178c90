#!/usr/bin/env bash
# (Re)creates Tests/Fixtures/documents: the attachments Documents is tested on, made by
# the tools agencies' documents really come from, so that the tests meet the quirks of
# real files rather than of hand-written ones.
#
#   Chromium (print to PDF)       report-stc-text-layer.pdf, and the pages the others start from
#   poppler-utils pdftoppm        rasterises pages for the scan and the photo
#   Pillow + img2pdf (PyPI)       report-tua-chua-scanned.pdf (grey JPEG in a PDF, no text layer),
#                                 report-muong-ang-photo.jpg (tilted, noisy, stored sideways with
#                                 an EXIF orientation, as phones do)
#   pandoc (Debian)               report-skhdt.docx, report-snv.odt, from HTML with a header table
#   Python's zipfile, py7zr       reports-in-archive.zip, reports-in-archive.7z
#   make-rar-fixture.py           reports-in-archive.rar (RAR 4.x, stored: no free RAR writer exists)
#   pdftoppm -tiff / -png         report-tua-chua-scan.tiff, report-tua-chua-scan.png (the scan as
#                                 a copier's grey TIFF and as a low-resolution PNG)
#   Chromium                      report-syt-three-pages.pdf (page 3 is another agency's report)
#   make-hostile-pdfs.py          hostile-huge-page.pdf, hostile-text-bomb.pdf (exact bytes)
#   qpdf (Debian)                 encrypted.pdf (AES-256, user password), owner-password-only.pdf
#   head                          truncated.pdf (first half of a real PDF)
#   OpenSSL + pyHanko (PyPI)      test-ca.pem, other-ca.pem, signed-stnmt.pdf,
#                                 signed-then-modified.pdf (an incremental update that changes the
#                                 page after signing), signed-tampered.pdf (one signed byte changed)
#
# The tests need only what this writes (committed) and the runtime libraries; this script is
# for whoever changes a fixture. It installs what it lacks: Debian packages as root or through
# sudo, Python packages into a throwaway venv. Every key it makes is thrown away at the end.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/Tests/Fixtures/documents"
work="$(mktemp -d -t dondoc-fixtures.XXXXXX)"
trap 'rm -rf "$work"' EXIT

need_debian=()
command -v chromium >/dev/null || need_debian+=(chromium)
command -v pdftoppm >/dev/null || need_debian+=(poppler-utils)
command -v pandoc >/dev/null || need_debian+=(pandoc)
command -v qpdf >/dev/null || need_debian+=(qpdf)
command -v openssl >/dev/null || need_debian+=(openssl)
fc-list : family | grep -x "Noto Serif" >/dev/null || need_debian+=(fonts-noto-core)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_debian+=(python3-venv)
if [ ${#need_debian[@]} -gt 0 ]; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    echo "fixtures: installing ${need_debian[*]}" >&2
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need_debian[@]}" >/dev/null
fi

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q pillow==11.* img2pdf==0.6.* pyhanko==0.38.* py7zr==1.*
py="$work/venv/bin/python"

mkdir -p "$out"
rm -f "$out"/*.pdf "$out"/*.jpg "$out"/*.png "$out"/*.tiff "$out"/*.docx "$out"/*.odt "$out"/*.zip "$out"/*.7z "$out"/*.rar "$out"/*.pem

# One page of a report with the Decree 30/2020 header: issuer on the left, national motto on
# the right, then the title, the summary line, the addressee and a paragraph.
# Arguments: issuer's superior, issuer, symbol, place and date, summary, body.
page_html() {
    cat <<EOF
<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; }
  table.header { width: 100%; border-collapse: collapse; }
  table.header td { vertical-align: top; text-align: center; padding: 0; font-size: 12pt; }
  table.header td p { margin: 0; }
  .left { width: 38%; } .right { width: 62%; }
  .caps { text-transform: none; } .bold { font-weight: bold; } .italic { font-style: italic; }
  h1 { text-align: center; font-size: 14pt; margin: 28pt 0 0 0; }
  .summary { text-align: center; font-weight: bold; margin: 2pt 0 14pt 0; }
  .to { text-align: center; margin: 0 0 14pt 0; }
  p.body { text-align: justify; text-indent: 1cm; margin: 0 0 8pt 0; }
</style></head>
<body>
<table class="header"><tr>
  <td class="left"><p>$1</p><p class="bold">$2</p><p>Số: $3</p></td>
  <td class="right"><p class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
      <p class="bold">Độc lập - Tự do - Hạnh phúc</p><p class="italic">$4</p></td>
</tr></table>
<h1>BÁO CÁO</h1>
<p class="summary">$5</p>
<p class="to">Kính gửi: Thường trực HĐND tỉnh Điện Biên</p>
<p class="body">$6</p>
</body></html>
EOF
}

summary="Kết quả thực hiện các kiến nghị sau phiên giải trình của Thường trực HĐND tỉnh"
body="Thực hiện Kế hoạch số 05/KH-HĐND ngày 20 tháng 4 năm 2020 của Thường trực Hội đồng nhân dân tỉnh về tổ chức phiên giải trình, đơn vị báo cáo kết quả thực hiện như sau: đã rà soát, tổng hợp và triển khai đầy đủ các nội dung được giao; các tồn tại, hạn chế đã được chỉ ra cùng nguyên nhân và giải pháp khắc phục trong thời gian tới."

print_pdf() { # html pdf
    local profile="$work/chromium-profile"
    rm -rf "$profile"
    chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$2" "file://$1" 2>/dev/null
    [ -s "$2" ] || { echo "fixtures: chromium printed nothing for $1" >&2; exit 1; }
}

page_html "UBND TỈNH ĐIỆN BIÊN" "SỞ TÀI CHÍNH" "112/BC-STC" "Điện Biên, ngày 06 tháng 5 năm 2020" "$summary" "$body" >"$work/stc.html"
print_pdf "$work/stc.html" "$out/report-stc-text-layer.pdf"

page_html "ỦY BAN NHÂN DÂN" "HUYỆN TỦA CHÙA" "09/BC-UBND" "Tủa Chùa, ngày 07 tháng 5 năm 2020" "$summary" "$body" >"$work/tua-chua.html"
print_pdf "$work/tua-chua.html" "$work/tua-chua.pdf"
pdftoppm -r 150 -gray -png -f 1 -l 1 -singlefile "$work/tua-chua.pdf" "$work/tua-chua"

page_html "ỦY BAN NHÂN DÂN" "HUYỆN MƯỜNG ẢNG" "21/BC-UBND" "Mường Ảng, ngày 08 tháng 5 năm 2020" "$summary" "$body" >"$work/muong-ang.html"
print_pdf "$work/muong-ang.html" "$work/muong-ang.pdf"
pdftoppm -r 300 -png -f 1 -l 1 -singlefile "$work/muong-ang.pdf" "$work/muong-ang"

page_html "UBND TỈNH ĐIỆN BIÊN" "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" "45/BC-STNMT" "Điện Biên, ngày 08 tháng 5 năm 2020" "$summary" "$body" >"$work/stnmt.html"
print_pdf "$work/stnmt.html" "$work/stnmt.pdf"

"$py" - "$work" "$out" <<'EOF'
import sys, random, img2pdf
from PIL import Image, ImageFilter, ImageOps
work, out = sys.argv[1], sys.argv[2]
random.seed(30)

# A scanner's output: grey JPEG, a little speckle, wrapped in a PDF with no text at all.
scan = Image.open(f"{work}/tua-chua.png").convert("L")
scan = scan.rotate(-0.4, resample=Image.BICUBIC, fillcolor=255)
dots = Image.effect_noise(scan.size, 18).point(lambda v: 255 if v < 74 else 0)
scan = Image.composite(Image.new("L", scan.size, 70), scan, dots)
scan.save(f"{work}/tua-chua.jpg", "JPEG", quality=75, dpi=(150, 150))
with open(f"{out}/report-tua-chua-scanned.pdf", "wb") as f:
    f.write(img2pdf.convert(f"{work}/tua-chua.jpg", layout_fun=img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))))

# A phone photo of the page: warm light, tilted 1.5 degrees on a darker desk, slightly soft,
# sensor noise, and stored sideways with EXIF orientation 6 as a phone held upright writes it.
page = Image.open(f"{work}/muong-ang.png").convert("RGB")
page = Image.blend(page, Image.new("RGB", page.size, (236, 222, 190)), 0.18)
page = page.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=(92, 80, 66))
page = page.filter(ImageFilter.GaussianBlur(0.7))
noise = Image.effect_noise(page.size, 10).convert("RGB")
page = Image.blend(page, noise, 0.06)
stored = page.transpose(Image.Transpose.ROTATE_90)
exif = Image.Exif()
exif[0x0112] = 6
stored.save(f"{out}/report-muong-ang-photo.jpg", "JPEG", quality=72, exif=exif.tobytes())
check = ImageOps.exif_transpose(Image.open(f"{out}/report-muong-ang-photo.jpg"))
assert check.size == page.size, "EXIF orientation does not turn the photo upright"
EOF

# The scan again as image files: a copier's grey TIFF (LZW) at the scan's 150 dpi, and a
# PNG at 100 dpi as someone saves a scan from a viewer. pdftoppm names its output itself.
pdftoppm -r 150 -gray -tiff -tiffcompression lzw -singlefile "$out/report-tua-chua-scanned.pdf" "$work/scan-tiff"
mv "$work/scan-tiff.tif" "$out/report-tua-chua-scan.tiff"
pdftoppm -r 100 -gray -png -singlefile "$out/report-tua-chua-scanned.pdf" "$work/scan-png"
mv "$work/scan-png.png" "$out/report-tua-chua-scan.png"

# Three pages: the report of Sở Y tế over pages 1 and 2, then on page 3 another agency's
# report forwarded with it. The reader keeps pages 1-2 only, so page 3's header never
# reaches attribution.
{ page_html "UBND TỈNH ĐIỆN BIÊN" "SỞ Y TẾ" "56/BC-SYT" "Điện Biên, ngày 06 tháng 5 năm 2020" "$summary" "$body" | sed '$d'
  cat <<EOF
<div style="break-before: page">
<p class="body">Trang hai của báo cáo Sở Y tế: các kiến nghị về y tế cơ sở đã được triển khai tại 10 huyện, thị xã, thành phố.</p>
<p class="body">$body</p>
</div>
<div style="break-before: page">
<table class="header"><tr>
  <td class="left"><p>UBND TỈNH ĐIỆN BIÊN</p><p class="bold">SỞ GIÁO DỤC VÀ ĐÀO TẠO</p><p>Số: 77/BC-SGDĐT</p></td>
  <td class="right"><p class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
      <p class="bold">Độc lập - Tự do - Hạnh phúc</p><p class="italic">Điện Biên, ngày 04 tháng 5 năm 2020</p></td>
</tr></table>
<h1>BÁO CÁO</h1>
<p class="body">Trang ba: báo cáo của Sở Giáo dục và Đào tạo gửi kèm để tham khảo.</p>
</div>
</body></html>
EOF
} >"$work/syt.html"
print_pdf "$work/syt.html" "$out/report-syt-three-pages.pdf"
[ "$(pdfinfo "$out/report-syt-three-pages.pdf" | awk '/^Pages:/ { print $2 }')" = 3 ] \
    || { echo "fixtures: report-syt-three-pages.pdf is not three pages" >&2; exit 1; }

# The same header as a word processor writes it: pandoc turns the HTML table into a real
# w:tbl / table:table with one paragraph per line in each cell.
doc_html() { # issuer, symbol, place and date
    cat <<EOF
<html><head><meta charset="utf-8"></head><body>
<table><tr>
<td><p>UBND TỈNH ĐIỆN BIÊN</p><p><b>$1</b></p><p>Số: $2</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p><b>Độc lập - Tự do - Hạnh phúc</b></p><p><i>$3</i></p></td>
</tr></table>
<p><b>BÁO CÁO</b></p>
<p><b>$summary</b></p>
<p>Kính gửi: Thường trực HĐND tỉnh Điện Biên</p>
<p>$body Tỷ lệ giải ngân đạt 85% &amp; không phát sinh nợ đọng.</p>
</body></html>
EOF
}
doc_html "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" "38/BC-SKHĐT" "Điện Biên, ngày 05 tháng 5 năm 2020" >"$work/skhdt.html"
pandoc -f html -t docx -o "$out/report-skhdt.docx" "$work/skhdt.html"
doc_html "SỞ NỘI VỤ" "27/BC-SNV" "Điện Biên, ngày 07 tháng 5 năm 2020" >"$work/snv.html"
pandoc -f html -t odt -o "$out/report-snv.odt" "$work/snv.html"

# A zip as agencies send them: folders, a name that climbs out (reduced to its base name),
# a file dondoc does not read, and an archive inside the archive (listed, not opened).
"$py" - "$out" <<'EOF'
import sys, zipfile, io
out = sys.argv[1]
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    z.write(f"{out}/report-stc-text-layer.pdf", "bên trong.pdf")
with zipfile.ZipFile(f"{out}/reports-in-archive.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(f"{out}/report-stc-text-layer.pdf", "Báo cáo tháng 5/Báo cáo 112-BC-STC.pdf")
    z.writestr(zipfile.ZipInfo("../Báo cáo SKHĐT.docx"), open(f"{out}/report-skhdt.docx", "rb").read(), zipfile.ZIP_DEFLATED)
    z.writestr("ghi chú.txt", "Gửi kèm báo cáo.\n")
    z.writestr("nén lồng.zip", inner.getvalue())
EOF

# One agency's report and its annex zipped together, as a district's clerk sends them.
"$py" - "$out" <<'EOF'
import sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(f"{out}/report-tua-chua-in-archive.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(f"{out}/report-tua-chua-scanned.pdf", "Huyện Tủa Chùa/BC 09-BC-UBND (bản scan).pdf")
    z.writestr("Huyện Tủa Chùa/Phụ lục số liệu.txt", "Phụ lục kèm theo báo cáo.\n")
EOF

# The same documents as 7-Zip packs them (LZMA2), an ODT among them.
"$py" - "$out" <<'EOF'
import sys, py7zr
out = sys.argv[1]
with py7zr.SevenZipFile(f"{out}/reports-in-archive.7z", "w") as z:
    z.write(f"{out}/report-snv.odt", "Sở Nội vụ/Báo cáo 27-BC-SNV.odt")
    z.write(f"{out}/report-stc-text-layer.pdf", "Báo cáo 112-BC-STC.pdf")
EOF

# The same report as WinRAR stores it, written by our own RAR 4.x writer; bsdtar (libarchive,
# what dondoc reads it with) checks it when present.
printf 'Gửi kèm báo cáo.\n' >"$work/ghi-chu.txt"
python3 "$root/scripts/make-rar-fixture.py" "$out/reports-in-archive.rar" \
    "Báo cáo tháng 5\\Báo cáo 112-BC-STC.pdf=$out/report-stc-text-layer.pdf" "ghi chú.txt=$work/ghi-chu.txt"
if command -v bsdtar >/dev/null; then
    mkdir "$work/unrar" && LC_ALL=C.UTF-8 bsdtar -xf "$out/reports-in-archive.rar" -C "$work/unrar"
    cmp "$work/unrar/Báo cáo tháng 5/Báo cáo 112-BC-STC.pdf" "$out/report-stc-text-layer.pdf"
fi

python3 "$root/scripts/make-hostile-pdfs.py" "$out"

qpdf --encrypt "mat-khau-nguoi-doc" "mat-khau-chu" 256 -- "$out/report-stc-text-layer.pdf" "$out/encrypted.pdf"
# Agencies often "protect" a PDF with only an owner password (no copying, no printing): it
# opens without a password, and a clerk reads it like any other.
qpdf --encrypt "" "mat-khau-chu" 256 --extract=n --print=none -- "$out/report-stc-text-layer.pdf" "$out/owner-password-only.pdf"

size=$(stat -c %s "$out/report-stc-text-layer.pdf")
head -c $((size / 2)) "$out/report-stc-text-layer.pdf" >"$out/truncated.pdf"

# A throwaway CA and a signing certificate named as a Vietnamese agency's token names it.
( cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 7300 -utf8 \
      -subj "/C=VN/O=dondoc test/CN=dondoc test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other-ca.pem -days 7300 -utf8 \
      -subj "/C=VN/O=dondoc test/CN=some other CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -utf8 \
      -subj "/C=VN/ST=Điện Biên/O=UBND tỉnh Điện Biên/CN=SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >signer.ext
  openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out signer.pem \
      -days 7300 -extfile signer.ext 2>/dev/null )
cp "$work/ca.pem" "$out/test-ca.pem"
cp "$work/other-ca.pem" "$out/other-ca.pem"

"$py" - "$work" "$out" <<'EOF'
import sys
from pyhanko.sign import signers
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
work, out = sys.argv[1], sys.argv[2]

signer = signers.SimpleSigner.load(f"{work}/signer.key", f"{work}/signer.pem", ca_chain_files=(f"{work}/ca.pem",))
with open(f"{work}/stnmt.pdf", "rb") as source, open(f"{out}/signed-stnmt.pdf", "wb") as target:
    writer = IncrementalPdfFileWriter(source, strict=False)
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ChuKySo", md_algorithm="sha256"),
                     signer=signer, output=target)

# Changed after signing the way an editor would: an incremental update that paints over the
# symbol and writes another one. The signed bytes stay intact; the file no longer ends there.
with open(f"{out}/signed-stnmt.pdf", "rb") as source:
    writer = IncrementalPdfFileWriter(source, strict=False)
    font = writer.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
        pdf_name("/BaseFont"): pdf_name("/Helvetica")}))
    # Chromium leaves its coordinate change in force at the end of its content, so the
    # original is wrapped in q ... Q before drawing in page space over "Số: 45/BC-STNMT".
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"q")), prepend=True)
    stream = generic.StreamObject(stream_data=b"Q q 1 1 1 rg 118 711 130 22 re f 0 0 0 rg BT /FDondoc 12 Tf 124 717 Td (So: 99/BC-STNMT) Tj ET Q")
    writer.add_stream_to_page(0, writer.add_object(stream), prepend=False, resources=generic.DictionaryObject({
        pdf_name("/Font"): generic.DictionaryObject({pdf_name("/FDondoc"): font})}))
    with open(f"{out}/signed-then-modified.pdf", "wb") as target:
        writer.write(target)

# One byte inside the signed range changed in place: the digest no longer matches.
data = bytearray(open(f"{out}/signed-stnmt.pdf", "rb").read())
at = data.find(b"Skia/PDF")
assert at > 0, "the Producer string Chromium writes is gone; pick another byte to change"
data[at + 7] = ord("G")
open(f"{out}/signed-tampered.pdf", "wb").write(bytes(data))
EOF

ls -l "$out"
