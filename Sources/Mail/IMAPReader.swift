import Foundation

/// Where the reader gets bytes from: the curl connection, or a script in unit tests.
protocol IMAPByteSource: AnyObject {
    /// Receives at least one byte into `buffer`; throws when the connection ends or stalls.
    func receive(into buffer: UnsafeMutableRawPointer, capacity: Int) throws(MailError) -> Int
}

extension CurlConnection: IMAPByteSource {}

/// Reads whole server responses: lines, and literals (`{n}` + n bytes) by length.
///
/// A literal — a message body — goes into one buffer of exactly its size: bytes already
/// read ahead are copied once, the rest is received straight into it. The line buffer
/// only ever holds protocol lines and small read-ahead.
final class IMAPReader {
    private let source: IMAPByteSource
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0

    /// A response line longer than this is a broken server, not a big mailbox
    /// (a `SEARCH` of a million UIDs is about 8 MB).
    static let maximumLineLength = 64 << 20
    /// A literal bigger than this is refused rather than allocated.
    static let maximumLiteralSize = 1 << 31

    init(source: IMAPByteSource, initialCapacity: Int = 256 << 10) {
        self.source = source
        capacity = initialCapacity
        buffer = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// One complete response: its lines, and the literal that follows each line ending
    /// in `{n}`.
    func readResponse() throws(MailError) -> IMAPResponse {
        var segments: [IMAPResponse.Segment] = []
        while true {
            let line = try readLine()
            segments.append(.text(line))
            guard let length = try Self.literalLength(endingLine: line) else { break }
            segments.append(.literal(try readLiteral(count: length)))
        }
        return IMAPResponse(segments: segments)
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
    func readLine() throws(MailError) -> [UInt8] {
        var scanned = start
        while true {
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            while scanned < end {
                if bytes[scanned] == 0x0A {
                    var lineEnd = scanned
                    if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let line = Array(UnsafeBufferPointer(start: bytes + start, count: lineEnd - start))
                    start = scanned + 1
                    return line
                }
                scanned += 1
            }
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

    /// Moves unread bytes to the front, and grows the buffer when a line fills it.
    private func makeRoom() throws(MailError) {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        guard end == capacity else { return }
        guard capacity < Self.maximumLineLength else {
            throw .protocolError("server sent a line longer than \(Self.maximumLineLength >> 20) MB")
        }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: end)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }
}
