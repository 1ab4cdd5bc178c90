#!/usr/bin/env bash
# make demo: the whole intake on loopback. A throwaway Dovecot (dondoc-lab) holds the
# mail an Office received in the week before the Điện Biên 2020 deadline; dondoc checks
# the campaign, polls twice (the second finds nothing new), and lists what it decided.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build --show-bin-path)
work=$(mktemp -d /tmp/dondoc-demo.XXXXXX)
lab_pid=
cleanup() {
    [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The lab serves until it is killed, or this script dies.
"$bin/dondoc-lab" --dir "$work" --fixtures </dev/null &
lab_pid=$!
for _ in $(seq 1 100); do [ -f "$work/ready" ] && break; sleep 0.1; done
[ -f "$work/ready" ] || { echo "demo: the test mail server did not start" >&2; exit 1; }
export DONDOC_CONFIG="$work/campaign.yaml"

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
step() { printf '\n%s$ dondoc %s%s\n' "$bold" "${*:2}" "$plain"; "$@"; }
echo "A test mailbox at $(cat "$work/ready") holds the Office's mail; the campaign is examples/dien-bien-2020.yaml."
step "$bin/dondoc" check
step "$bin/dondoc" poll --now 2020-05-08T16:00:00+07:00
step "$bin/dondoc" poll --now 2020-05-08T16:10:00+07:00
step "$bin/dondoc" messages
step "$bin/dondoc" messages --review --format json
echo
echo "demo: done; the mailbox was only read (no message was marked read)."
