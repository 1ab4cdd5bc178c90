#!/usr/bin/env bash
# Figure 1: the first poll of $BENCH_FIRST messages over IMAPS into an empty store, beside
# mbsync (Pull into a Maildir) and getmail6 (IMAP SSL retriever into a Maildir). Median of
# $BENCH_RUNS runs, each from an empty store; every run under /usr/bin/time -v, whose peak
# RSS figure 5 reports. Run by bench/run.sh, which exports the servers and the work folder.
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
n=$BENCH_FIRST
campaign first First
getmail_config First
rss=$BENCH_WORK/rss
# Each run under /usr/bin/time -v (figure 5), the tool's own messages kept for the results.
timed() { printf '/usr/bin/time -v -a -o %s/first-%s.txt %s 2>>%s/logs/first-%s.stderr' "$rss" "$1" "$2" "$BENCH_WORK" "$1"; }

out ""
out "### 1. First poll of $(num "$n") messages over IMAPS, from an empty store"
out ""
out "dondoc fetches, stores in SQLite, parses every message (GMime), reads each attached PDF in its"
out "child process and attributes; mbsync and getmail only copy the bytes into a Maildir."
out "Median of $BENCH_RUNS runs each (hyperfine), every run from an empty store."
out ""
out "| tool | median | mean ± σ | min … max | messages stored | messages/s |"
out "| --- | --- | --- | --- | --- | --- |"

declare -A json
for tool in dondoc mbsync getmail; do
    case $tool in
        dondoc) reset=$(dondoc_reset first) command=$(dondoc_cmd first) ;;
        mbsync) reset=$(mbsync_reset First) command=$(mbsync_cmd First) ;;
        getmail) reset=$(getmail_reset First) command=$(getmail_cmd First) ;;
    esac
    json[$tool]=$BENCH_WORK/fig1-$tool.json
    say "figure 1: $tool, $BENCH_RUNS runs"
    if bench_hyperfine --runs "$BENCH_RUNS" --export-json "${json[$tool]}" --prepare "$reset" \
        -n "$tool: first poll of $n" "$(timed "$tool" "$command")"; then
        case $tool in
            dondoc) stored=$(dondoc_count first) ;;
            mbsync) stored=$(mbsync_count First) ;;
            getmail) stored=$(getmail_count First) ;;
        esac
        median=$($STATS get "${json[$tool]}" median)
        out "| $tool | $($STATS cell "${json[$tool]}") | $(num "$stored") | $($STATS calc "$stored / $median" 0) |"
        [ "$stored" = "$n" ] || out "| | **$tool stored $stored of $n messages** | | | | |"
    else
        status=$(sed -n 's/^\tExit status: //p' "$rss/first-$tool.txt" | tail -n 1)
        seconds=$(sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): //p' "$rss/first-$tool.txt" | tail -n 1)
        out "| $tool | **failed**: exit status ${status:-?} after $seconds; its last words: \`$(tail -n 2 "$BENCH_WORK/logs/first-$tool.stderr" 2>/dev/null | tr '\n|' '  ' | cut -c1-300)\` | | | | |"
        rm -f "${json[$tool]}"
    fi
done

out ""
[ -f "${json[dondoc]}" ] && out "What dondoc made of them: $(dondoc_kinds first)."
if [ -f "${json[dondoc]}" ] && [ -f "${json[mbsync]}" ]; then
    ours=$($STATS get "${json[dondoc]}" median)
    theirs=$($STATS get "${json[mbsync]}" median)
    ratio=$($STATS calc "$ours / $theirs" 2)
    verdict=$($STATS verdict "$ours <= 1.5 * $theirs")
    out "dondoc / mbsync: **${ratio}×** (target ≤ 1.5×): **$verdict**."
    summary "1. first poll, $(num "$n") messages (median)" "$($STATS fmt "$ours")" "mbsync $($STATS fmt "$theirs")" \
        "${ratio}×" "≤ 1.5×" "$verdict"
    if [ -f "${json[getmail]}" ]; then
        other=$($STATS get "${json[getmail]}" median)
        out "dondoc / getmail: $($STATS calc "$ours / $other" 2)× (no target)."
        summary "1. first poll, $(num "$n") messages (median)" "$($STATS fmt "$ours")" "getmail $($STATS fmt "$other")" \
            "$($STATS calc "$ours / $other" 2)×" "(none)" "—"
    fi
else
    out "No ratio: dondoc or mbsync did not run."
    summary "1. first poll, $(num "$n") messages" "${json[dondoc]:+see below}" "" "" "≤ 1.5× mbsync" "NOT RUN"
fi
