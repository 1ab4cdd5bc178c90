#!/usr/bin/env bash
# make bench: dondoc beside its peers, measured in the same run on the same loopback
# servers (bench/README.md says what each figure means).
#
#   bench/run.sh                 everything, results appended to bench/RESULTS.md
#   BENCH_FIGURES="1 3" bench/run.sh        only some figures (2 and 4 share the large store)
#   BENCH_FIRST=2000 BENCH_LARGE=5000 BENCH_RESULTS=/tmp/r.md bench/run.sh   a quick try
#
# Installs what it needs (Debian: isync, getmail6, hyperfine, time, python3-venv; PyPI:
# mailmerge into a venv in the work folder), builds dondoc in release mode
# (--scratch-path .build-bench), starts dondoc-lab's Dovecot (IMAPS, the test support's
# own CA) and the test support's aiosmtpd in a temporary folder, generates the mail into
# the Maildir, runs bench/fig1-…fig5-*.sh, and appends what they measured. A figure that
# fails says why in the results and the others still run. Everything it started is
# stopped at the end and the temporary folder removed (BENCH_KEEP=1 keeps it).
set -uo pipefail
cd "$(dirname "$0")/.."
export BENCH_ROOT=$PWD
started=$(date +%s)

export BENCH_FIRST=${BENCH_FIRST:-10000}       # figure 1: first poll, and the idle poll of figure 2
export BENCH_SMALL=${BENCH_SMALL:-1000}        # figure 2: IMAP commands at this size…
export BENCH_LARGE=${BENCH_LARGE:-100000}      # …and at this one; figure 4's store
export BENCH_AGENCIES=${BENCH_AGENCIES:-1000}  # figures 3 and 4
export BENCH_BIG_BYTES=${BENCH_BIG_BYTES:-31457280}   # figure 5: the attachment (30 MiB)
export BENCH_PDF_PERCENT=${BENCH_PDF_PERCENT:-5}      # share of messages with a small PDF
export BENCH_RUNS=${BENCH_RUNS:-3}
figures=${BENCH_FIGURES:-1 2 3 4 5}
results=${BENCH_RESULTS:-$BENCH_ROOT/bench/RESULTS.md}

fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
need=()
for package in isync getmail6 hyperfine time python3-venv poppler-utils; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
        fail "missing Debian packages: ${need[*]}; install them as root (apt-get install ${need[*]})"
    fi
    printf 'bench: installing %s\n' "${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get install -y -qq "${need[@]}" >/dev/null ||
        { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq "${need[@]}" >/dev/null; } ||
        fail "apt-get install ${need[*]} failed"
fi
[ "$(id -u)" -eq 0 ] || fail "run as root: getmail delivers as nobody and the Maildir belongs to Dovecot's mail user"

