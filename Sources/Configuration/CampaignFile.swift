import DonDoc
import Foundation
import Yams

/// Reads and validates a campaign file. The key names are a contract with users and
/// with later checks: renaming one breaks every deployed file.
public enum CampaignFile {
    public static let environmentVariable = "DONDOC_CONFIG"

    /// The file named by `--config`, else by DONDOC_CONFIG.
    public static func resolvePath(_ option: String?,
                                   environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> String
    {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        throw .notGiven
    }

    public static func load(path: String) throws(ConfigError) -> Campaign {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError.unreadable(file: path, reason: "it is not UTF-8 text")
            }
            text = decoded
        } catch let error as ConfigError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> Campaign {
        try validate(compose(yaml: yaml, file: file), file: file)
    }

    static func validate(_ root: YAMLNode?, file: String) throws(ConfigError) -> Campaign {
        let reader = YAMLReader()
        let campaign = CampaignValidator(reader: reader).campaign(root)
        if let campaign, reader.problems.isEmpty { return campaign }
        throw .invalid(file: file, problems: reader.problems)
    }

    /// The file's tree, read from libyaml's events where that gives exactly what Yams
    /// would, else by Yams (whose messages for a file that is not YAML users already know).
    static func compose(yaml: String, file: String) throws(ConfigError) -> YAMLNode? {
        if case .composed(let root) = YAMLEvents.compose(yaml) { return root }
        return try composeWithYams(yaml: yaml, file: file)
    }

    static func composeWithYams(yaml: String, file: String) throws(ConfigError) -> YAMLNode? {
        do {
            // The basic resolver: every scalar is read by this file's own rules (dates,
            // numbers, booleans), and Yams' regexes for other tags cost most of the load.
            return try Yams.compose(yaml: yaml, .basic).map(YAMLNode.init)
        } catch let error as YamlError {
            throw .invalid(file: file, problems: [ConfigProblem(path: "", line: nil, message: "not valid YAML: \(error)")])
        } catch {
            throw .invalid(file: file, problems: [ConfigProblem(path: "", line: nil, message: "not valid YAML: \(error)")])
        }
    }
}

/// Turns the YAML tree into a Campaign, one problem per wrong value.
struct CampaignValidator {
    let reader: YAMLReader

    func campaign(_ root: YAMLNode?) -> Campaign? {
        guard let root, !reader.isNull(root) else {
            reader.problem("", nil, "the file is empty; start from examples/dien-bien-2020.yaml")
            return nil
        }
        let top = reader.mapping(root, "", allowed: ["campaign", "office", "mailbox", "smtp", "store", "reminders",
                                                     "templates", "documents", "agencies"],
                                 required: ["campaign", "office", "mailbox", "store", "agencies"]) ?? YAMLEntries()
        let c = reader.mapping(top["campaign"], "campaign",
                               allowed: ["id", "title", "timezone", "opens", "deadline", "tag"],
                               required: ["id", "title", "opens", "deadline", "tag"]) ?? YAMLEntries()
        let id = identifier(c["id"], "campaign.id")
        let title = reader.string(c["title"], "campaign.title")
        let zone = timeZone(c["timezone"], "campaign.timezone")
        let opens = date(c["opens"], "campaign.opens")
        let deadline = date(c["deadline"], "campaign.deadline")
        if let opens, let deadline, deadline < opens {
            reader.problem("campaign.deadline", c["deadline"], "is before campaign.opens (\(opens.iso))")
        }
        let tag = subjectTag(c["tag"], "campaign.tag")
        let office = top["office"].flatMap(self.office)
        let mailbox = top["mailbox"].flatMap(self.mailbox)
        let smtp = top["smtp"].flatMap { reader.isNull($0) ? nil : self.smtp($0) }
        let store = reader.mapping(top["store"], "store", allowed: ["path"], required: ["path"])
        let storePath = reader.string(store?["path"], "store.path")
        let reminders = self.reminders(top["reminders"])
        let templates = reader.mapping(top["templates"], "templates", allowed: ["path"], required: ["path"])
        let templatesPath = existingFolder(templates?["path"], "templates.path")
        let documents = reader.mapping(top["documents"], "documents", allowed: ["trusted_ca"], required: [])
        let trustedCA = existingFile(documents?["trusted_ca"], "documents.trusted_ca")
        let agencies = self.agencies(top["agencies"], deadline: deadline)
        if let reminders, reminders.receipts, reader.isNull(top["smtp"]) {
            reader.problem("reminders.receipts", top["reminders"],
                           "is true (the default) but there is no smtp section to send receipts; add smtp or set receipts: false")
        }

        guard let id, let title, let zone, let opens, let deadline, let tag, let office, let mailbox,
              let storePath, let reminders
        else { return nil }
        return Campaign(id: id, title: title, timeZone: zone, opens: opens, deadline: deadline, tag: tag,
                        office: office, mailbox: mailbox, smtp: smtp, storePath: storePath,
                        reminders: reminders, templatesPath: templatesPath, trustedCAFile: trustedCA,
                        agencies: agencies)
    }

