#!/usr/bin/env bash
# Figure 4: `dondoc report` in every format on the store of $LARGE messages (lib.sh) and
# $BENCH_AGENCIES agencies (bench/large-store.sh), 10 runs each after 2 warm-ups, output
# to /dev/null (hyperfine's default); each format also written once to a file for its size.
set -euo pipefail
source "$BENCH_ROOT/bench/lib.sh"
bash "$BENCH_ROOT/bench/large-store.sh"
mkdir -p "$BENCH_WORK/reports"

out ""
out "### 4. \`dondoc report\` on $(num "$LARGE") messages and $(num "$BENCH_AGENCIES") agencies"
out ""
out "$(cat "$BENCH_WORK/large-store.md")"
out ""
out "\`report --now $NOW_POLL\`, 10 runs after 2 warm-ups each (target: under 300 ms)."
out ""
out "| format | median | mean ± σ | min … max | output | verdict |"
out "| --- | --- | --- | --- | --- | --- |"
worst=0 worst_format= all=PASS
for format in text html csv json register; do
    json=$BENCH_WORK/fig4-$format.json
    command="$BIN/dondoc report --config $BENCH_WORK/large.yaml --now $NOW_POLL --format $format"
    if bench_hyperfine -N --warmup 2 --runs 10 --export-json "$json" -n "report --format $format" "$command"; then
        $command >"$BENCH_WORK/reports/report.$format"
        size=$(stat -c %s "$BENCH_WORK/reports/report.$format")
        median=$($STATS get "$json" median)
        verdict=$($STATS verdict "$median < 0.300")
        [ "$verdict" = PASS ] || all=MISS
        out "| $format | $($STATS cell "$json") | $($STATS calc "$size / 1e3" 0) kB | **$verdict** |"
        summary "4. report --format $format, $(num "$LARGE")/$(num "$BENCH_AGENCIES") (median)" \
            "$($STATS fmt "$median")" "" "" "< 300 ms" "$verdict"
    else
        out "| $format | **failed** (see the log) | | | | NOT RUN |"
        summary "4. report --format $format" "failed" "" "" "< 300 ms" "NOT RUN"
        all=MISS
    fi
done
out ""
out "Every format under 300 ms: **$all**."
