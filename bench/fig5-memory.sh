#!/usr/bin/env bash
# Figure 5: peak RSS (/usr/bin/time -v, the largest of the process and the children it
# waited for: dondoc-read-document included) of the first poll of figure 1, and of a poll
# of one message carrying a $BENCH_BIG_BYTES-byte PDF, beside mbsync and getmail.
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
rss=$BENCH_WORK/rss

out ""
out "### 5. Peak RSS"
out ""
out "\`/usr/bin/time -v\`'s maximum resident set size (for dondoc, the larger of dondoc and its"
out "\`dondoc-read-document\` children); MB = 10⁶ bytes."
out ""
out "| what | dondoc | mbsync | getmail | target | verdict |"
out "| --- | --- | --- | --- | --- | --- |"
cell() { [ -s "$1" ] && $STATS rss "$1" 2>/dev/null | sed 's/$/ MB/' || echo "not measured"; }
first=$(num "$BENCH_FIRST")
if [ -s "$rss/first-dondoc.txt" ]; then
    peak=$($STATS rss-bytes "$rss/first-dondoc.txt")
    verdict=$($STATS verdict "$peak < 100e6")
    out "| first poll of $first messages (largest of the runs of figure 1) | $(cell "$rss/first-dondoc.txt") | $(cell "$rss/first-mbsync.txt") | $(cell "$rss/first-getmail.txt") | < 100 MB | **$verdict** |"
    summary "5. peak RSS, first poll of $first messages" "$(cell "$rss/first-dondoc.txt")" "mbsync $(cell "$rss/first-mbsync.txt")" \
        "" "< 100 MB" "$verdict"
else
    out "| first poll of $first messages | not measured (figure 1 did not run) | | | < 100 MB | NOT RUN |"
    summary "5. peak RSS, first poll of $first messages" "" "" "" "< 100 MB" "NOT RUN"
fi

# One message with a big attachment, three runs each from an empty store.
campaign big Big
getmail_config Big
declare -A seconds
for tool in dondoc mbsync getmail; do
    : >"$rss/big-$tool.txt"
    for _ in $(seq 1 "$BENCH_RUNS"); do
        case $tool in
            dondoc) eval "$(dondoc_reset big)"; command=$(dondoc_cmd big) ;;
            mbsync) eval "$(mbsync_reset Big)"; command=$(mbsync_cmd Big) ;;
            getmail) eval "$(getmail_reset Big)"; command=$(getmail_cmd Big) ;;
        esac
        logcmd /usr/bin/time -v -a -o "$rss/big-$tool.txt" $command
        /usr/bin/time -v -a -o "$rss/big-$tool.txt" $command || { say "$tool failed on the big message"; : >"$rss/big-$tool.txt"; break; }
    done
done
size=$BIG_PDF_BYTES
mb=$($STATS calc "$size / 1e6" 1)
stored=$(dondoc_kinds big)
if [ -s "$rss/big-dondoc.txt" ]; then
    peak=$($STATS rss-bytes "$rss/big-dondoc.txt")
    verdict=$($STATS verdict "$peak < 3 * $size")
    ratio=$($STATS calc "$peak / $size" 2)
    out "| poll of one message with a $mb MB PDF (largest of $BENCH_RUNS runs) | $(cell "$rss/big-dondoc.txt") (${ratio}× the attachment) | $(cell "$rss/big-mbsync.txt") | $(cell "$rss/big-getmail.txt") | < 3× = $($STATS calc "3 * $size / 1e6" 1) MB | **$verdict** |"
    summary "5. peak RSS, one message with a $mb MB attachment" "$(cell "$rss/big-dondoc.txt")" "mbsync $(cell "$rss/big-mbsync.txt")" \
        "${ratio}× the attachment" "< 3×" "$verdict"
    out ""
    out "dondoc stored it as: $stored; wall time of its runs: $(grep -h 'Elapsed (wall clock)' "$rss/big-dondoc.txt" | sed 's/.*: //' | paste -sd ' ')."
else
    out "| poll of one message with a $mb MB PDF | **failed** (see the log) | | | < 3× | NOT RUN |"
    summary "5. peak RSS, one message with a $mb MB attachment" "failed" "" "" "< 3×" "NOT RUN"
fi
