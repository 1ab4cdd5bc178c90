import Foundation

/// What `EXAMINE` reports about a mailbox.
public struct MailboxStatus: Sendable, Equatable {
    /// When this changes, every UID seen before means nothing (RFC 3501 §2.3.1.1).
    public var uidValidity: UInt32
    /// The UID the next message will get, when the server says (it is only a hint).
    public var uidNext: UInt32?
    /// How many messages the mailbox holds.
    public var exists: Int

    public init(uidValidity: UInt32, uidNext: UInt32?, exists: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.exists = exists
    }
}

/// One message exactly as the server stores it.
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    /// The IMAP INTERNALDATE: when the server received the message; nil when the server
    /// sent one that cannot be read (or an instant no calendar here can hold). The
    /// message is delivered all the same: a bad date must not lose it.
    public var internalDate: Date?
    /// The length of the message in bytes, as received. (The server's RFC822.SIZE is not
    /// trusted: some servers report an estimate.)
    public var size: Int
    /// The RFC 5322 message, byte for byte, with the server's line ends (CRLF); only its
    /// beginning when it was larger than `IMAPSession.maximumMessageBytes`.
    public var raw: Data
    /// The SHA-256 of the whole message when `raw` is only its beginning; nil when `raw`
    /// is all of it (hash that).
    public var wholeSHA256: String?

    /// Only the beginning of the message is in `raw`.
    public var isPartial: Bool { size > raw.count }

    public init(uid: UInt32, internalDate: Date?, size: Int, raw: Data, wholeSHA256: String? = nil) {
        self.uid = uid
        self.internalDate = internalDate
        self.size = size
        self.raw = raw
        self.wholeSHA256 = wholeSHA256
    }
}
