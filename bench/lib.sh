# Shared by bench/run.sh and the figure scripts bench/fig*.sh (sourced, not run).
# run.sh exports the servers' coordinates and the work folder; this file adds helpers.

PY=/usr/bin/python3                       # Debian's python: the one with aiosmtpd and getmail
STATS="$PY $BENCH_ROOT/bench/stats.py"
MAILGEN="$PY $BENCH_ROOT/bench/mailgen.py"
NOW_POLL=2020-05-20T17:00:00+07:00        # ten days after the deadline: every message is in the past
NOW_DUE=2020-05-08T07:30:00+07:00         # the working day the deadline (Saturday 9/5) moves back to
NOW_OVERDUE=2020-05-11T07:30:00+07:00     # the first overdue day

say() { printf 'bench: %s\n' "$*" >&2; }

# 10000 → 10,000 (printf's %'d groups nothing in the C locale).
num() { printf '%s' "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'; }

# Markdown of the figure being run: $SECTION is set by each figure script.
out() { printf '%s\n' "$*" >>"$SECTION"; }

# One line of the summary table at the top of the results: figure, dondoc, peer, ratio, target, verdict.
summary() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_WORK/summary.tsv"; }

# The exact commands, for the results: `logcmd ARGV...` records them quoted as a shell would.
logcmd() {
    local quoted
    quoted=$(printf '%q ' "$@")
    printf '%s\n' "${quoted% }" >>"$COMMANDS"
}

# hyperfine, recorded. Its own output goes to the terminal and the figure's log.
bench_hyperfine() {
    logcmd hyperfine "$@"
    hyperfine --style basic "$@"
}

# A campaign file of the generated agencies on MAILBOX, with its store in its own folder.
#   campaign NAME MAILBOX  → $BENCH_WORK/NAME.yaml, store $BENCH_WORK/stores/NAME/store.sqlite
#   campaign NAME MAILBOX [mailgen options: --opens D --deadline D]
campaign() {
    local name=$1 mailbox=$2
    shift 2
    mkdir -p "$BENCH_WORK/stores/$name"
    $MAILGEN campaign --agencies "$AGENCIES" --out "$BENCH_WORK/$name.yaml" \
        --imap-url "imaps://127.0.0.1:$IMAP_PORT/$mailbox" --imap-user "$IMAP_USER" --imap-secret "$IMAP_SECRET" \
        --ca "$CA_FILE" --smtp-url "smtps://127.0.0.1:$SMTP_PORT" --smtp-user "$SMTP_USER" \
        --smtp-secret "$SMTP_SECRET" --store "$BENCH_WORK/stores/$name/store.sqlite" "$@"
}

# The store of figures 2 and 4 is dondoc's poll of LARGE messages (BENCH_LARGE), in the
# folder LARGE_MAILBOX. A run can be told mid-way to use fewer (the number in
# $BENCH_WORK/large-count): they are then generated into a folder of their own.
LARGE=$BENCH_LARGE LARGE_MAILBOX=Large
if [ -s "$BENCH_WORK/large-count" ] && [ "$(cat "$BENCH_WORK/large-count")" != "$BENCH_LARGE" ]; then
    LARGE=$(cat "$BENCH_WORK/large-count")
    LARGE_MAILBOX=Large$LARGE
fi

# Dovecot indexes a folder the first time a client opens it: done once, before timing.
dovecot_index() {
    $PY - "$IMAP_PORT" "$IMAP_USER" "$IMAP_SECRET" "$CA_FILE" "$@" <<'PY'
import imaplib, ssl, sys
port, user, secret, ca, *mailboxes = sys.argv[1:]
imap = imaplib.IMAP4_SSL("127.0.0.1", int(port), ssl_context=ssl.create_default_context(cafile=ca))
imap.login(user, open(secret).read())
for mailbox in mailboxes:
    status, data = imap.select(mailbox)
    imap.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE)")
    print(f"bench: {mailbox}: {int(data[0])} messages", file=sys.stderr)
imap.logout()
PY
}

store_of() { printf '%s/stores/%s' "$BENCH_WORK" "$1"; }

# mbsync: one channel per mailbox (named as the mailbox), all into $BENCH_WORK/mbsync/.
# isync 1.4 checks the certificate's DNS names only, so it connects to "localhost"
# (the test certificate names localhost and 127.0.0.1; Dovecot listens on 127.0.0.1).
mbsync_config() {
    local rc=$BENCH_WORK/mbsyncrc
    [ -f "$rc" ] && return 0
    mkdir -p "$BENCH_WORK/mbsync"
    cat >"$rc" <<EOF
IMAPAccount bench
Host localhost
Port $IMAP_PORT
User $IMAP_USER
PassCmd "cat $IMAP_SECRET"
SSLType IMAPS
CertificateFile $CA_FILE

IMAPStore far
Account bench

MaildirStore near
Path $BENCH_WORK/mbsync/
SubFolders Verbatim
EOF
    for mailbox in First Small Large Big; do mbsync_channel "$mailbox"; done
}
mbsync_channel() {
    grep -q "^Channel $1\$" "$BENCH_WORK/mbsyncrc" 2>/dev/null ||
        printf '\nChannel %s\nFar :far:\nNear :near:\nPatterns %s\nSync Pull\nCreate Near\nSyncState *\n' \
            "$1" "$1" >>"$BENCH_WORK/mbsyncrc"
}
mbsync_cmd() { printf 'mbsync -c %s -q %s' "$BENCH_WORK/mbsyncrc" "$1"; }
mbsync_reset() { printf 'rm -rf %s/mbsync/%s' "$BENCH_WORK" "$1"; }
mbsync_count() { find "$BENCH_WORK/mbsync/$1/cur" "$BENCH_WORK/mbsync/$1/new" -type f 2>/dev/null | wc -l; }

