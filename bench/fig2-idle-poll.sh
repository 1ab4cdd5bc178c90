#!/usr/bin/env bash
# Figure 2: a poll that finds nothing new on the $BENCH_FIRST-message mailbox (hyperfine,
# beside mbsync's and getmail's sync with nothing new), and the IMAP commands one such
# poll sends at $BENCH_SMALL and at $BENCH_LARGE messages (or fewer: lib.sh's LARGE), counted in Dovecot's log
# (`log_debug = event=imap_command_finished`: every command after login). Also makes
# the large store figure 4 reports on (bench/large-store.sh).
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
n=$BENCH_FIRST
[ -f "$BENCH_WORK/first.yaml" ] || campaign first First
getmail_config First

out ""
out "### 2. A poll with nothing new"
out ""
# Whatever figure 1 left, each store is made complete first (a no-op after figure 1).
say "figure 2: bringing the three stores of the $n-message mailbox up to date"
poll_until_done first >/dev/null
eval "$(mbsync_cmd First)"
eval "$(getmail_cmd First)"
stored="dondoc $(dondoc_count first), mbsync $(mbsync_count First), getmail $(getmail_count First)"

out "On the $(num "$n")-message mailbox of figure 1, everything already stored ($stored messages); 20 runs after 3 warm-ups."
out ""
out "| tool | median | mean ± σ | min … max |"
out "| --- | --- | --- | --- |"
declare -A json
for tool in dondoc mbsync getmail; do
    case $tool in
        dondoc) command=$(dondoc_cmd first) ;;
        mbsync) command=$(mbsync_cmd First) ;;
        getmail) command=$(getmail_cmd First) ;;
    esac
    json[$tool]=$BENCH_WORK/fig2-$tool.json
    if bench_hyperfine -N --warmup 3 --runs 20 --export-json "${json[$tool]}" -n "$tool: nothing new ($n stored)" "$command"; then
        out "| $tool | $($STATS cell "${json[$tool]}") |"
    else
        out "| $tool | **failed** (see the log) | | |"
        rm -f "${json[$tool]}"
    fi
done
out ""
if [ -f "${json[dondoc]}" ] && [ -f "${json[mbsync]}" ]; then
    ours=$($STATS get "${json[dondoc]}" median)
    theirs=$($STATS get "${json[mbsync]}" median)
    ratio=$($STATS calc "$ours / $theirs" 2)
    v1=$($STATS verdict "$ours <= 1.5 * $theirs")
    v2=$($STATS verdict "$ours < 0.030")
    out "dondoc / mbsync: **${ratio}×** (target ≤ 1.5×): **$v1**; dondoc's median $($STATS fmt "$ours") (target under 30 ms): **$v2**."
    summary "2. poll with nothing new, $(num "$n") stored (median)" "$($STATS fmt "$ours")" "mbsync $($STATS fmt "$theirs")" \
        "${ratio}×" "≤ 1.5×" "$v1"
    summary "2. poll with nothing new, $(num "$n") stored (median)" "$($STATS fmt "$ours")" "" "" "< 30 ms" "$v2"
else
    summary "2. poll with nothing new" "" "" "" "≤ 1.5× mbsync, < 30 ms" "NOT RUN"
fi

