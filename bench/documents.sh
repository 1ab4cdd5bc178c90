#!/usr/bin/env bash
# Benchmark: reading one attached document the way `dondoc poll` does, in the child
# process `dondoc read-document` (its start-up included), release build, hyperfine.
#   - the header of a ~10 MB PDF with a text layer (target: under 1 s)
#   - one OCR page: the scanned PDF and the phone photo of Tests/Fixtures/documents
#     (target: under 5 s on 2 cores)
#
#   bench/documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null || { echo "bench: install hyperfine" >&2; exit 69; }; }
command -v chromium >/dev/null || { echo "bench: chromium is needed to print the 10 MB PDF (scripts/setup.sh installs it)" >&2; exit 69; }
swift build -c release --product dondoc >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/dondoc-bench-docs.XXXXXX)
trap 'rm -rf "$work"' EXIT
fixtures=Tests/Fixtures/documents
# The environment DocumentSandbox gives its child in a poll: one OpenMP thread (Tesseract
# otherwise spins a thread per core and is three times slower here) and two malloc arenas.
export OMP_THREAD_LIMIT=1 MALLOC_ARENA_MAX=2

# A report as agencies send them when they scan their annexes into the same file: a
# text first page, then pages of photographs (incompressible noise, so the file is big).
python3 - "$work/big.html" <<'PY'
import base64, os, sys
header = """<table style="width:100%"><tr><td style="text-align:center;width:45%">UBND TỈNH ĐIỆN BIÊN<br><b>SỞ TÀI CHÍNH</b><br>Số: 112/BC-STC</td>
<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><i>Điện Biên, ngày 06 tháng 5 năm 2020</i></td></tr></table>
<h2 style="text-align:center">BÁO CÁO</h2><p style="text-align:center">Kết quả thực hiện các kiến nghị sau phiên giải trình</p>"""
pages = []
for i in range(12):
    noise = base64.b64encode(os.urandom(600_000)).decode()
    pages.append(f'<div style="page-break-before:always"><p>Phụ lục ảnh {i+1}</p><pre style="font-size:3px;word-break:break-all;white-space:pre-wrap">{noise}</pre></div>')
open(sys.argv[1], "w").write(f'<html><head><meta charset="utf-8"></head><body>{header}{"".join(pages)}</body></html>')
PY
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/big.pdf" "file://$work/big.html" 2>/dev/null
size=$(stat -c %s "$work/big.pdf")
echo "bench: the big PDF is $((size / 1024 / 1024)) MB, $(pdfinfo "$work/big.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages"

hyperfine --warmup 1 --runs 10 --export-markdown "$work/results.md" \
    -n "header of a $((size / 1024 / 1024)) MB text PDF" "$bin/dondoc read-document --type application/pdf < $work/big.pdf" \
    -n "OCR: scanned PDF page" "$bin/dondoc read-document --type application/pdf < $fixtures/report-tua-chua-scanned.pdf" \
    -n "OCR: phone photo" "$bin/dondoc read-document --type image/jpeg < $fixtures/report-muong-ang-photo.jpg"
cat "$work/results.md"
/usr/bin/time -f "peak RSS reading the big PDF: %M KB" sh -c "$bin/dondoc read-document --type application/pdf < $work/big.pdf >/dev/null"
/usr/bin/time -f "peak RSS of one OCR page (photo): %M KB" sh -c "$bin/dondoc read-document --type image/jpeg < $fixtures/report-muong-ang-photo.jpg >/dev/null"
