#!/usr/bin/env bash
# The store of figures 2 and 4, made once per run: dondoc polls the $BENCH_LARGE-message
# mailbox with the $BENCH_AGENCIES-agency campaign, then sends the reminders of the
# deadline day and of the first overdue day (to the bench's SMTP server), so the report
# has submissions, missing agencies, reviews and reminders to show. mbsync pulls the
# same mailbox once, for figure 2's idle comparison. What it took goes to
# $BENCH_WORK/large-store.md.
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
[ -f "$BENCH_WORK/stores/large.done" ] && exit 0
note=$BENCH_WORK/large-store.md
: >"$note"
# dondoc's first poll grows faster than linearly with the mailbox (RESULTS.md): when the
# first polls of BENCH_SMALL and BENCH_FIRST messages project more than
# BENCH_LARGE_MINUTES (60) for BENCH_LARGE, the store is made of 30,000 messages (the
# size the brief allows instead), or 20,000 when even that is projected too long.
if [ ! -s "$BENCH_WORK/large-count" ] && [ -s "$BENCH_WORK/fig1-dondoc.json" ] && [ -s "$BENCH_WORK/small-poll-seconds" ]; then
    first_seconds=$($STATS get "$BENCH_WORK/fig1-dondoc.json" median)
    small_seconds=$(cat "$BENCH_WORK/small-poll-seconds")
    LARGE=$($PY - "$small_seconds" "$first_seconds" "$BENCH_SMALL" "$BENCH_FIRST" "$BENCH_LARGE" "${BENCH_LARGE_MINUTES:-60}" <<'PY'
import math, sys
t1, t2, n1, n2, wanted, minutes = map(float, sys.argv[1:])
k = max(1.0, math.log(t2 / t1) / math.log(n2 / n1)) if t1 > 0 and n2 > n1 else 1.0
fits = [n for n in (wanted, 30000, 20000) if n <= wanted and t2 * (n / n2) ** k <= minutes * 60]
print(int(fits[0] if fits else min(wanted, 20000)))
PY
    )
    if [ "$LARGE" != "$BENCH_LARGE" ]; then
        say "the large store: $BENCH_LARGE messages are projected to take over ${BENCH_LARGE_MINUTES:-60} min; using $LARGE"
        printf '%s' "$LARGE" >"$BENCH_WORK/large-count"
        LARGE_MAILBOX=Large$LARGE
    fi
fi
if [ "$LARGE_MAILBOX" != Large ] && [ ! -d "$MAILDIR_ROOT/.$LARGE_MAILBOX" ]; then
    say "the large store: generating $LARGE messages into $LARGE_MAILBOX (told to use fewer than $BENCH_LARGE)"
    $MAILGEN maildir --agencies "$AGENCIES" --pdfs "$BENCH_WORK/pdfs" --dir "$MAILDIR_ROOT/.$LARGE_MAILBOX" \
        --count "$LARGE" --seed 3 --pdf-percent "$BENCH_PDF_PERCENT" --owner "$(stat -c %u:%g "$MAILDIR_ROOT")" |
        sed 's/^mailgen: /- /' >>"$BENCH_WORK/mailboxes.txt"
    dovecot_index "$LARGE_MAILBOX"
fi
mbsync_channel "$LARGE_MAILBOX"
campaign large "$LARGE_MAILBOX"
say "the large store: dondoc polls $LARGE messages (once; this is the longest step)"
logcmd /usr/bin/time -v -o "$BENCH_WORK/rss/large-dondoc.txt" "$BIN/dondoc" poll --config "$BENCH_WORK/large.yaml" --now "$NOW_POLL"
start=$(date +%s.%N)
/usr/bin/time -v -o "$BENCH_WORK/rss/large-dondoc.txt" "$BIN/dondoc" poll --config "$BENCH_WORK/large.yaml" --now "$NOW_POLL" |
    tee "$BENCH_WORK/logs/large-poll.txt"
