import Foundation

/// One campaign file, validated. Plain values only: reading the file (YAML, secrets,
/// line numbers) is the job of `Jobs.CampaignFile`; deciding is the domain's.
public struct Campaign: Sendable, Equatable {
    public var id: String
    public var title: String
    public var timeZone: TimeZone
    /// Mail that arrived before this local date is not part of the campaign.
    public var opens: LocalDate
    /// The last local date on which a report is on time.
    public var deadline: LocalDate
    /// Subject tag of outgoing mail: `[TAG-AGENCYID]`.
    public var tag: String
    public var office: Office
    public var mailbox: MailboxSettings
    public var smtp: SMTPSettings?
    public var storePath: String
    public var reminders: ReminderSettings
    /// A folder of the campaign's own mail templates; nil for the shipped Vietnamese ones.
    public var templatesPath: String?
    /// A PEM file of the CAs whose certificates make a document's digital signature
    /// count as the agency's (`documents.trusted_ca`): the national roots, in practice.
    public var trustedCAFile: String?
    public var agencies: [Agency]

    public init(
        id: String, title: String, timeZone: TimeZone, opens: LocalDate, deadline: LocalDate,
        tag: String, office: Office, mailbox: MailboxSettings, smtp: SMTPSettings?,
        storePath: String, reminders: ReminderSettings, templatesPath: String? = nil, trustedCAFile: String? = nil,
        agencies: [Agency]
    ) {
        self.id = id
        self.title = title
        self.timeZone = timeZone
        self.opens = opens
        self.deadline = deadline
        self.tag = tag
        self.office = office
        self.mailbox = mailbox
        self.smtp = smtp
        self.storePath = storePath
        self.reminders = reminders
        self.templatesPath = templatesPath
        self.trustedCAFile = trustedCAFile
        self.agencies = agencies
    }

    public func agency(id: String) -> Agency? { agencies.first { $0.id == id } }

    /// The last local date on which this agency's report is on time: its extension
    /// when it has one, the campaign's deadline otherwise.
    public func deadline(for agency: Agency) -> LocalDate { agency.extendedDeadline ?? deadline }
}

public struct Office: Sendable, Equatable {
    public var name: String
    /// The submission mailbox; Reply-To of all outgoing mail.
    public var address: String
    public var secretariat: [String]

    public init(name: String, address: String, secretariat: [String]) {
        self.name = name
        self.address = address
        self.secretariat = secretariat
    }
}

public struct Agency: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var aliases: [String]
    /// Lower-cased addr-specs.
    public var emails: [String]
    /// A later deadline granted to this agency alone (`extension:` in the file).
    public var extendedDeadline: LocalDate?
    /// Excused from reporting (`exempt: true`): never reminded, shown as exempt.
    public var exempt: Bool

    public init(id: String, name: String, aliases: [String] = [], emails: [String] = [],
                extendedDeadline: LocalDate? = nil, exempt: Bool = false) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.emails = emails
        self.extendedDeadline = extendedDeadline
        self.exempt = exempt
    }
}

/// How dondoc logs in to a mail server. Gmail and Microsoft 365 refuse passwords over
/// IMAP and SMTP (without an app password): they take an OAuth 2.0 access token, which the
/// secret (`token_command`, typically) then gives instead of a password.
public enum MailAuth: String, Sendable, Equatable {
    case password
    case xoauth2
}

/// Where a secret comes from. The secret itself never lives in the campaign file.
public enum SecretSource: Sendable, Equatable {
    case file(String)
    case environment(String)
    case command(String)
}

public enum AfterProcessing: Sendable, Equatable {
    case none
    case markSeen
    case move(folder: String)
}

public struct MailboxSettings: Sendable, Equatable {
    /// `imaps://host[:port]/MAILBOX` or `imap://host[:port]/MAILBOX`.
    public var url: URL
    public var username: String
    public var password: SecretSource
    public var caFile: String?
    public var afterProcessing: AfterProcessing
    /// The `authserv-id` the Office's own mail server writes in `Authentication-Results`
    /// (`authserv_id`); nil: no such field is trusted, senders are not checked.
    public var authservID: String?
    /// The longest one poll may spend with the mailbox, in seconds, from connecting on
    /// (`time_limit_seconds`): a server dripping bytes cannot hold the poll and its lock.
    public var timeLimitSeconds: Int
    /// `sha256//BASE64` of the server's public key (`pinned_public_key`), or nil.
    public var pinnedPublicKey: String?
    /// How dondoc logs in (`auth`): with the password, or with an OAuth 2.0 token.
    public var auth: MailAuth = .password

    /// Minutes, so that a dripping server holds the poll about one timer period at most.
    public static let defaultTimeLimitSeconds = 600

    public init(url: URL, username: String, password: SecretSource, caFile: String? = nil,
                afterProcessing: AfterProcessing = .none, authservID: String? = nil,
                timeLimitSeconds: Int = MailboxSettings.defaultTimeLimitSeconds) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.afterProcessing = afterProcessing
        self.authservID = authservID
        self.timeLimitSeconds = timeLimitSeconds
    }
}

public struct SMTPSettings: Sendable, Equatable {
    public var url: URL
    public var username: String?
    public var password: SecretSource?
    public var caFile: String?
    /// `sha256//BASE64` of the server's public key (`pinned_public_key`), or nil.
    public var pinnedPublicKey: String?
    /// How dondoc logs in (`auth`): with the password, or with an OAuth 2.0 token.
    public var auth: MailAuth = .password

    public init(url: URL, username: String? = nil, password: SecretSource? = nil, caFile: String? = nil) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
    }
}

public struct ReminderSettings: Sendable, Equatable {
    public var beforeDays: [Int]
    public var onDeadlineDay: Bool
    public var overdueEveryDays: Int
    public var overdueMax: Int
    public var workingDaysOnly: Bool
    public var holidays: [LocalDate]
    public var receipts: Bool
    /// How long after it reached the mailbox a submission still gets its receipt
    /// (`receipt_window_hours`): a store built anew from an old mailbox must not tell
    /// agencies "received today" of mail weeks old.
    public var receiptWindowHours: Int

    public init(beforeDays: [Int] = [7, 3, 1], onDeadlineDay: Bool = true, overdueEveryDays: Int = 1,
                overdueMax: Int = 10, workingDaysOnly: Bool = true, holidays: [LocalDate] = [],
                receipts: Bool = true, receiptWindowHours: Int = 36) {
        self.beforeDays = beforeDays
        self.onDeadlineDay = onDeadlineDay
        self.overdueEveryDays = overdueEveryDays
        self.overdueMax = overdueMax
        self.workingDaysOnly = workingDaysOnly
        self.holidays = holidays
        self.receipts = receipts
        self.receiptWindowHours = receiptWindowHours
    }
}
