import Foundation

/// A read-only IMAP session over libcurl: one per poll, used from one thread.
///
/// Read-only by construction: the only commands this class can send are `EXAMINE`,
/// `UID SEARCH`, `UID FETCH` of `UID INTERNALDATE RFC822.SIZE BODY.PEEK[]`, and `LOGOUT`.
/// None of them changes a flag, so every message stays exactly as read or unread as it was.
///
/// After a transport or protocol error the session is unusable (the conversation is out
/// of step): later calls throw `protocolError`; make a new session.
public final class IMAPSession {
    public let endpoint: IMAPEndpoint
    private let connection: CurlConnection
    private let reader: IMAPReader
    private var tagNumber = 0
    private var state = State.authenticated

    private enum State { case authenticated, examined, broken, closed }

    /// UIDs per `UID FETCH` command. Memory does not grow with it (each message is handed
    /// on as soon as it is complete); it only sets how many commands a fetch takes.
    public var fetchBatchSize = 100

    /// A message larger than this is received to its end but handed on as its first
    /// `keptBytesOfLargerMessage` bytes, with its length and SHA-256 (`FetchedMessage.isPartial`):
    /// no message costs more memory than this. One FETCH response holding more than this
    /// plus 1 MiB (a server sending literal after literal) ends the session.
    public var maximumMessageBytes = 256 << 20
    public var keptBytesOfLargerMessage = 64 << 10
    /// The `* SEARCH` answers to one `UID SEARCH` together may not be larger than this
    /// (a million UIDs take about 8 MB): a server that never ends them ends the session.
    public var maximumSearchBytes = 32 << 20

    /// Connects, sets up TLS (implicit or STARTTLS) and logs in. `endpoint.timeLimit`
    /// counts from here.
    public init(endpoint: IMAPEndpoint) throws(MailError) {
        self.endpoint = endpoint
        connection = try CurlConnection(endpoint: endpoint)
        reader = IMAPReader(source: connection, peer: connection.peer)
    }

    /// What one FETCH response with a body may hold.
    private var messageLimits: IMAPReader.Limits {
        let whole = max(maximumMessageBytes, 1)
        let sum = whole.addingReportingOverflow(1 << 20)  // the FETCH line and its other items
        return IMAPReader.Limits(responseBytes: sum.overflow ? Int.max : sum.partialValue, wholeLiteralBytes: whole,
                                 keptOfLargerLiteral: min(max(keptBytesOfLargerMessage, 0), whole))
    }

    deinit {
        // A session left mid-response would make curl's own farewell LOGOUT wait for the
        // rest of it; cut the connection instead. A healthy one gets curl's LOGOUT.
        if state == .broken { connection.abort() }
    }

    // MARK: Commands

    /// Opens the mailbox read-only with `EXAMINE` (never `SELECT`).
    public func examine() throws(MailError) -> MailboxStatus {
        let mailbox = endpoint.mailbox
        guard let quoted = IMAPSyntax.quotedMailbox(mailbox) else {
            throw .mailboxNotFound("mailbox name \"\(mailbox)\" contains control characters; check the mailbox URL path")
        }
        var exists: Int?
        var uidValidity: UInt32?
        var uidNext: UInt32?
        let completion = try guarded { () throws(MailError) in
            try run("EXAMINE \(quoted)") { response in
                if let numbered = response.numbered, numbered.keyword == "EXISTS" { exists = numbered.number }
                guard response.word == "OK", let code = response.responseCode else { return }
                if code.name == "UIDVALIDITY" { uidValidity = UInt32(code.value) }
                if code.name == "UIDNEXT" { uidNext = UInt32(code.value) }
            }
        }
        switch completion.word {
        case "OK": break
        case "NO" where completion.isRefusalForNow:
            // RFC 5530: the mailbox exists but cannot be served right now.
            throw .serverBusy("\(connection.peer) is busy and cannot open mailbox \"\(mailbox)\" now (server said: \(completion.statusText)); the next poll tries again")
        case "NO":
            throw .mailboxNotFound("\(connection.peer) cannot open mailbox \"\(mailbox)\" (server said: \(completion.statusText)); check the path of the mailbox URL")
        default:
            throw .protocolError("\(connection.peer) rejected EXAMINE: \(completion.afterTag)")
        }
        guard let uidValidity else {
            // Without UIDVALIDITY a stored UID could silently point at another message.
            throw .protocolError("\(connection.peer) opened \"\(mailbox)\" without reporting UIDVALIDITY")
        }
        state = .examined
        return MailboxStatus(uidValidity: uidValidity, uidNext: uidNext, exists: exists ?? 0)
    }

