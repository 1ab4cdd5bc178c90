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

    /// The connection failed after the whole message went out: whether the server kept
    /// it cannot be known, and saying "check the host name" would send a person the
    /// wrong way. Temporary either way; the caller must not send the message again.
    func outcomeUnknown(_ code: CURLcode) -> MailError {
        let after = "after the whole message was sent, before saying whether it accepted it"
        let consequence = "the message may have arrived, so it is not sent again; check with its recipient"
        if code == CURLE_OPERATION_TIMEDOUT {
            return .timedOut("\(peer) did not answer within \(timeoutSeconds) s \(after): \(consequence)")
        }
        return .cannotConnect("\(peer) closed the connection \(after) (\(curlDetail(code))): \(consequence)")
    }

    /// Maps what libcurl reports while connecting, upgrading to TLS and logging in — the
    /// same sorting as the IMAP connection's.
    func connectionError(_ code: CURLcode) -> MailError {
        CurlFailure.connectError(code, reason: curlDetail(code), dialect: .smtp, peer: peer, timeoutSeconds: timeoutSeconds,
                                 user: endpoint.username ?? "(no user name)", caFile: endpoint.caFile,
                                 serverSaid: exchange.lastReply.map { " (the server said \($0))" } ?? "")
    }

    private func curlDetail(_ code: CURLcode) -> String {
        easy?.reason(for: code) ?? CurlFailure.describe(code)
    }
}