# ---------------------------------------------------------------- build
# From a snapshot of the work tree (Package.swift, Sources, Tests, examples, templates)
# in .build-bench/source, so that files saved while the compiler runs cannot break the
# build ("modified during the build") or mix two states: what is measured is the tree as
# it was at one moment. Only changed files are copied, so the next build is incremental.
# A build that fails (someone's half-made change) is tried again on a new snapshot.
snapshot() {
    /usr/bin/python3 - "$BENCH_ROOT" "$BENCH_ROOT/.build-bench/source" <<'PY'
import filecmp, os, shutil, sys
root, copy = sys.argv[1:]
keep = set()
for top in ["Package.swift", "Package.resolved", "Sources", "Tests", "examples", "mailtemplates"]:
    source = os.path.join(root, top)
    paths = [source] if os.path.isfile(source) else [os.path.join(d, f) for d, _, fs in os.walk(source) for f in fs]
    for path in paths:
        relative = os.path.relpath(path, root)
        target = os.path.join(copy, relative)
        keep.add(relative)
        if not os.path.exists(target) or not filecmp.cmp(path, target, shallow=False):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(path, target)
for d, _, fs in os.walk(copy):
    # The copy itself lives under .build-bench: only its own build folders are spared.
    top = os.path.relpath(d, copy).split(os.sep)[0]
    if top.startswith(".build") or top == ".swiftpm":
        continue
    for f in fs:
        relative = os.path.relpath(os.path.join(d, f), copy)
        if relative not in keep:
            os.remove(os.path.join(d, f))
PY
}
build_log=$BENCH_ROOT/.build-bench/build.log
mkdir -p "$BENCH_ROOT/.build-bench"
# BENCH_SKIP_BUILD=1 measures the binaries of the last snapshot build as they are (to try
# the harness while the work tree does not build); the results say when that snapshot was.
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -x "$BENCH_ROOT/.build-bench/release/dondoc" ]; then attempts=; else attempts="1 2 3 4"; fi
snapshot_time="$(date -u -r "$BENCH_ROOT/.build-bench/release/dondoc" '+%H:%M UTC on %Y-%m-%d' 2>/dev/null) (BENCH_SKIP_BUILD: the binaries of the last build, not the current copy)"
# Only the programs the bench runs (the fuzz harness is neither timed nor needed), with
# the Swift runtime linked in as `make release` ships them.
build_products() {
    local product
    for product in dondoc dondoc-read-document dondoc-lab; do
        swift build -c release --static-swift-stdlib --package-path .build-bench/source --scratch-path .build-bench \
            --product "$product" || return 1
    done
}
for attempt in $attempts; do
    snapshot || fail "cannot copy the work tree into .build-bench/source"
    snapshot_time=$(date -u '+%H:%M UTC')
    printf 'bench: swift build -c release --static-swift-stdlib --package-path .build-bench/source --scratch-path .build-bench --product dondoc (and dondoc-read-document, dondoc-lab) (snapshot of %s)\n' "$snapshot_time" >&2
    build_products >"$build_log" 2>&1 && break
    [ "$attempt" -lt 4 ] || { tail -n 30 "$build_log" >&2; fail "the release build failed four times (whole log: $build_log)"; }
    printf 'bench: the build failed (attempt %s: %s), trying again in a minute\n' "$attempt" "$(grep -m 1 'error:' "$build_log")" >&2
    sleep 60
done
export BIN SNAPSHOT_TIME=$snapshot_time
BIN=$(swift build -c release --package-path .build-bench/source --scratch-path .build-bench --show-bin-path)

