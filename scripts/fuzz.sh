#!/usr/bin/env bash
# make fuzz: libFuzzer over what hostile mail and hostile servers reach, FUZZ_SECONDS
# (600) for each harness, both at once:
#   mime  a stored message through the MIME parser (GMime and dondoc's repairs), then
#         attribution against the example campaign, as a poll reads it;
#   imap  bytes as a server would send them, through the IMAP response reader.
# Seeds are the repository's .eml fixtures and a few server transcripts. An input that
# crashes is copied to Tests/Fixtures/fuzz/<harness>/, where the tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
scratch=.build-fuzz
# libFuzzer's runtime, linked whole, brings its own main beside the one SwiftPM names:
# either starts the same driver.
flags=(-Xswiftc -sanitize=fuzzer -Xswiftc -D -Xswiftc FUZZING -Xlinker --allow-multiple-definition)
echo "fuzz: building the harnesses with -sanitize=fuzzer (--scratch-path $scratch)" >&2
swift build --product dondoc-fuzz --scratch-path "$scratch" "${flags[@]}"
bin=$(swift build --product dondoc-fuzz --scratch-path "$scratch" "${flags[@]}" --show-bin-path)/dondoc-fuzz
work=$(mktemp -d /tmp/dondoc-fuzz.XXXXXX)
mkdir -p "$work/mime" "$work/imap" "$work/found"
cp Tests/Fixtures/*.eml "$work/mime/"
printf '* OK ready\r\n' >"$work/imap/greeting"
printf '* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\nA1 OK [READ-ONLY] done\r\n' >"$work/imap/examine"
printf '* SEARCH 1 2 3\r\nA2 OK done\r\n' >"$work/imap/search"
printf '* 1 FETCH (UID 1 BODY[] {12}\r\nSubject: x\r\n)\r\nA3 OK done\r\n' >"$work/imap/fetch"
printf '* 2 FETCH (UID 9 INTERNALDATE "07-May-2020 09:00:00 +0700" BODY[] "quoted")\r\n' >"$work/imap/quoted"
pids=()
for harness in mime imap; do
    echo "fuzz: $harness for ${seconds} s" >&2
    DONDOC_FUZZ=$harness "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        -artifact_prefix="$work/found/$harness-" "$work/$harness" >"$work/$harness.log" 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for harness in mime imap; do
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' "$work/$harness.log" | sed "s/^/fuzz: $harness: /" >&2 || true
done
found=$(find "$work/found" -type f | wc -l)
if [ "$found" -gt 0 ]; then
    for file in "$work"/found/*; do
        harness=$(basename "$file" | cut -d- -f1)
        mkdir -p "Tests/Fixtures/fuzz/$harness"
        cp "$file" "Tests/Fixtures/fuzz/$harness/"
    done
    echo "fuzz: $found crashing input(s) kept in Tests/Fixtures/fuzz (logs in $work)" >&2
    exit 1
fi
[ "$status" = 0 ] || { echo "fuzz: a harness stopped without a crash input (logs in $work)" >&2; exit 1; }
echo "fuzz: no crash in ${seconds} s of each harness (logs in $work)" >&2