    // MARK: Sections

    func office(_ node: YAMLNode) -> Office? {
        guard let o = reader.mapping(node, "office", allowed: ["name", "address", "secretariat"], required: ["name", "address"])
        else { return nil }
        let name = reader.string(o["name"], "office.name")
        let address = email(o["address"], "office.address")
        let secretariat = reader.strings(o["secretariat"], "office.secretariat").compactMap { index, item, _ in
            email(item, "office.secretariat[\(index)]")
        }
        guard let name, let address else { return nil }
        return Office(name: name, address: address, secretariat: secretariat)
    }

    func mailbox(_ node: YAMLNode) -> MailboxSettings? {
        guard let m = reader.mapping(node, "mailbox",
                               allowed: ["url", "username", "password_file", "password_env", "password_command",
                                         "ca_file", "after_processing", "authserv_id", "time_limit_seconds",
                                         "pinned_public_key", "auth", "token_command"],
                               required: ["url", "username"])
        else { return nil }
        let url = serverURL(m["url"], "mailbox.url", schemes: ["imap", "imaps"])
        let username = reader.string(m["username"], "mailbox.username")
        let auth = mailAuth(m, "mailbox")
        let password = secret(m, "mailbox", node, required: true, auth: auth)
        let caFile = existingFile(m["ca_file"], "mailbox.ca_file")
        var after = AfterProcessing.none
        if let value = reader.string(m["after_processing"], "mailbox.after_processing", required: false) {
            if value == "none" {
                after = .none
            } else if value == "seen" || value.hasPrefix("move:") {
                // The read-only promise: until marking and moving are built and tested,
                // a setting that asks for them must not be silently ignored.
                reader.problem("mailbox.after_processing", m["after_processing"],
                               "\"\(value)\" is not supported yet; dondoc leaves the mailbox untouched (none)")
            } else {
                reader.problem("mailbox.after_processing", m["after_processing"],
                               "must be none, seen or move:<folder>")
            }
        }
        let timeLimit = reader.int(m["time_limit_seconds"], "mailbox.time_limit_seconds",
                                   default: MailboxSettings.defaultTimeLimitSeconds, range: 1...86_400)
        let authservID = reader.string(m["authserv_id"], "mailbox.authserv_id", required: false)
        if let authservID, authservID.isEmpty || authservID.contains(where: { $0.isWhitespace || $0 == ";" }) {
            reader.problem("mailbox.authserv_id", m["authserv_id"],
                           "must be the one word the Office's mail server writes first in Authentication-Results (its host name, usually)")
        }
        let pin = pinnedPublicKey(m["pinned_public_key"], "mailbox.pinned_public_key")
        guard let url, let username, let password else { return nil }
        var settings = MailboxSettings(url: url, username: username, password: password, caFile: caFile,
                                       afterProcessing: after, authservID: authservID, timeLimitSeconds: timeLimit)
        settings.pinnedPublicKey = pin
        settings.auth = auth
        return settings
    }

