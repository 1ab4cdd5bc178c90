// The Python side of `ScriptedIMAPServer`: an IMAP server that answers the few commands
// dondoc sends (LOGIN, CAPABILITY, EXAMINE, UID SEARCH, UID FETCH, LOGOUT) the way a
// broken or hostile server would, as the test's `config.json` says. Plain text on
// loopback only; one connection at a time.
let scriptedIMAPServerScript = #"""
import base64, json, os, re, socket, sys, time

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
    def drip(data):
        # A byte a second: never silent long enough for a silence timeout.
        for index in range(len(data)):
            conn.sendall(data[index:index + 1])
            time.sleep(1)
    if load_quirks().get("greetingBye"):
        send("* BYE %s\r\n" % load_quirks()["greetingBye"])
        return
    bearer = load_quirks().get("xoauth2Token")
    capabilities = "IMAP4rev1 AUTH=XOAUTH2 LOGINDISABLED" if bearer else "IMAP4rev1"
    send("* OK [CAPABILITY %s] scripted server ready\r\n" % capabilities)
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
            send("* CAPABILITY %s\r\n%s OK done\r\n" % (capabilities, tag))
        elif command == "AUTHENTICATE" and bearer and rest.upper().startswith("XOAUTH2"):
            words = rest.split(" ")
            if len(words) > 1:
                payload = words[1]
            else:
                send("+ \r\n")
                payload = reader.readline().decode("ascii", "replace").strip()
            said = base64.b64decode(payload + "===").decode("utf-8", "replace")
            if ("auth=Bearer %s\x01" % bearer) in said:
                send("%s OK authenticated\r\n" % tag)
            else:
                send("%s NO [AUTHENTICATIONFAILED] invalid token\r\n" % tag)
        elif command == "LOGIN" and bearer:
            send("%s NO [PRIVACYREQUIRED] LOGIN is disabled, use XOAUTH2\r\n" % tag)
        elif command == "LOGIN" and load_quirks().get("loginNo"):
            send("%s NO %s\r\n" % (tag, load_quirks()["loginNo"]))
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
            flood = load_quirks().get("searchFloodBytes", 0)
            if flood:
                line = ("* SEARCH" + " 4000000000" * 10000 + "\r\n").encode()
                for _ in range(0, flood, len(line)):
                    send(line)
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
                    head = b'* %d FETCH (UID %d INTERNALDATE "%s" RFC822.SIZE %d BODY[] ' % (seq, uid, date.encode(), len(raw))
                    if uid in quirks.get("quotedBodies", []):
                        body = b'"' + raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
                    else:
                        body = b"{%d}\r\n" % len(raw) + raw
                    extra = quirks.get("extraLiteralBytes", {}).get(str(uid), 0)
                    if uid in quirks.get("drip", []):
                        drip(head + body + b")\r\n")
                        continue
                    send(head + body)
                    for _ in range(0, extra, 65536):
                        send(b" X-FLOOD {65536}\r\n" + b"x" * 65536)
                    send(b")\r\n")
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
