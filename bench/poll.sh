#!/usr/bin/env bash
# Benchmark: `dondoc poll` of N generated ~12 KB messages from a loopback Dovecot over
# IMAPS, into an empty store (full intake: fetch, store, parse, attribute), and a poll
# that finds nothing new. Release build; hyperfine from Debian.
#
#   bench/poll.sh [N]        (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null || { echo "bench: install hyperfine" >&2; exit 69; }; }
swift build -c release --product dondoc >/dev/null
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

hyperfine --warmup 1 --runs 10 --export-markdown "$work/full.md" \
    --prepare "rm -f $store $store-wal $store-shm" \
    -n "poll $count new messages" "$bin/dondoc poll --quiet --config $config"
"$bin/dondoc" poll --quiet --config "$config"
hyperfine --warmup 2 --runs 20 --export-markdown "$work/idle.md" \
    -n "poll, nothing new ($count stored)" "$bin/dondoc poll --quiet --config $config"
/usr/bin/time -f "peak RSS of a $count-message poll: %M KB" \
    sh -c "rm -f $store $store-wal $store-shm; $bin/dondoc poll --quiet --config $config"
cat "$work/full.md" "$work/idle.md"