# ---------------------------------------------------------------- commands at two sizes
out ""
out "IMAP commands of one poll with nothing new, as Dovecot logs them after login (the login"
out "itself is not in that log); \`in\`/\`out\` are the session's bytes as Dovecot counts them."
out ""
out "| mailbox | tool | commands | which | bytes |"
out "| --- | --- | --- | --- | --- |"
campaign small Small
getmail_config Small
say "figure 2: first poll of the $BENCH_SMALL-message mailbox"
logcmd "$BIN/dondoc" poll --config "$BENCH_WORK/small.yaml" --now "$NOW_POLL"
start=$(date +%s.%N)
poll_until_done small
$STATS calc "$(date +%s.%N) - $start" 2 >"$BENCH_WORK/small-poll-seconds"
eval "$(mbsync_cmd Small)"
declare -A counts
for size in small large; do
    if [ "$size" = large ]; then
        bash "$BENCH_ROOT/bench/large-store.sh" || { out "| $(num "$LARGE") | dondoc | **the large store could not be made** | | |"; break; }
        large_note=$(cat "$BENCH_WORK/large-store.md")
        mailbox=$LARGE_MAILBOX count=$LARGE
    else
        mailbox=Small count=$BENCH_SMALL
    fi
    # The second of two idle polls: the first may still settle something.
    "$BIN/dondoc" poll --quiet --config "$BENCH_WORK/$size.yaml" --now "$NOW_POLL"
    imap_session "dondoc-idle-$size" "$BIN/dondoc" poll --quiet --config "$BENCH_WORK/$size.yaml" --now "$NOW_POLL"
    counts[$size]=$COMMAND_COUNT
    out "| $(num "$count") | dondoc | $COMMAND_COUNT | $COMMAND_SHAPES | $SESSION_BYTES |"
    imap_session "mbsync-idle-$size" sh -c "$(mbsync_cmd "$mailbox")"
    out "| $(num "$count") | mbsync | $COMMAND_COUNT | $COMMAND_SHAPES | $SESSION_BYTES |"
done
if [ "$LARGE_MAILBOX" != Large ]; then
    # The store could not be made from the whole $BENCH_LARGE-message folder in this run's
    # time; the folder is still there. A campaign that opens after its last message makes
    # a poll against it that finds nothing new from the start (dondoc searches SINCE two
    # days before the opening): its commands at the full size, with an empty store.
    campaign opens-late Large --opens 2020-05-25 --deadline 2020-05-25
    "$BIN/dondoc" poll --quiet --config "$BENCH_WORK/opens-late.yaml" --now 2020-05-26T17:00:00+07:00
    imap_session "dondoc-idle-full" "$BIN/dondoc" poll --quiet --config "$BENCH_WORK/opens-late.yaml" --now 2020-05-26T17:00:00+07:00
    counts[full]=$COMMAND_COUNT
    out "| $(num "$BENCH_LARGE") (campaign opening after the last message, empty store) | dondoc | $COMMAND_COUNT | $COMMAND_SHAPES | $SESSION_BYTES |"
fi
out ""
if [ -n "${counts[large]:-}" ]; then
    sizes="$(num "$BENCH_SMALL") → $(num "$LARGE")" values="${counts[small]} → ${counts[large]}"
    grows=$([ "${counts[small]}" -eq "${counts[large]}" ] && echo no || echo yes)
    if [ -n "${counts[full]:-}" ]; then
        sizes="$sizes (→ $(num "$BENCH_LARGE"))" values="$values (→ ${counts[full]})"
        [ "${counts[small]}" -eq "${counts[full]}" ] || grows=yes
    fi
    verdict=$([ "$grows" = no ] && echo PASS || echo MISS)
    out "dondoc's commands at $sizes messages: $values (target: the same): **$verdict**."
    summary "2. IMAP commands of an idle poll, $sizes messages" "$values" "" "" "does not grow" "$verdict"
fi

# Idle polls at the large size, for scale (no target).
if [ -n "${counts[large]:-}" ]; then
    out ""
    out "$large_note"
    out ""
    out "For scale, a poll with nothing new at $(num "$LARGE") messages (10 runs after 2 warm-ups):"
    out ""
    out "| tool | median | mean ± σ | min … max |"
    out "| --- | --- | --- | --- |"
    for tool in dondoc mbsync; do
        case $tool in
            dondoc) command=$(dondoc_cmd large) ;;
            mbsync) command=$(mbsync_cmd "$LARGE_MAILBOX") ;;
        esac
        if bench_hyperfine -N --warmup 2 --runs 10 --export-json "$BENCH_WORK/fig2-large-$tool.json" \
            -n "$tool: nothing new ($LARGE stored)" "$command"; then
            out "| $tool | $($STATS cell "$BENCH_WORK/fig2-large-$tool.json") |"
        else
            out "| $tool | **failed** | | |"
        fi
    done
fi
