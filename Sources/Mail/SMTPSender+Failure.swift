import CCurl
import Foundation

/// Turning what libcurl 7.88 reports into what the outbox must do.
///
/// Measured against aiosmtpd: a 4xx or 5xx answer to `MAIL` or `RCPT` comes back as
/// `CURLE_SEND_ERROR` (55, "RCPT failed: 550"); the final answer after the message as
/// `CURLE_WEIRD_SERVER_REPLY` (8, "Weird server reply"). Neither carries the server's text,
/// so the reply is taken from the protocol lines `SMTPExchange` watched, and the kind of
/// failure from the command it answered — not from the curl code.
extension SMTPSender {
    func failure(_ code: CURLcode, handle: UnsafeMutableRawPointer) -> SMTPSendError {
        if let reply = transactionRefusal(handle: handle) {
            return classify(reply)
        }
        return .connection(connectionError(code))
    }

    /// The server's refusal of `MAIL`, `RCPT` or `DATA`, if that is what ended the transfer.
    private func transactionRefusal(handle: UnsafeMutableRawPointer) -> SMTPReply? {
        guard let command = exchange.lastCommand, SMTPExchange.transactionCommands.contains(command) else { return nil }
        if let reply = exchange.lastReply, reply.code >= 400 { return reply }
        // No complete reply line seen: fall back on curl's own record of the code.
        var code = 0
        guard dondoc_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK, (400..<600).contains(code) else {
            return nil
        }
        return SMTPReply(code: code, text: curlDetail(CURLE_SEND_ERROR))
    }

    private func classify(_ reply: SMTPReply) -> SMTPSendError {
        switch reply.code {
        case 421:
            // "Service not available, closing transmission channel": about the session,
            // not this message. The run stops; everything pending goes out next run.
            return .connection(.cannotConnect("\(peer) is closing the connection (\(reply)); try again later"))
        case 530:
            // "Authentication required" (RFC 4954): no message can go until the
            // configuration changes; not a fault of this one.
            return .connection(.authenticationFailed("\(peer) requires a login to send mail (\(reply)); set the user name and password"))
        case 400..<500:
            return .temporary(reply)
        default:
            return .permanent(reply)
        }
    }

    /// Maps what libcurl reports while connecting, upgrading to TLS and logging in — the
    /// same sorting as the IMAP connection's.
    private func connectionError(_ code: CURLcode) -> MailError {
        let reason = curlDetail(code)
        let replyNote = exchange.lastReply.map { " (the server said \($0))" } ?? ""
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_WEIRD_SERVER_REPLY:
            return .cannotConnect("cannot send through \(peer): \(reason)\(replyNote); check the host name, port and network")
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut("\(peer) did not answer within \(timeoutSeconds) s: \(reason); check the host, port and network")
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR, CURLE_REMOTE_ACCESS_DENIED:
            let user = endpoint.username ?? "(no user name)"
            return .authenticationFailed("\(peer) refused the login of \(user)\(replyNote); check the user name and password")
        case CURLE_USE_SSL_FAILED:
            // Only reachable for smtp:// to a host that is not loopback (CURLUSESSL_ALL):
            // curl checks for STARTTLS before any credential is sent.
            return .insecureTransport("\(peer) does not offer STARTTLS, and mail may go in plain text only to a loopback host; use an smtps:// URL")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_CLIENTCERT, CURLE_SSL_SHUTDOWN_FAILED:
            let caHint = endpoint.caFile.map { "the CA in ca_file \($0) must have signed the server's certificate" }
                ?? "set ca_file to the CA that signed the server's certificate if it is not a public one"
            return .tlsFailed("TLS with \(peer) failed: \(reason); check that the host name matches the certificate, and \(caHint)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidEndpoint("mail server URL \(peer) is not usable: \(reason)")
        default:
            return .protocolError("\(peer): \(reason)\(replyNote) (libcurl error \(code.rawValue))")
        }
    }

    /// curl's error buffer (more precise than the code's description), then cleared.
    private func curlDetail(_ code: CURLcode) -> String {
        let text = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        errorBuffer[0] = 0
        return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
    }
}