    func smtp(_ node: YAMLNode) -> SMTPSettings? {
        guard let s = reader.mapping(node, "smtp",
                                     allowed: ["url", "username", "password_file", "password_env", "password_command", "ca_file",
                                               "pinned_public_key", "auth", "token_command"],
                                     required: ["url"])
        else { return nil }
        let url = serverURL(s["url"], "smtp.url", schemes: ["smtp", "smtps"])
        let username = reader.string(s["username"], "smtp.username", required: false)
        let auth = mailAuth(s, "smtp")
        let password = secret(s, "smtp", node, required: auth == .xoauth2, auth: auth)
        if username != nil, password == nil {
            reader.problem("smtp", node, "smtp.username is set but no password_file, password_env or password_command")
        }
        let caFile = existingFile(s["ca_file"], "smtp.ca_file")
        let pin = pinnedPublicKey(s["pinned_public_key"], "smtp.pinned_public_key")
        guard let url else { return nil }
        var settings = SMTPSettings(url: url, username: username, password: password, caFile: caFile)
        settings.pinnedPublicKey = pin
        settings.auth = auth
        return settings
    }

    /// `sha256//` and the base64 of 32 bytes, several joined by `;` (a key and the one
    /// that will replace it); libcurl's file form is not accepted, the file could change.
    func pinnedPublicKey(_ node: YAMLNode?, _ path: String) -> String? {
        guard let text = reader.string(node, path, required: false) else { return nil }
        let hashes = text.split(separator: ";", omittingEmptySubsequences: false)
        let valid = hashes.allSatisfy { hash in
            hash.hasPrefix("sha256//") && Data(base64Encoded: String(hash.dropFirst("sha256//".count)))?.count == 32
        }
        guard valid else {
            reader.problem(path, node, "must be sha256// followed by the base64 SHA-256 of the server's public key "
                + "(openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64), "
                + "several joined by ;")
            return nil
        }
        return text
    }

    func reminders(_ node: YAMLNode?) -> ReminderSettings? {
        let defaults = ReminderSettings()
        guard let node, !reader.isNull(node) else { return defaults }
        guard let r = reader.mapping(node, "reminders",
                                     allowed: ["before_days", "on_deadline_day", "overdue_every_days", "overdue_max",
                                               "working_days_only", "holidays", "receipts", "receipt_window_hours"])
        else { return nil }
        var beforeDays = defaults.beforeDays
        if r["before_days"] != nil {
            beforeDays = reader.sequence(r["before_days"], "reminders.before_days").enumerated().map { index, item in
                reader.int(item, "reminders.before_days[\(index)]", default: 1, range: 1...365)
            }
        }
        return ReminderSettings(
            beforeDays: Array(Set(beforeDays)).sorted(by: >),
            onDeadlineDay: reader.bool(r["on_deadline_day"], "reminders.on_deadline_day", default: defaults.onDeadlineDay),
            overdueEveryDays: reader.int(r["overdue_every_days"], "reminders.overdue_every_days",
                                         default: defaults.overdueEveryDays, range: 1...365),
            overdueMax: reader.int(r["overdue_max"], "reminders.overdue_max", default: defaults.overdueMax, range: 0...365),
            workingDaysOnly: reader.bool(r["working_days_only"], "reminders.working_days_only",
                                         default: defaults.workingDaysOnly),
            holidays: reader.sequence(r["holidays"], "reminders.holidays").enumerated().compactMap { index, item in
                date(item, "reminders.holidays[\(index)]")
            },
            receipts: reader.bool(r["receipts"], "reminders.receipts", default: defaults.receipts),
            receiptWindowHours: reader.int(r["receipt_window_hours"], "reminders.receipt_window_hours",
                                           default: defaults.receiptWindowHours, range: 1...720))
    }

    // MARK: Values

    // The path of the values every agency has is spelled out only for a problem.

