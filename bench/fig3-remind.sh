#!/usr/bin/env bash
# Figure 3: $BENCH_AGENCIES agencies due the same day. `dondoc remind` (from an empty
# store: nobody has reported) beside mailmerge sending the same messages (dondoc's own
# due_today template, the values dondoc fills in, one CSV row per agency) through the
# same SMTP server (the test support's aiosmtpd, implicit TLS, AUTH). Throughput is
# messages per second of the median run.
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
n=$BENCH_AGENCIES
campaign remind Small     # remind does not read the mailbox
messages=$SMTP_DIR/messages
sent_count() { find "$messages" -name '*.json' 2>/dev/null | wc -l; }
connections() { grep -c '"command": "CONNECT"' "$SMTP_DIR/events.log" 2>/dev/null || echo 0; }
highest() { find "$messages" -name '*.json' 2>/dev/null | sed 's|.*/||; s|\.json||' | sort -n | tail -n 1; }

out ""
out "### 3. Reminders: $(num "$n") agencies due the same day"
out ""
out "The same $(num "$n") messages (dondoc's \`due_today\` template, one per agency) to the same SMTP server"
out "(aiosmtpd, implicit TLS, AUTH PLAIN), $BENCH_RUNS runs each; dondoc from an empty store each time."
out ""
out "| tool | median | mean ± σ | min … max | messages a run | SMTP connections a run | messages/s |"
out "| --- | --- | --- | --- | --- | --- | --- |"
declare -A json first last
for tool in dondoc mailmerge; do
    json[$tool]=$BENCH_WORK/fig3-$tool.json
    if [ "$tool" = mailmerge ] && [ "$MAILMERGE_STATUS" != ok ]; then
        out "| mailmerge | **not installed**: $MAILMERGE_STATUS | | | | | |"
        rm -f "${json[$tool]}"
        continue
    fi
    case $tool in
        dondoc)
            prepare=$(dondoc_reset remind)
            command="$BIN/dondoc remind --config $BENCH_WORK/remind.yaml --now $NOW_DUE" ;;
        mailmerge)
            prepare=true
            # mailmerge asks for the password with getpass, which reads the terminal when
            # there is one: setsid takes it away, so the password comes from stdin.
            printf '%s' "$(cat "$SMTP_SECRET")" >"$BENCH_WORK/mailmerge-password"
            cat >"$BENCH_WORK/mailmerge-server.conf" <<EOF
[smtp_server]
host = localhost
port = $SMTP_PORT
security = SSL/TLS
username = $SMTP_USER
ratelimit = 0
EOF
            cat "$CA_FILE" >"$BENCH_WORK/mailmerge-ca.pem"
            command="cd $BENCH_WORK && SSL_CERT_FILE=$BENCH_WORK/mailmerge-ca.pem setsid -w $VENV/bin/mailmerge --no-dry-run --no-limit --template mailmerge-template.txt --database mailmerge-database.csv --config mailmerge-server.conf --output-format raw < mailmerge-password" ;;
    esac
    before=$(sent_count) connected=$(connections)
    top=$(highest)
    first[$tool]=$(( ${top:-0} + 1 ))
    if bench_hyperfine --runs "$BENCH_RUNS" --export-json "${json[$tool]}" --prepare "$prepare" -n "$tool: $n reminders" "$command"; then
        last[$tool]=$(highest)
        per_run=$($STATS calc "($(sent_count) - $before) / $BENCH_RUNS" 0)
        per_connection=$($STATS calc "($(connections) - $connected) / $BENCH_RUNS" 0)
        median=$($STATS get "${json[$tool]}" median)
        out "| $tool | $($STATS cell "${json[$tool]}") | $per_run | $per_connection | $($STATS calc "$n / $median" 1) |"
        [ "$per_run" = "$n" ] || out "| | **$tool sent $per_run of $n a run** | | | | | |"
    else
        out "| $tool | **failed** (see the log) | | | | | |"
        rm -f "${json[$tool]}"
    fi
done
out ""
if [ -f "${json[dondoc]}" ] && [ -f "${json[mailmerge]}" ]; then
    ours=$($STATS get "${json[dondoc]}" median)
    theirs=$($STATS get "${json[mailmerge]}" median)
    ratio=$($STATS calc "$theirs / $ours" 2)
    verdict=$($STATS verdict "$n / $ours >= 2 * $n / $theirs")
    out "dondoc's throughput / mailmerge's: **${ratio}×** (target ≥ 2×): **$verdict**."
    summary "3. remind, $(num "$n") agencies (messages/s)" "$($STATS calc "$n / $ours" 1)/s" \
        "mailmerge $($STATS calc "$n / $theirs" 1)/s" "${ratio}×" "≥ 2×" "$verdict"
    # The same mail? The first agency's message from each, decoded by Python's email package.
    same=$($PY - "$messages" "${first[dondoc]}" "${last[dondoc]}" "${first[mailmerge]}" "${last[mailmerge]}" "$AGENCIES" <<'PY'
import email, json, os, sys
from email import policy
folder, d0, d1, m0, m1, agencies = sys.argv[1:]
address = json.load(open(agencies))[0]["email"]
def find(low, high):
    for number in range(int(low), int(high) + 1):
        envelope = json.load(open(os.path.join(folder, f"{number}.json")))
        if address in envelope["recipients"]:
            with open(os.path.join(folder, f"{number}.eml"), "rb") as f:
                message = email.message_from_binary_file(f, policy=policy.default)
            return str(message["subject"]), message.get_body(("plain",)).get_content().strip()
ours, theirs = find(d0, d1), find(m0, m1)
print(f"subject {'identical' if ours[0] == theirs[0] else 'DIFFERENT'}, body text {'identical' if ours[1] == theirs[1] else 'DIFFERENT'}"
      f" (the messages to {address})")
PY
    ) || same="could not compare"
    out "Same mail from both: $same."
else
    summary "3. remind, $(num "$n") agencies" "" "" "" "≥ 2× mailmerge" "NOT RUN"
fi