    /// UIDs ≥ `firstUID` of the messages whose INTERNALDATE is at or after `since`,
    /// ascending.
    ///
    /// Two server behaviours are corrected here (docs/imap-quirks.md): `UID n:*` always
    /// matches the highest UID even when it is below n, so the result is filtered; and
    /// `SINCE` compares days in the server's time zone, so the search asks from one day
    /// earlier and the exact instant is checked against each message's INTERNALDATE.
    public func searchUIDs(from firstUID: UInt32, since: Date?) throws(MailError) -> [UInt32] {
        try requireExamined()
        return try guarded { () throws(MailError) in
            var criteria = "UID \(max(firstUID, 1)):*"
            if let since {
                criteria += " SINCE \(IMAPSyntax.searchDate(since.addingTimeInterval(-86_400)))"
            }
            var found: Set<UInt32> = []
            var searchBytes = 0
            let completion = try run("UID SEARCH \(criteria)") { (response) throws(MailError) in
                guard response.word == "SEARCH" else { return }
                let sum = searchBytes.addingReportingOverflow(response.heldBytes)
                searchBytes = sum.overflow ? Int.max : sum.partialValue
                guard searchBytes <= maximumSearchBytes else {
                    throw .protocolError("\(connection.peer) answered UID SEARCH with more than \(maximumSearchBytes >> 20) MB of results and had not finished; the transfer was stopped (a broken server: ask its administrator)")
                }
                found.formUnion(response.afterTag.split(separator: " ").dropFirst().lazy.compactMap { UInt32($0) }.filter { $0 >= firstUID })
            }
            try requireOK(completion, command: "UID SEARCH")
            var uids = found.sorted()
            if let since, let lowest = uids.first, let highest = uids.last {
                let dates = try internalDates(from: lowest, through: highest, of: found)
                // A date that cannot be read is no reason to leave a message behind.
                uids = uids.filter { uid in dates[uid].map { $0 >= since } ?? true }
            }
            return uids
        }
    }

    /// Fetches the messages with these UIDs and hands each to `body` as soon as it is
    /// complete, in the order the server sends them (RFC 3501 promises none), each UID at
    /// most once. UIDs the server does not send (expunged meanwhile, or a server that
    /// answers `NO` for some) are left out: the caller sees which arrived and must not
    /// count the others as stored.
    ///
    /// `UID FETCH` commands of `fetchBatchSize` UIDs each, with `BODY.PEEK[]` so nothing
    /// is marked `\Seen`; each batch is sent once the previous one's messages have all
    /// arrived, before its completion: the server never waits for a round trip. Only one
    /// message is in memory at a time.
    public func fetch(uids: [UInt32], body: (FetchedMessage) throws -> Void) throws {
        try requireExamined()
        let batches = Array(Set(uids)).sorted().chunked(into: max(1, fetchBatchSize))
        var batchIndex = -1
        var pendingTags: Set<String> = []
        var streamingTag: String?
        // Every UID asked for and not yet delivered, across the batches in flight: a
        // server may interleave pipelined answers, and may answer in any order.
        var awaited: Set<UInt32> = []
        var streamingRemaining: Set<UInt32> = []
        do {
            func startNextBatch() throws(MailError) {
                batchIndex += 1
                guard batchIndex < batches.count else {
                    streamingTag = nil
                    streamingRemaining = []
                    return
                }
                let batch = batches[batchIndex]
                let tag = try send("UID FETCH \(IMAPSyntax.uidSet(batch)) (UID INTERNALDATE RFC822.SIZE BODY.PEEK[])")
                pendingTags.insert(tag)
                streamingTag = tag
                streamingRemaining = Set(batch)
                awaited.formUnion(batch)
            }
            try startNextBatch()
            while !pendingTags.isEmpty {
                let response = try reader.readResponse(within: messageLimits)
                let tag = String(response.tag)
                if pendingTags.contains(tag) {
                    // NO: the server could not send some of them. Those are simply not
                    // delivered; the caller asks again. BAD is our fault or its madness.
                    if response.word != "OK" && response.word != "NO" { try requireOK(response, command: "UID FETCH") }
                    pendingTags.remove(tag)
                    if tag == streamingTag { try startNextBatch() }
                    continue
                }
                try checkUntagged(response)
                guard let item = try FetchResponse(response), let uid = item.uid, let raw = item.body,
                      awaited.remove(uid) != nil else { continue }  // unsolicited, or sent twice
                try body(FetchedMessage(uid: uid, internalDate: item.internalDate, size: item.bodyWhole?.size ?? raw.count,
                                        raw: raw, wholeSHA256: item.bodyWhole?.sha256))
                streamingRemaining.remove(uid)
                if streamingRemaining.isEmpty, streamingTag != nil { try startNextBatch() }
            }
        } catch {
            state = .broken
            connection.abort()
            throw error
        }
    }