    func identifier(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> String? {
        guard let text = reader.string(node, path()) else { return nil }
        // Bytes: every allowed character is ASCII, and hashing each scalar cost more.
        guard text.utf8.allSatisfy(Self.isIdentifierByte), !text.hasPrefix("-"), !text.hasSuffix("-") else {
            reader.problem(path(), node, "\"\(text)\" must be lower-case ASCII letters, digits and inner hyphens (e.g. stnmt, ubnd-muong-nhe)")
            return nil
        }
        return text
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
    }

    func subjectTag(_ node: YAMLNode?, _ path: String) -> String? {
        guard let text = reader.string(node, path) else { return nil }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        guard text.unicodeScalars.allSatisfy(allowed.contains) else {
            reader.problem(path, node, "\"\(text)\" must be upper-case ASCII letters and digits (e.g. GT2020)")
            return nil
        }
        return text
    }

    func date(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> LocalDate? {
        guard let text = reader.string(node, path()) else { return nil }
        guard let date = LocalDate(iso: text) else {
            reader.problem(path(), node, "\"\(text)\" is not a date; write YYYY-MM-DD (e.g. 2020-05-09)")
            return nil
        }
        return date
    }

    func timeZone(_ node: YAMLNode?, _ path: String) -> TimeZone? {
        guard let node, !reader.isNull(node) else { return TimeZone(identifier: "Asia/Ho_Chi_Minh") }
        guard let text = reader.string(node, path) else { return nil }
        guard text.contains("/") || text == "UTC", let zone = TimeZone(identifier: text) else {
            reader.problem(path, node, "\"\(text)\" is not a known time zone (e.g. Asia/Ho_Chi_Minh)")
            return nil
        }
        return zone
    }

    func email(_ node: YAMLNode?, _ path: @autoclosure () -> String) -> String? {
        guard let text = reader.string(node, path()) else { return nil }
        guard let address = EmailAddress.normalised(text) else {
            reader.problem(path(), node, "\"\(text)\" is not an email address")
            return nil
        }
        return address
    }

    func serverURL(_ node: YAMLNode?, _ path: String, schemes: [String]) -> URL? {
        guard let text = reader.string(node, path) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
              let host = url.host, !host.isEmpty
        else {
            reader.problem(path, node, "\"\(text)\" must be a \(schemes.map { "\($0)://host" }.joined(separator: " or ")) URL")
            return nil
        }
        if url.user != nil || url.password != nil {
            reader.problem(path, node, "must not carry a user name or password; use username and password_file")
            return nil
        }
        return url
    }

    func existingFile(_ node: YAMLNode?, _ path: String) -> String? {
        guard let text = reader.string(node, path, required: false) else { return nil }
        guard FileManager.default.isReadableFile(atPath: text) else {
            reader.problem(path, node, "\(text) does not exist or cannot be read")
            return nil
        }
        return text
    }

    func existingFolder(_ node: YAMLNode?, _ path: String) -> String? {
        guard let text = reader.string(node, path, required: false) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: text, isDirectory: &isFolder), isFolder.boolValue else {
            reader.problem(path, node, "\(text) is not a folder")
            return nil
        }
        return text
    }

    /// Exactly one of password_file, password_env, password_command.
    /// `auth: password` (the default) or `auth: xoauth2`.
    func mailAuth(_ entries: YAMLEntries, _ section: String) -> MailAuth {
        guard let text = reader.string(entries["auth"], "\(section).auth", required: false) else { return .password }
        guard let auth = MailAuth(rawValue: text) else {
            reader.problem("\(section).auth", entries["auth"], "must be password or xoauth2")
            return .password
        }
        return auth
    }

    /// The password's source, or with `auth: xoauth2` the token's: `token_command` (a
    /// program that prints a fresh access token, as mbsync's PassCmd), or a password_*
    /// key holding the token.
    func secret(_ entries: YAMLEntries, _ section: String, _ sectionNode: YAMLNode, required: Bool,
                auth: MailAuth = .password) -> SecretSource? {
        var sources: [SecretSource] = []
        if let command = reader.string(entries["token_command"], "\(section).token_command", required: false) {
            if auth == .xoauth2 {
                sources.append(.command(command))
            } else {
                reader.problem("\(section).token_command", entries["token_command"], "is for auth: xoauth2; add it, or use password_command")
            }
        }
        if let file = reader.string(entries["password_file"], "\(section).password_file", required: false) {
            sources.append(.file(file))
        }
        if let name = reader.string(entries["password_env"], "\(section).password_env", required: false) {
            sources.append(.environment(name))
        }
        if let command = reader.string(entries["password_command"], "\(section).password_command", required: false) {
            sources.append(.command(command))
        }
        if sources.count > 1 {
            reader.problem(section, sectionNode, "give only one of password_file, password_env, password_command, token_command")
        } else if sources.isEmpty, required {
            reader.problem(section, sectionNode, auth == .xoauth2
                ? "auth: xoauth2 needs token_command (a program that prints an access token)"
                : "needs one of password_file, password_env, password_command (never the password itself)")
        }
        return sources.count == 1 ? sources[0] : nil
    }
}