# getmail6: the IMAP SSL retriever into a Maildir, only what it has not seen (read_all =
# false), nothing deleted. getmail refuses to deliver as root, so it delivers as nobody.
getmail_config() {
    local mailbox=$1 rc=$BENCH_WORK/getmail/$1.rc
    mkdir -p "$BENCH_WORK/getmail"
    [ -f "$rc" ] && return 0
    cat >"$rc" <<EOF
[retriever]
type = SimpleIMAPSSLRetriever
server = localhost
port = $IMAP_PORT
username = $IMAP_USER
password = $(cat "$IMAP_SECRET")
mailboxes = ("$mailbox",)
ca_certs = $CA_FILE

[destination]
type = Maildir
path = $BENCH_WORK/getmail/$mailbox/
user = nobody

[options]
read_all = false
delete = false
verbose = 0
EOF
    chmod 600 "$rc"
    cat >"$BENCH_WORK/getmail/reset-$mailbox" <<EOF
#!/bin/sh
rm -rf $BENCH_WORK/getmail/$mailbox $BENCH_WORK/getmail/$mailbox.state
mkdir -p $BENCH_WORK/getmail/$mailbox/cur $BENCH_WORK/getmail/$mailbox/new $BENCH_WORK/getmail/$mailbox/tmp $BENCH_WORK/getmail/$mailbox.state
chown -R nobody:nogroup $BENCH_WORK/getmail/$mailbox
EOF
    chmod 755 "$BENCH_WORK/getmail/reset-$mailbox"
    "$BENCH_WORK/getmail/reset-$mailbox"
}
getmail_cmd() { printf 'getmail --rcfile %s --getmaildir %s -q' "$BENCH_WORK/getmail/$1.rc" "$BENCH_WORK/getmail/$1.state"; }
getmail_reset() { printf '%s/getmail/reset-%s' "$BENCH_WORK" "$1"; }
getmail_count() { find "$BENCH_WORK/getmail/$1/cur" "$BENCH_WORK/getmail/$1/new" -type f 2>/dev/null | wc -l; }

dondoc_cmd() { printf '%s/dondoc poll --quiet --config %s/%s.yaml --now %s' "$BIN" "$BENCH_WORK" "$1" "$NOW_POLL"; }
dondoc_reset() { printf 'rm -rf %s && mkdir -p %s' "$(store_of "$1")" "$(store_of "$1")"; }
dondoc_count() {
    "$BIN/dondoc" messages --config "$BENCH_WORK/$1.yaml" --format json 2>/dev/null |
        $PY -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "?"
}
# "30 submission, 763 correspondence, …" for the messages of a store.
dondoc_kinds() {
    "$BIN/dondoc" messages --config "$BENCH_WORK/$1.yaml" --format json 2>/dev/null | $PY -c '
import collections, json, sys
kinds = collections.Counter(m["kind"] for m in json.load(sys.stdin))
print(", ".join(f"{n:,} {k}" for k, n in kinds.most_common()))' 2>/dev/null || echo "?"
}

# Polls until the mailbox is all in the store (a poll that hits mailbox.time_limit_seconds
# exits 75 having kept what it fetched). Prints the last summary line.
poll_until_done() {
    local name=$1 tries=0 status
    while :; do
        "$BIN/dondoc" poll --config "$BENCH_WORK/$name.yaml" --now "$NOW_POLL" && return 0
        status=$?
        tries=$((tries + 1))
        [ "$status" -eq 75 ] && [ "$tries" -lt 5 ] || { say "dondoc poll of $name exited $status"; return 1; }
    done
}

# The IMAP commands one client session sends, as Dovecot logs them after login
# (`log_debug = event=imap_command_finished` in the test support's configuration).
#   imap_session LABEL COMMAND...   → $BENCH_WORK/imap/LABEL.log; sets COMMAND_COUNT,
#   COMMAND_SHAPES ("EXAMINE, UID SEARCH, LOGOUT") and SESSION_BYTES ("in=75 out=841")
imap_session() {
    local label=$1
    shift
    mkdir -p "$BENCH_WORK/imap"
    local log=$BENCH_WORK/imap/$label.log before
    before=$(stat -c %s "$DOVECOT_LOG")
    "$@" >/dev/null 2>&1 || say "$label: $* exited $?"
    sleep 1   # Dovecot's log process writes a few milliseconds after the command ends
    tail -c +"$((before + 1))" "$DOVECOT_LOG" >"$log"
    COMMAND_COUNT=$(grep -c 'Debug: Command finished: ' "$log")
    COMMAND_SHAPES=$(sed -n 's/.*Debug: Command finished: //p' "$log" |
        awk '{ if ($1 == "UID") print $1 " " $2; else print $1 }' |
        awk '{ n[$0]++; if (!($0 in first)) { first[$0] = NR; order[++k] = $0 } }
             END { for (i = 1; i <= k; i++) printf "%s%s%s", (i > 1 ? ", " : ""), order[i], (n[order[i]] > 1 ? " ×" n[order[i]] : "") }')
    SESSION_BYTES=$(grep -o 'in=[0-9]* out=[0-9]*' "$log" | tail -n 1)
}
