import Foundation
import GRDB
import GRDBSQLite

/// Large values in and out with SQLite's incremental I/O. A plain SELECT assembles a
/// large value from its overflow pages into a buffer of SQLite's own, then copied into
/// the Data; binding one copies it into SQLite before it is written. Either way a 40 MB
/// message was held twice at once.
enum BlobIO {
    static func read(_ db: Database, table: String, column: String, row: Int64) throws -> Data {
        try withBlob(db, table: table, column: column, row: row, writing: false) { blob in
            let count = Int(sqlite3_blob_bytes(blob))
            guard count > 0 else { return Data() }
            // Exactly the blob's size: Data(count:) reserves a quarter more for growth.
            guard let buffer = malloc(count) else { throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "no memory for \(count) bytes") }
            let status = sqlite3_blob_read(blob, buffer, Int32(count), 0)
            guard status == SQLITE_OK else {
                free(buffer)
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: "cannot read \(table).\(column) of row \(row)")
            }
            return Data(bytesNoCopy: buffer, count: count, deallocator: .free)
        }
    }

    /// Writes `data` over a blob of its size (`zeroblob(n)`, inserted just before).
    static func write(_ db: Database, table: String, column: String, row: Int64, data: Data) throws {
        guard !data.isEmpty else { return }
        try withBlob(db, table: table, column: column, row: row, writing: true) { blob in
            let status = data.withUnsafeBytes { buffer in sqlite3_blob_write(blob, buffer.baseAddress, Int32(buffer.count), 0) }
            guard status == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: "cannot write \(table).\(column) of row \(row)")
            }
        }
    }

    private static func withBlob<T>(_ db: Database, table: String, column: String, row: Int64, writing: Bool,
                                    _ body: (OpaquePointer) throws -> T) throws -> T {
        var blob: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", table, column, row, writing ? 1 : 0, &blob)
        defer { sqlite3_blob_close(blob) }
        guard opened == SQLITE_OK, let blob else {
            throw DatabaseError(resultCode: ResultCode(rawValue: opened),
                                message: "cannot open \(table).\(column) of row \(row): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
        }
        return try body(blob)
    }
}

extension StoredAttachment {
    /// Inserts the row, its file written in place rather than bound (see `BlobIO`).
    func insertWritingContent(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO attachment (message_id, position, file_name, media_type, size, sha256, content, is_inline,
                                    from_forwarded_message, damage)
            VALUES (?, ?, ?, ?, ?, ?, zeroblob(?), ?, ?, ?)
            """, arguments: [messageRowID, position, fileName, mediaType, size, sha256, content.count, isInline,
                             fromForwardedMessage, damage])
        try BlobIO.write(db, table: "attachment", column: "content", row: db.lastInsertedRowID, data: content)
    }
}
