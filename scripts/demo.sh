#!/usr/bin/env bash
# make demo: a whole campaign on loopback. dondoc-lab serves a throwaway Dovecot with the
# mail the Office received in the week before the Điện Biên 2020 deadline, and a real
# SMTP server (aiosmtpd) delivering into a second Dovecot, the agencies' side. dondoc
# checks the campaign, polls (acknowledging each submission), lists what it decided,
# sends the reminders of the first overdue day, records a paper copy, settles a review
# item by hand, and reports to the secretariat.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build --show-bin-path)
work=$(mktemp -d /tmp/dondoc-demo.XXXXXX)
# What a new user opens afterwards (the reports, the exported files) outlives the run;
# the servers and their mail do not.
keep=${DEMO_OUTPUT:-$(mktemp -d /tmp/dondoc-demo-bao-cao.XXXXXX)}
mkdir -p "$keep"
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
read -r imap smtp sent <"$work/ready"
echo "The Office's mailbox is $imap, mail goes out through $smtp;"
echo "the campaign is examples/dien-bien-2020.yaml pointed at them."
step "$bin/dondoc" check
step "$bin/dondoc" poll --now 2020-05-08T16:00:00+07:00
step "$bin/dondoc" poll --now 2020-05-08T16:10:00+07:00
step "$bin/dondoc" messages
step "$bin/dondoc" messages --review --format json
# A scan sent from a personal address, the subject naming nobody: the page itself says whose.
step "$bin/dondoc" show 13
step "$bin/dondoc" remind --dry-run --now 2020-05-08T07:30:00+07:00
step "$bin/dondoc" remind --now 2020-05-11T07:30:00+07:00
step "$bin/dondoc" remind --now 2020-05-11T09:30:00+07:00
step "$bin/dondoc" record snv --paper --received 2020-05-11T10:00:00+07:00 --symbol 18/BC-SNV --note "Bản giấy qua văn thư" --now 2020-05-11T10:05:00+07:00
step "$bin/dondoc" assign 12 ubnd-muong-cha --learn-sender
step "$bin/dondoc" report --now 2020-05-11T16:30:00+07:00
step "$bin/dondoc" report --now 2020-05-11T16:30:00+07:00 --format html --output "$keep/bao-cao.html"
step "$bin/dondoc" report --now 2020-05-11T16:30:00+07:00 --format csv --output "$keep/bao-cao.csv"
step "$bin/dondoc" report --now 2020-05-11T16:30:00+07:00 --format register --output "$keep/so-cong-van-den.csv"
step "$bin/dondoc" export stnmt --to "$keep/tep-stnmt"
step "$bin/dondoc" report --now 2020-05-11T16:30:00+07:00 --email
first=$(ls "$sent"/*.eml | sort -V | head -n 1)
echo
echo "The first mail dondoc sent, as the agency reads it ($first):"
# Decoded by Python's own mail package: an independent reader of what dondoc wrote.
/usr/bin/python3 - "$first" <<'PY'
import email, sys
from email import policy
with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=policy.default)
for name in ["From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "Auto-Submitted"]:
    if m[name]:
        print(f"{name}: {m[name]}")
print()
print(m.get_body(("plain",)).get_content())
PY
echo
echo "demo: done. The Office's mailbox was only read: no message turned \"read\"."
echo "demo: the reports are kept in $keep:"
echo "  bao-cao.html (open it in a browser), bao-cao.csv and so-cong-van-den.csv (the incoming"
echo "  register; open them in a spreadsheet), tep-stnmt/ (the files Sở TN&MT sent)."
