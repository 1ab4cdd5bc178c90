// The Python side of `ScriptedIMAPServer`: an IMAP server that answers the few commands
// dondoc sends (LOGIN, CAPABILITY, EXAMINE, UID SEARCH, UID FETCH, LOGOUT) the way a
// broken or hostile server would, as the test's `config.json` says. Plain text on
// loopback only; one connection at a time.
let scriptedIMAPServerScript = #"""
import json, os, re, socket, sys

config = json.load(open(sys.argv[1]))
directory = config["directory"]
messages = {int(uid): entry for uid, entry in config["messages"].items()}
def load_quirks():
    # Re-read on every FETCH, so a test can mend (or break) the server between polls.
    path = os.path.join(directory, "quirks.json")
    return json.load(open(path)) if os.path.exists(path) else config.get("quirks", {})
log = open(os.path.join(directory, "commands.log"), "a", buffering=1)

def uid_set(text, highest):
    uids = set()
    for part in text.split(","):
        if ":" in part:
            a, b = part.split(":")
            a = highest if a == "*" else int(a)
            b = highest if b == "*" else int(b)
            uids.update(range(min(a, b), max(a, b) + 1))
        else:
            uids.add(highest if part == "*" else int(part))
    return uids

def serve(conn):
    reader = conn.makefile("rb")
    def send(data):
        conn.sendall(data if isinstance(data, bytes) else data.encode())
    send("* OK [CAPABILITY IMAP4rev1] scripted server ready\r\n")
    while True:
        line = reader.readline()
        if not line:
            return
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        log.write(text + "\n")
        parts = text.split(" ", 2)
        if len(parts) < 2:
            continue
        tag, command = parts[0], parts[1].upper()
        rest = parts[2] if len(parts) > 2 else ""
        if command == "CAPABILITY":
            send("* CAPABILITY IMAP4rev1\r\n%s OK done\r\n" % tag)
        elif command == "LOGIN":
            send("%s OK logged in\r\n" % tag)
        elif command == "EXAMINE" and load_quirks().get("examineNo"):
            send("%s NO %s\r\n" % (tag, load_quirks()["examineNo"]))
        elif command == "EXAMINE":
            highest = max(messages) if messages else 0
            send("* %d EXISTS\r\n* OK [UIDVALIDITY %d] ok\r\n* OK [UIDNEXT %d] ok\r\n%s OK [READ-ONLY] done\r\n"
                 % (len(messages), config.get("uidValidity", 7), highest + 1, tag))
        elif command == "LOGOUT":
            send("* BYE bye\r\n%s OK done\r\n" % tag)
            return
        elif command == "UID" and rest.upper().startswith("SEARCH"):
            low = int(re.search(r"UID (\d+):", rest, re.I).group(1))
            found = [u for u in sorted(messages) if u >= low]
            send("* SEARCH %s\r\n%s OK done\r\n" % (" ".join(map(str, found)), tag))
        elif command == "UID" and rest.upper().startswith("FETCH"):
            quirks = load_quirks()
            spec = rest.split(" ", 2)[1]
            wanted = sorted(u for u in uid_set(spec, max(messages) if messages else 0) if u in messages)
            full = "BODY.PEEK[]" in rest.upper()
            order = list(wanted)
            if full and quirks.get("order") == "reversed":
                order.reverse()
            if full and quirks.get("order") == "swap-first-two" and len(order) > 1:
                order[0], order[1] = order[1], order[0]
            omitted = set(quirks.get("omit", [])) if full else set()
            for uid in order:
                if uid in omitted:
                    continue
                entry = messages[uid]
                date = entry.get("internalDate", "07-May-2020 10:00:00 +0700")
                if full and str(uid) in quirks.get("badDates", {}):
                    date = quirks["badDates"][str(uid)]
                seq = sorted(messages).index(uid) + 1
                if full:
                    raw = open(os.path.join(directory, entry["file"]), "rb").read()
                    send(b'* %d FETCH (UID %d INTERNALDATE "%s" RFC822.SIZE %d BODY[] {%d}\r\n'
                         % (seq, uid, date.encode(), len(raw), len(raw)) + raw + b")\r\n")
                else:
                    send('* %d FETCH (UID %d INTERNALDATE "%s")\r\n' % (seq, uid, date))
            if omitted & set(wanted):
                send("%s NO some messages could not be fetched\r\n" % tag)
            else:
                send("%s OK done\r\n" % tag)
        else:
            send("%s BAD unknown command\r\n" % tag)

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(4)
with open(os.path.join(directory, "ready.tmp"), "w") as ready:
    json.dump({"port": listener.getsockname()[1]}, ready)
os.rename(os.path.join(directory, "ready.tmp"), os.path.join(directory, "ready.json"))
while True:
    conn, _ = listener.accept()
    try:
        serve(conn)
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        conn.close()
"""#
