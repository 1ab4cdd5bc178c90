import GRDB

/// The store's migrations. A migration that has shipped is never edited: a database in
/// the field already ran it. Change the schema by appending a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-intake") { db in
            // Per mailbox URL: where the last committed poll stopped.
            try db.create(table: "mailbox_state") { t in
                t.primaryKey("mailbox", .text)
                t.column("uid_validity", .integer).notNull()
                t.column("highest_uid", .integer).notNull().defaults(to: 0)
                t.column("updated_at", .datetime).notNull()
            }
            // One row per distinct message (by SHA-256 of the raw bytes), kept forever.
            try db.create(table: "message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sha256", .text).notNull().unique()
                t.column("raw", .blob).notNull()
                t.column("size", .integer).notNull()
                t.column("received_at", .datetime).notNull()   // IMAP INTERNALDATE
                t.column("stored_at", .datetime).notNull()
                t.column("message_id", .text).indexed()
                t.column("from_address", .text).indexed()
                t.column("from_name", .text)
                t.column("subject", .text)
                t.column("date_header", .datetime)
                // pending: stored, not yet parsed; parsed; unparseable.
                t.column("parse_status", .text).notNull().defaults(to: "pending").indexed()
                t.column("parse_error", .text)
            }
            // Where a message was seen: a message delivered twice, or found again after a
            // UIDVALIDITY change, gains a location and stays one message.
            try db.create(table: "message_location") { t in
                t.column("mailbox", .text).notNull()
                t.column("uid_validity", .integer).notNull()
                t.column("uid", .integer).notNull()
                t.column("message_id", .integer).notNull()
                    .references("message", onDelete: .cascade)
                t.primaryKey(["mailbox", "uid_validity", "uid"])
            }
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("message_id", .integer).notNull().indexed()
                    .references("message", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("file_name", .text)
                t.column("media_type", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("content", .blob).notNull()
                t.column("is_inline", .boolean).notNull().defaults(to: false)
                t.column("from_forwarded_message", .boolean).notNull().defaults(to: false)
                t.uniqueKey(["message_id", "position"])
            }
            // The current decision about a message: which agency (or none), what kind, why.
            try db.create(table: "attribution") { t in
                t.primaryKey("message_id", .integer)
                    .references("message", onDelete: .cascade)
                t.column("agency_id", .text).indexed()
                t.column("kind", .text).notNull().indexed()
                t.column("reasons", .jsonText).notNull()
                t.column("candidates", .jsonText).notNull()
                t.column("decided_by", .text).notNull()   // "dondoc" or a person
                t.column("decided_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2-outbox") { db in
            // Every mail dondoc sends is written here before it is sent and marked after
            // the server accepts it: the outbox is what makes "never twice" survive a crash.
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("purpose", .text).notNull()            // reminder | receipt | report
                t.column("agency_id", .text).indexed()
                t.column("kind", .text).notNull()               // upcoming | due_today | overdue | receipt
                t.column("local_date", .text).notNull()         // YYYY-MM-DD in the campaign's zone
                t.column("message_id", .text).notNull().unique()
                t.column("reply_to_message", .integer)          // receipts: the message acknowledged
                    .references("message", onDelete: .setNull)
                t.column("recipients", .jsonText).notNull()
                t.column("subject", .text).notNull()
                t.column("raw", .blob).notNull()                // the exact bytes; a retry sends the same mail
                t.column("status", .text).notNull().defaults(to: "pending").indexed()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("smtp_code", .integer)
                t.column("last_error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("sent_at", .datetime)
                t.column("bounced_at", .datetime)
                t.column("bounce_status", .text)
            }
            // The promise, as a constraint: one reminder per agency per local date, and
            // one receipt per message, whatever runs twice or crashes.
            try db.create(index: "outbox_one_reminder_per_agency_and_day", on: "outbox",
                          columns: ["agency_id", "local_date"], unique: true,
                          condition: Column("purpose") == "reminder")
            try db.create(index: "outbox_one_receipt_per_message", on: "outbox",
                          columns: ["reply_to_message"], unique: true,
                          condition: Column("purpose") == "receipt")
        }
        migrator.registerMigration("v3-hands-on") { db in
            // A paper copy that came through the clerk (`dondoc record --paper`).
            try db.create(table: "paper_submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agency_id", .text).notNull().indexed()
                t.column("received_at", .datetime).notNull()
                t.column("document_symbol", .text)
                t.column("note", .text)
                t.column("recorded_by", .text).notNull()
                t.column("recorded_at", .datetime).notNull()
            }
            // Addresses a person tied to an agency (`dondoc assign --learn-sender`):
            // attribution treats them like the addresses in the campaign file.
            try db.create(table: "learned_sender") { t in
                t.primaryKey("address", .text)
                t.column("agency_id", .text).notNull()
                t.column("learned_from_message", .integer).references("message", onDelete: .setNull)
                t.column("learned_by", .text).notNull()
                t.column("learned_at", .datetime).notNull()
            }
            // Every decision a person made, kept even when a later one replaces it.
            try db.create(table: "decision_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("message_id", .integer).notNull().indexed().references("message", onDelete: .cascade)
                t.column("action", .text).notNull()          // assign | reject
                t.column("agency_id", .text)
                t.column("kind", .text).notNull()
                t.column("reason", .text)
                t.column("decided_by", .text).notNull()
                t.column("decided_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4-parse-attempts") { db in
            // How many runs began reading a message: a message that makes dondoc die
            // (a parser crash) must not stop every later poll at the same place.
            try db.alter(table: "message") { t in
                t.add(column: "parse_attempts", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v5-document-readings") { db in
            // What was read from each distinct document (by SHA-256 of its bytes), once:
            // a reading costs a child process, OCR seconds, and a hostile file its limits,
            // and a file that killed the reader must not be tried on every poll.
            try db.create(table: "document_reading") { t in
                t.primaryKey("sha256", .text)
                t.column("status", .text).notNull()          // read | unreadable | unsupported
                t.column("method", .text).notNull()          // pdf-text | docx | odt | ocr-image | ocr-pdf | archive | ""
                t.column("reading", .text).notNull()         // the reader's whole answer, as JSON
                t.column("read_at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v6-attachment-damage") { db in
            // A part whose bytes cannot be the sender's file (base64 that lost characters,
            // unreadable uuencode, no body): kept, listed, and marked so a person sees it.
            try db.alter(table: "attachment") { t in
                t.add(column: "damage", .text)
            }
        }
        migrator.registerMigration("v7-undelivered-uids") { db in
            // UIDs the server found and would not send: asked again every poll, and
            // listed for a person after a few, instead of holding back the high-water mark
            // (and every later message with it) for good.
            try db.create(table: "undelivered_uid") { t in
                t.column("mailbox", .text).notNull()
                t.column("uid_validity", .integer).notNull()
                t.column("uid", .integer).notNull()
                t.column("polls", .integer).notNull()
                t.column("first_missed_at", .datetime).notNull()
                t.primaryKey(["mailbox", "uid_validity", "uid"])
            }
        }
        migrator.registerMigration("v8-document-facts") { db in
            // What the report and the register need of a document (its header and its
            // signatures), derived from its reading once instead of on every report. The
            // revision names the header reader that derived it: a newer reader derives
            // again, so an improvement reaches documents stored before it.
            try db.create(table: "document_facts") { t in
                t.primaryKey("sha256", .text)
                t.column("revision", .integer).notNull()
                t.column("facts", .text).notNull()           // JSON, as the jobs wrote it
            }
        }
        migrator.registerMigration("v9-raw-apart") { db in
            // The raw bytes in a table of their own: SQLite rewrites a whole row when any
            // column of it changes, so recording what a message says rewrote its raw
            // bytes (a 40 MB message held twice more in memory, every message written
            // twice), and every listing of messages read the pages of their raw bytes.
            try db.create(table: "message_raw") { t in
                t.primaryKey("message_id", .integer).references("message", onDelete: .cascade)
                t.column("raw", .blob).notNull()
            }
            try db.execute(sql: "INSERT INTO message_raw (message_id, raw) SELECT id, raw FROM message")
            try db.alter(table: "message") { t in t.drop(column: "raw") }
        }
        return migrator
    }
}