end=$(date +%s.%N)
poll_until_done large >/dev/null   # if the first one stopped at the time limit
for now in "$NOW_DUE" "$NOW_OVERDUE"; do
    logcmd "$BIN/dondoc" remind --config "$BENCH_WORK/large.yaml" --now "$now"
    "$BIN/dondoc" remind --config "$BENCH_WORK/large.yaml" --now "$now" | tail -n 1 | tee -a "$BENCH_WORK/logs/large-remind.txt"
done
{
    printf 'The store of %s messages and %s agencies: one `dondoc poll` took %s (peak RSS %s MB): `%s`; ' \
        "$(num "$LARGE")" "$(num "$BENCH_AGENCIES")" "$($STATS fmt "$($STATS calc "$end - $start" 3)")" \
        "$($STATS rss "$BENCH_WORK/rss/large-dondoc.txt")" "$(tail -n 1 "$BENCH_WORK/logs/large-poll.txt")"
    printf 'then `remind` on 8/5 and 11/5: `%s`, `%s`. The store is %s MB.\n' \
        "$(sed -n 1p "$BENCH_WORK/logs/large-remind.txt")" "$(sed -n 2p "$BENCH_WORK/logs/large-remind.txt")" \
        "$($STATS calc "$(du -sb "$(store_of large)" | cut -f1) / 1e6" 0)"
} >>"$note"
# How the first poll grows: 1,000 (figure 2's small store), 10,000 (figure 1's median)
# and this one, and what that makes of BENCH_LARGE when fewer were used.
large_seconds=$($STATS calc "$end - $start" 2)
if [ -s "$BENCH_WORK/fig1-dondoc.json" ] && [ -s "$BENCH_WORK/small-poll-seconds" ]; then
    first_seconds=$($STATS get "$BENCH_WORK/fig1-dondoc.json" median)
    small_seconds=$(cat "$BENCH_WORK/small-poll-seconds")
    exponent=$($PY -c "import math; print(f'{math.log($large_seconds / $first_seconds) / math.log($LARGE / $BENCH_FIRST):.2f}')")
    printf 'How dondoc'"'"'s first poll grows: %s messages in %s, %s in %s (figure 1), %s in %s: time ∝ n^%s between the last two' \
        "$(num "$BENCH_SMALL")" "$($STATS fmt "$small_seconds")" "$(num "$BENCH_FIRST")" "$($STATS fmt "$first_seconds")" \
        "$(num "$LARGE")" "$($STATS fmt "$large_seconds")" "$exponent" >>"$note"
    if [ "$LARGE" != "$BENCH_LARGE" ]; then
        printf '; at that rate %s messages would take about %s h, which is why this run used %s.' \
            "$(num "$BENCH_LARGE")" "$($STATS calc "$large_seconds * ($BENCH_LARGE / $LARGE) ** $exponent / 3600" 1)" \
            "$(num "$LARGE")" >>"$note"
    fi
    printf '\n' >>"$note"
fi

say "the large store: mbsync pulls the same $LARGE messages (once)"
logcmd /usr/bin/time -v -o "$BENCH_WORK/rss/large-mbsync.txt" $(mbsync_cmd "$LARGE_MAILBOX")
start=$(date +%s.%N)
/usr/bin/time -v -o "$BENCH_WORK/rss/large-mbsync.txt" $(mbsync_cmd "$LARGE_MAILBOX")
end=$(date +%s.%N)
printf 'mbsync pulled the same mailbox in %s (peak RSS %s MB, %s messages).\n' \
    "$($STATS fmt "$($STATS calc "$end - $start" 3)")" "$($STATS rss "$BENCH_WORK/rss/large-mbsync.txt")" \
    "$(num "$(mbsync_count "$LARGE_MAILBOX")")" >>"$note"
touch "$BENCH_WORK/stores/large.done"
