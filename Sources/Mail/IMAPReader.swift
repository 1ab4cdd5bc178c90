import Foundation

/// Where the reader gets bytes from: the curl connection, or a script in unit tests.
// Package-wide, like the reader: the fuzz harness feeds it (dondoc-fuzz).
package protocol IMAPByteSource: AnyObject {
    /// Receives at least one byte into `buffer`; throws when the connection ends or stalls.
    func receive(into buffer: UnsafeMutableRawPointer, capacity: Int) throws(MailError) -> Int
}

extension CurlConnection: IMAPByteSource {}

/// Reads whole server responses: lines, and literals (`{n}` + n bytes) by length.
///
/// A literal — a message body — goes into one buffer of exactly its size: bytes already
/// read ahead are copied once, the rest is received straight into it. The line buffer
/// only ever holds protocol lines and small read-ahead.
///
/// What one response may hold is bounded (`Limits`): a server that sends literal after
/// literal, or a line without end, is stopped before it exhausts memory.
package final class IMAPReader {
    private let source: IMAPByteSource
    /// The server as messages name it.
    private let peer: String
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0

    /// A response line longer than this is a broken server, not a big mailbox
    /// (a `SEARCH` of a million UIDs is about 8 MB).
    static let maximumLineLength = 64 << 20
    /// A literal bigger than this is refused rather than received.
    static let maximumLiteralSize = 1 << 31

    /// What one response may hold in memory.
    package struct Limits: Sendable {
        /// Its lines and the literals kept (or their kept beginnings), together.
        var responseBytes: Int
        /// A literal up to this length is kept whole. A longer one is received to its end,
        /// but only its first `keptOfLargerLiteral` bytes are kept, with the length and
        /// SHA-256 of all of it: a message too large to store costs no more memory.
        var wholeLiteralBytes: Int
        var keptOfLargerLiteral: Int

        package init(responseBytes: Int, wholeLiteralBytes: Int, keptOfLargerLiteral: Int) {
            self.responseBytes = responseBytes
            self.wholeLiteralBytes = wholeLiteralBytes
            self.keptOfLargerLiteral = keptOfLargerLiteral
        }

        /// For responses that carry no message: status lines, `SEARCH`, flag updates.
        static let protocolLines = Limits(responseBytes: maximumLineLength, wholeLiteralBytes: 1 << 20,
                                          keptOfLargerLiteral: 64 << 10)
    }

    package init(source: IMAPByteSource, peer: String = "the server", initialCapacity: Int = 256 << 10) {
        self.source = source
        self.peer = peer
        capacity = initialCapacity
        buffer = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// One complete response: its lines, and the literal that follows each line ending
    /// in `{n}`; refused as soon as it would hold more than `limits` allow.
    package func readResponse(within limits: Limits = .protocolLines) throws(MailError) -> IMAPResponse {
        var segments: [IMAPResponse.Segment] = []
        var held = 0  // never above limits.responseBytes, so `responseBytes - held` cannot underflow
        while true {
            let line = try readLine(maximum: min(limits.responseBytes - held, Self.maximumLineLength), limits: limits)
            held += line.count
            segments.append(.text(line))
            guard let length = try Self.literalLength(endingLine: line) else { break }
            let kept = length <= limits.wholeLiteralBytes ? length : min(length, limits.keptOfLargerLiteral)
            // Refused on the announcement, before a byte of it is read.
            guard kept <= limits.responseBytes - held else { throw tooLarge(limits) }
            if kept == length {
                segments.append(.literal(try readLiteral(count: length)))
            } else {
                let (beginning, digest) = try readLiteral(count: length, keeping: kept)
                segments.append(.partialLiteral(beginning, digest))
            }
            held += kept
        }
        return IMAPResponse(segments: segments)
    }

    private func tooLarge(_ limits: Limits) -> MailError {
        let amount = limits.responseBytes >= 1 << 20 ? "\(limits.responseBytes >> 20) MB" : "\(limits.responseBytes) bytes"
        return .protocolError("\(peer) sent one response of more than \(amount), more than any message this client keeps; the transfer was stopped before it exhausted memory (a broken or hostile server: ask its administrator)")
    }

    /// The `n` of a line ending in `{n}` or `{n+}`, nil when the line ends otherwise.
    static func literalLength(endingLine line: [UInt8]) throws(MailError) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.count - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let length = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard length <= maximumLiteralSize else {
            throw .protocolError("server announced a literal of \(length) bytes, more than this client accepts")
        }
        return length
    }

    /// One line without its line end. CRLF is the standard; a bare LF is tolerated.
    /// A line longer than `maximum` is refused before it is whole.
    private func readLine(maximum: Int, limits: Limits) throws(MailError) -> [UInt8] {
        var scanned = start
        while true {
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            while scanned < end {
                if bytes[scanned] == 0x0A {
                    var lineEnd = scanned
                    if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    guard lineEnd - start <= maximum else { throw tooLarge(limits) }
                    let line = Array(UnsafeBufferPointer(start: bytes + start, count: lineEnd - start))
                    start = scanned + 1
                    return line
                }
                scanned += 1
            }
            guard end - start <= maximum else { throw tooLarge(limits) }
            let consumed = start
            try makeRoom()
            scanned -= consumed
            end += try source.receive(into: buffer + end, capacity: capacity - end)
        }
    }

    /// Exactly `count` bytes, in a buffer of exactly that size handed to `Data` without
    /// another copy.
    func readLiteral(count: Int) throws(MailError) -> Data {
        guard count > 0 else { return Data() }
        guard let storage = malloc(count) else {
            throw .protocolError("cannot allocate \(count) bytes for a message")
        }
        let fromBuffer = min(count, end - start)
        storage.copyMemory(from: buffer + start, byteCount: fromBuffer)
        start += fromBuffer
        var filled = fromBuffer
        do {
            while filled < count {
                filled += try source.receive(into: storage + filled, capacity: count - filled)
            }
        } catch {
            free(storage)
            throw error
        }
        return Data(bytesNoCopy: storage, count: count, deallocator: .free)
    }

    /// The first `kept` of `count` bytes, and the length and digest of all of them; the
    /// rest passes through the line buffer (empty by then) and is forgotten.
    private func readLiteral(count: Int, keeping kept: Int) throws(MailError) -> (Data, LiteralDigest) {
        let digest = try SHA256.Digest()
        let beginning = try readLiteral(count: kept)
        beginning.withUnsafeBytes { digest.update($0) }
        var remaining = count - kept
        let fromBuffer = min(remaining, end - start)
        digest.update(UnsafeRawBufferPointer(start: buffer + start, count: fromBuffer))
        start += fromBuffer
        remaining -= fromBuffer
        if remaining > 0 {
            start = 0
            end = 0
        }
        while remaining > 0 {
            let received = try source.receive(into: buffer, capacity: min(capacity, remaining))
            digest.update(UnsafeRawBufferPointer(start: buffer, count: received))
            remaining -= received
        }
        return (beginning, LiteralDigest(size: count, sha256: digest.hex))
    }

    /// Moves unread bytes to the front, and grows the buffer when a line fills it.
    private func makeRoom() throws(MailError) {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        guard end == capacity else { return }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: end)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }
}
