#!/usr/bin/env bash
# Benchmark: `dondoc poll` of N generated ~12 KB messages from a loopback Dovecot over
# IMAPS, into an empty store (full intake: fetch, store, parse, attribute), and a poll
# that finds nothing new. Release build; hyperfine from Debian.
#
#   bench/poll.sh [N]                     (default 2000)
#   BASELINE=/path/to/dondoc bench/poll.sh [N]
#
# With BASELINE (an older release build of dondoc), both run in the same hyperfine
# session against the same mailbox, each into its own store, so the ratio is measured
# rather than remembered.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null || { echo "bench: install hyperfine" >&2; exit 69; }; }
swift build -c release --product dondoc >/dev/null
swift build -c release --product dondoc-read-document >/dev/null
swift build -c release --product dondoc-lab >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d /tmp/dondoc-bench.XXXXXX)
"$bin/dondoc-lab" --dir "$work" --generate "$count" </dev/null &
lab=$!
trap 'kill $lab 2>/dev/null; wait $lab 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do [ -f "$work/ready" ] && break; sleep 0.1; done
[ -f "$work/ready" ] || { echo "bench: the lab did not start" >&2; exit 1; }
config="$work/campaign.yaml"
store="$work/store.sqlite"

# One campaign file per binary, differing only in the store.
contenders=("current:$bin/dondoc")
[ -n "${BASELINE:-}" ] && contenders+=("baseline:$BASELINE")
full=() idle=()
for contender in "${contenders[@]}"; do
    name=${contender%%:*} program=${contender#*:}
    sed "s|$store|$work/$name.sqlite|" "$config" >"$work/$name.yaml"
    s="$work/$name.sqlite"
    full+=(--prepare "rm -f $s $s-wal $s-shm" -n "$name: poll $count new messages" "$program poll --quiet --config $work/$name.yaml")
    idle+=(-n "$name: poll, nothing new ($count stored)" "$program poll --quiet --config $work/$name.yaml")
done
hyperfine --warmup 1 --runs 10 --export-markdown "$work/full.md" "${full[@]}"
for contender in "${contenders[@]}"; do
    name=${contender%%:*} program=${contender#*:}
    "$program" poll --quiet --config "$work/$name.yaml"
done
hyperfine -N --warmup 2 --runs 20 --export-markdown "$work/idle.md" "${idle[@]}"
for contender in "${contenders[@]}"; do
    name=${contender%%:*} program=${contender#*:}
    s="$work/$name.sqlite"
    /usr/bin/time -f "$name: peak RSS of a $count-message poll: %M KB" \
        sh -c "rm -f $s $s-wal $s-shm; $program poll --quiet --config $work/$name.yaml"
done
cat "$work/full.md" "$work/idle.md"
