/// The Python side of `SMTPServer`: aiosmtpd (Debian's python3-aiosmtpd) on loopback.
/// Kept in Swift source so the TestSupport target needs no resource declarations.
let smtpServerScript = #"""
"""A throwaway SMTP server for dondoc's tests: aiosmtpd on loopback.

Started by SMTPServer.swift with one argument, a JSON configuration file. Writes
`ready.json` (the ports) once every listener accepts, one JSON line per SMTP event to
`events.log`, and every accepted message as `messages/<n>.eml` + `messages/<n>.json`.
Scripted answers are re-read from `replies.json` on every MAIL, RCPT and DATA.
"""
import asyncio
import json
import os
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult

with open(sys.argv[1], encoding="utf-8") as config_file:
    config = json.load(config_file)
folder = config["directory"]
messages = os.path.join(folder, "messages")
os.makedirs(messages, exist_ok=True)
counters = {"connection": 0, "message": 0}


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as output:
        output.write(data)
    os.replace(temporary, path)


def record(server, command, argument="", reply=""):
    event = {"connection": server.dondoc_number, "command": command, "argument": argument,
             "reply": reply, "tls": server.dondoc_listener == "smtps" or server.session.ssl is not None}
    with open(os.path.join(folder, "events.log"), "a", encoding="utf-8") as log:
        log.write(json.dumps(event) + "\n")


def scripted_reply(kind, address=None):
    """The answer the test asked for, or None for the normal one."""
    try:
        with open(os.path.join(folder, "replies.json"), encoding="utf-8") as file:
            replies = json.load(file)
    except FileNotFoundError:
        return None
    if kind == "rcpt":
        return replies.get("rcpt", {}).get(address.lower())
    return replies.get(kind)


def deliver_to_maildir(raw, number):
    """Like a delivery agent: write in tmp, hand to the mail user, rename into new."""
    maildir = config["maildir"]
    key = "%d.M%08dP%d.dondoc-smtp" % (int(time.time()), number, os.getpid())
    temporary = os.path.join(maildir, "tmp", key)
    with open(temporary, "wb") as output:
        output.write(raw)
    owner = config.get("maildirOwner")
    if owner is not None:
        os.chown(temporary, owner[0], owner[1])
    os.rename(temporary, os.path.join(maildir, "new", key))


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, options):
        reply = scripted_reply("mail") or "250 OK"
        if reply.startswith("250"):
            envelope.mail_from = address
            envelope.mail_options.extend(options)
        record(server, "MAIL", address, reply)
        return reply

    async def handle_RCPT(self, server, session, envelope, address, options):
        reply = scripted_reply("rcpt", address) or "250 OK"
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(options)
        record(server, "RCPT", address, reply)
        return reply

    async def handle_DATA(self, server, session, envelope):
        reply = scripted_reply("data")
        action = scripted_reply("data_action")
        if reply is None:
            counters["message"] += 1
            number = counters["message"]
            raw = envelope.original_content
            base = os.path.join(messages, str(number))
            write_atomically(base + ".eml", raw)
            if config.get("maildir"):
                deliver_to_maildir(raw, number)
            facts = {"mailFrom": envelope.mail_from, "recipients": envelope.rcpt_tos,
                     "connection": server.dondoc_number}
            # The envelope last: received() lists messages by their .json file.
            write_atomically(base + ".json", json.dumps(facts).encode())
            reply = "250 OK queued as %d" % number
        if action in ("silent", "drop"):
            # The message is kept, as a real server may have queued it, and the client
            # never learns so: no answer, or no connection.
            record(server, "DATA", "%d bytes" % len(envelope.original_content), action)
            if action == "drop":
                server.transport.close()
            await asyncio.sleep(3600)
        record(server, "DATA", "%d bytes" % len(envelope.original_content), reply)
        return reply

    async def handle_RSET(self, server, session, envelope):
        record(server, "RSET", "", "250 OK")
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        record(server, "QUIT", "", "221 Bye")
        return "221 Bye"


def authenticator(server, session, envelope, mechanism, credentials):
    login = credentials.login.decode("utf-8", "replace")
    accepted = login == config["username"] and credentials.password.decode("utf-8", "replace") == config["password"]
    # The password is never written anywhere.
    record(server, "AUTH", "%s %s" % (mechanism, login), "235" if accepted else "535")
    return AuthResult(success=accepted, handled=False, auth_data=login)


def protocol_factory(listener, tls_context):
    def make():
        counters["connection"] += 1
        arguments = dict(hostname="dondoc-test.localhost", timeout=config["idleTimeout"],
                         authenticator=authenticator)
        if listener == "starttls":
            arguments.update(tls_context=tls_context, auth_required=True)
        elif listener == "smtps":
            # aiosmtpd does not count implicit TLS as TLS for its AUTH rule.
            arguments.update(auth_required=True, auth_require_tls=False)
        server = SMTP(Handler(), **arguments)
        server.dondoc_number = counters["connection"]
        server.dondoc_listener = listener
        with open(os.path.join(folder, "events.log"), "a", encoding="utf-8") as log:
            log.write(json.dumps({"connection": server.dondoc_number, "command": "CONNECT",
                                  "argument": listener, "reply": "", "tls": listener == "smtps"}) + "\n")
        return server
    return make


async def main():
    loop = asyncio.get_running_loop()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(config["certificate"], config["key"])
    ports = {}
    listeners = ["starttls", "smtps"] + (["plain"] if config["plain"] else [])
    for listener in listeners:
        server = await loop.create_server(protocol_factory(listener, context), config["address"], 0,
                                          ssl=context if listener == "smtps" else None)
        ports[listener] = server.sockets[0].getsockname()[1]
    write_atomically(os.path.join(folder, "ready.json"), json.dumps(ports).encode())
    await asyncio.Event().wait()


asyncio.run(main())
"""#