    /// Says goodbye with `LOGOUT`. Never throws: the work is done either way.
    public func logout() {
        defer { state = .closed }
        guard state == .authenticated || state == .examined else { return }
        _ = try? run("LOGOUT") { _ in }
    }

    // MARK: Conversation

    /// INTERNALDATE of the messages `wanted`, all with a UID in `lowest...highest`, in one
    /// command. Answers for other UIDs are ignored: a server cannot make this grow.
    private func internalDates(from lowest: UInt32, through highest: UInt32,
                               of wanted: Set<UInt32>) throws(MailError) -> [UInt32: Date] {
        var dates: [UInt32: Date] = [:]
        let completion = try run("UID FETCH \(lowest):\(highest) (UID INTERNALDATE)") { (response) throws(MailError) in
            guard let item = try FetchResponse(response), let uid = item.uid, wanted.contains(uid) else { return }
            if let date = item.internalDate { dates[uid] = date }
        }
        try requireOK(completion, command: "UID FETCH")
        return dates
    }

    private func requireUsable() throws(MailError) {
        switch state {
        case .authenticated, .examined: return
        case .broken: throw .protocolError("the IMAP session with \(connection.peer) failed earlier; start a new one")
        case .closed: throw .protocolError("the IMAP session with \(connection.peer) is logged out")
        }
    }

    private func requireExamined() throws(MailError) {
        try requireUsable()
        guard state == .examined else { throw .protocolError("no mailbox is open: call examine() first") }
    }

    /// Runs `work`; any error leaves the conversation out of step, so the session is done.
    private func guarded<T>(_ work: () throws(MailError) -> T) throws(MailError) -> T {
        try requireUsable()
        do {
            return try work()
        } catch {
            state = .broken
            connection.abort()
            throw error
        }
    }

    /// Sends one tagged command and returns its tag.
    private func send(_ command: String) throws(MailError) -> String {
        tagNumber += 1
        let tag = "A\(tagNumber)"
        try connection.send(Array("\(tag) \(command)\r\n".utf8))
        return tag
    }

    /// Sends a command, passes each untagged response to `untagged`, and returns the
    /// tagged completion.
    private func run(_ command: String, untagged: (IMAPResponse) throws(MailError) -> Void) throws(MailError) -> IMAPResponse {
        let tag = try send(command)
        let isLogout = command == "LOGOUT"
        while true {
            let response = try reader.readResponse()
            if response.tag == tag { return response }
            if !isLogout { try checkUntagged(response) }
            if response.tag == "*" { try untagged(response) }
        }
    }

    /// Fails on `* BYE` (the server is closing), on a continuation request (we never send
    /// literals) and on a completion for a tag we did not send.
    private func checkUntagged(_ response: IMAPResponse) throws(MailError) {
        switch response.tag {
        case "*":
            if response.word == "BYE" {
                throw .cannotConnect("\(connection.peer) closed the session: \(response.statusText); try again later")
            }
        case "+":
            throw .protocolError("\(connection.peer) asked for a continuation nobody announced")
        default:
            throw .protocolError("\(connection.peer) answered a command that was never sent: \(response.firstLine.prefix(200))")
        }
    }

    private func requireOK(_ completion: IMAPResponse, command: String) throws(MailError) {
        guard completion.word == "OK" else {
            throw .protocolError("\(connection.peer) refused \(command): \(completion.afterTag)")
        }
    }
}

extension Array {
    fileprivate func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