# ---------------------------------------------------------------- work folder, servers
export BENCH_WORK
BENCH_WORK=$(mktemp -d /tmp/dondoc-bench.XXXXXX)
chmod 755 "$BENCH_WORK"    # getmail's delivery child runs as nobody
lab_pid= sink_pid=
cleanup() {
    [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null
    [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null
    if [ "${BENCH_KEEP:-0}" = 1 ]; then printf 'bench: kept %s\n' "$BENCH_WORK" >&2; else rm -rf "$BENCH_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$BENCH_WORK/sections" "$BENCH_WORK/logs" "$BENCH_WORK/rss"
: >"$BENCH_WORK/summary.tsv"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# dondoc-lab: the test support's Dovecot (IMAPS on a free loopback port, its CA), serving
# until this script ends. Its SMTP server is not used: its password is not ASCII, which
# Python's smtplib (mailmerge) cannot send.
"$BIN/dondoc-lab" --dir "$BENCH_WORK/lab" </dev/null >"$BENCH_WORK/logs/lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 1 300); do [ -f "$BENCH_WORK/lab/ready" ] && break; sleep 0.1; done
[ -f "$BENCH_WORK/lab/ready" ] || fail "dondoc-lab did not start: $(cat "$BENCH_WORK/logs/lab.log")"
read -r imap_url _ <"$BENCH_WORK/lab/ready"
export IMAP_PORT IMAP_USER IMAP_SECRET CA_FILE DOVECOT_DIR DOVECOT_LOG MAILDIR_ROOT
IMAP_PORT=$(printf '%s' "$imap_url" | sed -E 's|.*:([0-9]+)/.*|\1|')
IMAP_USER=$(awk '/^mailbox:/ {m = 1} m && /username:/ {print $2; exit}' "$BENCH_WORK/lab/campaign.yaml")
IMAP_SECRET=$BENCH_WORK/lab/imap.secret
CA_FILE=$(awk '/^mailbox:/ {m = 1} m && /ca_file:/ {print $2; exit}' "$BENCH_WORK/lab/campaign.yaml")
# The lab's Dovecot is the child of the lab whose configuration listens on that port.
DOVECOT_DIR=
for dir in /tmp/dondoc-dovecot-*; do
    grep -q "port = $IMAP_PORT\$" "$dir/dovecot.conf" 2>/dev/null || continue
    master=$(cat "$dir/run/master.pid" 2>/dev/null) || continue
    [ "$(ps -o ppid= -p "$master" 2>/dev/null | tr -d ' ')" = "$lab_pid" ] && DOVECOT_DIR=$dir
done
[ -n "$DOVECOT_DIR" ] || fail "cannot find the Dovecot dondoc-lab started (port $IMAP_PORT)"
DOVECOT_LOG=$DOVECOT_DIR/dovecot.log
MAILDIR_ROOT=$DOVECOT_DIR/home/$IMAP_USER/Maildir
mail_owner=$(stat -c %u:%g "$MAILDIR_ROOT")

# The test support's aiosmtpd (Tests/TestSupport/SMTPServerScript.swift, run as is), with
# an ASCII password: implicit TLS and STARTTLS, AUTH required, every message kept.
export SMTP_PORT SMTP_USER=office-sender SMTP_SECRET=$BENCH_WORK/smtp.secret SMTP_DIR=$BENCH_WORK/smtp
mkdir -p "$SMTP_DIR"
awk '/^let smtpServerScript = #"""$/ {on = 1; next} /^"""#$/ {on = 0} on' \
    .build-bench/source/Tests/TestSupport/SMTPServerScript.swift >"$SMTP_DIR/smtp_sink.py"
grep -q aiosmtpd "$SMTP_DIR/smtp_sink.py" || fail "cannot take the SMTP server out of Tests/TestSupport/SMTPServerScript.swift"
smtp_password=bench-smtp-$RANDOM$RANDOM
printf '%s' "$smtp_password" >"$SMTP_SECRET"
chmod 600 "$SMTP_SECRET"
certificates=$(dirname "$CA_FILE")
cat >"$SMTP_DIR/config.json" <<EOF
{"directory": "$SMTP_DIR", "plain": false, "address": "127.0.0.1", "username": "$SMTP_USER",
 "password": "$smtp_password", "idleTimeout": 300,
 "certificate": "$certificates/server.pem", "key": "$certificates/server.key"}
EOF
env -i PATH=/usr/bin:/bin LANG=C.UTF-8 /usr/bin/python3 "$SMTP_DIR/smtp_sink.py" "$SMTP_DIR/config.json" \
    </dev/null >"$BENCH_WORK/logs/smtp.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 100); do [ -f "$SMTP_DIR/ready.json" ] && break; sleep 0.1; done
[ -f "$SMTP_DIR/ready.json" ] || fail "the SMTP server did not start: $(cat "$BENCH_WORK/logs/smtp.log")"
SMTP_PORT=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["smtps"])' "$SMTP_DIR/ready.json")

# mailmerge from PyPI, in a venv of Debian's python (a pyenv python may come first on PATH).
export VENV=$BENCH_WORK/venv MAILMERGE_STATUS=ok
if ! { /usr/bin/python3 -m venv "$VENV" && "$VENV/bin/pip" install -q mailmerge; } >"$BENCH_WORK/logs/pip.log" 2>&1; then
    MAILMERGE_STATUS="pip install mailmerge failed: $(tail -n 3 "$BENCH_WORK/logs/pip.log" | tr '\n' ' ')"
    printf 'bench: %s\n' "$MAILMERGE_STATUS" >&2
fi

# ---------------------------------------------------------------- the mail
source bench/lib.sh
export AGENCIES=$BENCH_WORK/agencies.json
$MAILGEN agencies --count "$BENCH_AGENCIES" --out "$AGENCIES"
# One small PDF per agency: a page each, printed by Chromium from HTML (Vietnamese text,
# embedded fonts, as agencies' reports are), split into pages. Without Chromium, plain
# hand-written PDFs with an ASCII text layer.
mkdir -p "$BENCH_WORK/pdfs"
pdf_kind="one page printed by Chromium from HTML (Vietnamese text, embedded Noto fonts), split with pdfseparate"
$MAILGEN pdf-html --agencies "$AGENCIES" --out "$BENCH_WORK/pdfs/pages.html"
if ! { timeout 600 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$BENCH_WORK/chromium-profile" --print-to-pdf="$BENCH_WORK/pdfs/pages.pdf" \
        "file://$BENCH_WORK/pdfs/pages.html" >"$BENCH_WORK/logs/chromium.log" 2>&1 &&
       pdfseparate "$BENCH_WORK/pdfs/pages.pdf" "$BENCH_WORK/pdfs/%d.pdf" &&
       [ -f "$BENCH_WORK/pdfs/$BENCH_AGENCIES.pdf" ]; }; then
    say "Chromium could not print the PDFs; using hand-written ones"
    pdf_kind="hand-written one-page PDF with an ASCII text layer (Chromium failed)"
    $MAILGEN handmade-pdfs --agencies "$AGENCIES" --dir "$BENCH_WORK/pdfs"
fi
rm -f "$BENCH_WORK/pdfs/pages.pdf"
pdf_size=$(stat -c %s "$BENCH_WORK/pdfs/1.pdf")
generate() {   # generate MAILBOX COUNT SEED
    say "generating $2 messages into the Maildir folder $1"
    $MAILGEN maildir --agencies "$AGENCIES" --pdfs "$BENCH_WORK/pdfs" --dir "$MAILDIR_ROOT/.$1" --count "$2" \
        --seed "$3" --pdf-percent "$BENCH_PDF_PERCENT" --owner "$mail_owner" | tee -a "$BENCH_WORK/mailboxes.txt"
}
generation_start=$(date +%s)
generate Small "$BENCH_SMALL" 1 || fail "generating the mail failed"
generate First "$BENCH_FIRST" 2 || fail "generating the mail failed"
generate Large "$BENCH_LARGE" 3 || fail "generating the mail failed"
$MAILGEN big --agencies "$AGENCIES" --dir "$MAILDIR_ROOT/.Big" --bytes "$BENCH_BIG_BYTES" --owner "$mail_owner" \
    --pdf-out "$BENCH_WORK/big.pdf" |
    tee -a "$BENCH_WORK/mailboxes.txt" || fail "generating the big message failed"
export BIG_PDF_BYTES
BIG_PDF_BYTES=$(stat -c %s "$BENCH_WORK/big.pdf")
# Dovecot indexes a folder the first time a client opens it; done here, once, so that no
# contender pays for it (and the files move from new/ to cur/, as after any mail client).
say "letting Dovecot index the folders"
/usr/bin/python3 - "$IMAP_PORT" "$IMAP_USER" "$IMAP_SECRET" "$CA_FILE" <<'PY' || fail "Dovecot did not index the folders"
import imaplib, ssl, sys
port, user, secret, ca = sys.argv[1:]
imap = imaplib.IMAP4_SSL("127.0.0.1", int(port), ssl_context=ssl.create_default_context(cafile=ca))
imap.login(user, open(secret).read())
for mailbox in ["Small", "First", "Large", "Big"]:
    status, data = imap.select(mailbox)
    imap.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE)")
    print(f"bench: {mailbox}: {int(data[0])} messages", file=sys.stderr)
imap.logout()
PY
generation_seconds=$(( $(date +%s) - generation_start ))
$MAILGEN mailmerge --agencies "$AGENCIES" --template-source .build-bench/source/mailtemplates/vi/due_today.mustache \
    --template "$BENCH_WORK/mailmerge-template.txt" --database "$BENCH_WORK/mailmerge-database.csv"
mbsync_config

# ---------------------------------------------------------------- the figures
declare -A script=([1]=fig1-first-poll [2]=fig2-idle-poll [3]=fig3-remind [4]=fig4-report [5]=fig5-memory)
for figure in $figures; do
    name=${script[$figure]:-}
    [ -n "$name" ] || { say "no figure $figure"; continue; }
    export SECTION=$BENCH_WORK/sections/$figure.md COMMANDS=$BENCH_WORK/sections/$figure.commands
    : >"$COMMANDS"
    say "figure $figure: bench/$name.sh"
    figure_start=$(date +%s)
    bash "bench/$name.sh" 2>&1 | tee "$BENCH_WORK/logs/$name.log"
    status=${PIPESTATUS[0]}
    elapsed=$(( $(date +%s) - figure_start ))
    if [ "$status" -ne 0 ]; then
        {
            printf '\n**Figure %s did not finish** (bench/%s.sh exited %s); the end of its output:\n\n```\n' "$figure" "$name" "$status"
            tail -n 15 "$BENCH_WORK/logs/$name.log"
            printf '```\n'
        } >>"$SECTION"
        summary "$figure. bench/$name.sh" "did not finish (exit $status)" "" "" "" "NOT RUN"
    fi
    if [ -s "$COMMANDS" ]; then
        { printf '\nCommands (%s s):\n\n```sh\n' "$elapsed"; cat "$COMMANDS"; printf '```\n'; } >>"$SECTION"
    fi
done

# ---------------------------------------------------------------- results
total=$(( $(date +%s) - started ))
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
    printf '\n\n## `make bench` — %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'Machine: %s vCPUs (%s), %s of RAM, %s, kernel %s; load average %s at the start, %s at the end' \
        "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)" \
        "$(free -h | awk '/^Mem:/ {print $2}')" "Debian $(cat /etc/debian_version)" "$(uname -r)" "$load_start" "$load_end"
    printf ' (other sessions share the machine: figures measured with hyperfine in one run are comparable with each other, not necessarily with other entries).\n'
    printf 'Tools: dondoc %s (release build of the work tree as it was at %s, copied to `.build-bench/source`: `swift build -c release --static-swift-stdlib --package-path .build-bench/source --scratch-path .build-bench --product dondoc`, and likewise dondoc-read-document and dondoc-lab), %s, Dovecot %s, isync %s, getmail %s, mailmerge %s, hyperfine %s, aiosmtpd %s, curl %s.\n' \
        "$("$BIN/dondoc" --version 2>/dev/null)" "$SNAPSHOT_TIME" "$(swift --version 2>/dev/null | head -n 1 | sed 's/ (.*//')" \
        "$(dovecot --version 2>/dev/null | cut -d' ' -f1)" "$(mbsync --version 2>/dev/null | cut -d' ' -f2)" \
        "$(getmail --version 2>/dev/null | cut -d' ' -f2)" "$("$VENV/bin/pip" show mailmerge 2>/dev/null | sed -n 's/^Version: //p')" \
        "$(hyperfine --version | cut -d' ' -f2)" "$(/usr/bin/python3 -c 'import aiosmtpd; print(aiosmtpd.__version__)' 2>/dev/null)" \
        "$(curl --version 2>/dev/null | head -n 1 | cut -d' ' -f2)"
    printf 'Mail: generated by `bench/mailgen.py` into the Dovecot Maildir (%s s with Dovecot'"'"'s indexing): Vietnamese subjects and names as RFC 2047 words (B and Q, folded), bodies 8bit, quoted-printable or base64, a third multipart/alternative, a quarter with a CSV or text annex named the RFC 2231 way, %s%% with a small PDF (%s; %s bytes, distinct bytes in every message); %s agencies, three in four of which write. One message with a %s-byte PDF for figure 5.\n\n' \
        "$generation_seconds" "$BENCH_PDF_PERCENT" "$pdf_kind" "$pdf_size" "$BENCH_AGENCIES" "$BIG_PDF_BYTES"
    sed 's/^mailgen: /- /' "$BENCH_WORK/mailboxes.txt"
    printf '\nEvery store (dondoc'"'"'s SQLite, mbsync'"'"'s and getmail'"'"'s Maildirs) is in the same folder on the same file system. `make bench` took %d min %02d s.\n\n' \
        $((total / 60)) $((total % 60))
    printf '| figure | dondoc | peer | ratio | target | verdict |\n| --- | --- | --- | --- | --- | --- |\n'
    awk -F '\t' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$BENCH_WORK/summary.tsv"
    for figure in $figures; do
        [ -f "$BENCH_WORK/sections/$figure.md" ] && cat "$BENCH_WORK/sections/$figure.md"
    done
} >"$BENCH_WORK/results.md"
cat "$BENCH_WORK/results.md" >>"$results"
cat "$BENCH_WORK/results.md"
printf '\nbench: appended to %s (%d min %02d s)\n' "$results" $((total / 60)) $((total % 60)) >&2
