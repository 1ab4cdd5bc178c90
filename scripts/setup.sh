#!/usr/bin/env bash
# Installs the Debian packages dondoc builds against and tests with, when missing.
# Runs as root (CI, a fresh server) or through sudo; says what to do otherwise.
set -euo pipefail

packages=(
    pkg-config openssl ca-certificates
    libcurl4-openssl-dev libgmime-3.0-dev libsqlite3-dev   # build
    libpoppler-glib-dev libarchive-dev libssl-dev           # build: reading attached documents
    libtesseract-dev libleptonica-dev tesseract-ocr-vie     # build, and OCR of scans and photos at run time
    dovecot-imapd python3-aiosmtpd                          # test servers
    chromium poppler-utils fonts-noto-core                  # the HTML report, printed in a real browser
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "setup: missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 69
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; an old list may name versions long gone.
"${as_root[@]}" apt-get update -qq
# policy-rc.d keeps the packaged Dovecot from starting as a system service: the tests
# run their own, on free loopback ports.
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
