import Foundation

// The secretariat's summary: what came in, from whom, when, and what is missing. These
// are the types; `Summary.make` (Summary.swift) computes one from plain facts the Jobs
// layer reads from the store, and every report format renders the same value.

public enum AgencyStatus: String, Sendable, Codable, CaseIterable {
    case onTime = "on_time"
    case late
    /// No submission and the agency's deadline has passed.
    case missing
    /// No submission yet, and the deadline has not passed.
    case notDue = "not_due"
    case exempt
}

public enum SubmissionChannel: String, Sendable, Codable {
    case email
    /// A paper copy recorded by a person (`dondoc record --paper`).
    case paper
}

public struct DocumentFact: Sendable, Equatable {
    public var name: String
    public var size: Int
    public var sha256: String
    /// What the document's first page says (for an archive, its first document that has a
    /// header); nil when it was not read or shows no header.
    public var header: DocumentHeader?
    public var signatures: [SignatureFacts]

    public init(name: String, size: Int, sha256: String, header: DocumentHeader? = nil,
                signatures: [SignatureFacts] = []) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.header = header
        self.signatures = signatures
    }
}

/// One submission of one agency: an attributed message, or a recorded paper copy.
public struct SubmissionFact: Sendable, Equatable {
    public var agencyID: String
    public var receivedAt: Date
    public var channel: SubmissionChannel
    /// The store's short id of the message (email), nil for paper.
    public var messageRef: String?
    /// Sender address (email).
    public var from: String?
    public var subject: String?
    /// "45/BC-STNMT": found in the mail, or typed when a paper copy was recorded.
    public var documentSymbol: String?
    public var documents: [DocumentFact]
    public var note: String?
    /// Who decided or recorded it when a person did (assign, record); nil when dondoc did.
    public var recordedBy: String?
    /// Sent from an address that is neither the agency's own nor one a person tied to it:
    /// a clerk's personal mailbox, or someone reporting in its name. The report says so.
    public var fromOutsideAddress = false

    public init(agencyID: String, receivedAt: Date, channel: SubmissionChannel, messageRef: String? = nil,
                from: String? = nil, subject: String? = nil, documentSymbol: String? = nil,
                documents: [DocumentFact] = [], note: String? = nil, recordedBy: String? = nil) {
        self.agencyID = agencyID
        self.receivedAt = receivedAt
        self.channel = channel
        self.messageRef = messageRef
        self.from = from
        self.subject = subject
        self.documentSymbol = documentSymbol
        self.documents = documents
        self.note = note
        self.recordedBy = recordedBy
    }
}

public enum ReminderDelivery: String, Sendable, Codable {
    case sent, failed, bounced, pending, cancelled
    /// dondoc stopped while the server held it: it may or may not have arrived.
    case interrupted
}

public struct ReminderFact: Sendable, Equatable {
    public var agencyID: String
    public var date: LocalDate
    public var kind: ReminderKind
    public var delivery: ReminderDelivery
    /// The server's answer for failed mail, the bounce status, or why it was cancelled.
    public var detail: String?
    public var sentAt: Date?

    public init(agencyID: String, date: LocalDate, kind: ReminderKind, delivery: ReminderDelivery,
                detail: String? = nil, sentAt: Date? = nil) {
        self.agencyID = agencyID
        self.date = date
        self.kind = kind
        self.delivery = delivery
        self.detail = detail
        self.sentAt = sentAt
    }
}

/// A message waiting for a person: review (doubt about the agency) or unparseable.
public struct ReviewFact: Sendable, Equatable {
    public var messageRef: String
    public var receivedAt: Date
    public var from: String?
    public var subject: String?
    public var kind: MessageKind
    public var reasons: [String]
    public var candidates: [String]

    public init(messageRef: String, receivedAt: Date, from: String?, subject: String?, kind: MessageKind,
                reasons: [String], candidates: [String]) {
        self.messageRef = messageRef
        self.receivedAt = receivedAt
        self.from = from
        self.subject = subject
        self.kind = kind
        self.reasons = reasons
        self.candidates = candidates
    }
}

/// One agency's line in the summary.
public struct AgencySummary: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Its effective deadline: the extension when it has one.
    public var deadline: LocalDate
    public var hasExtension: Bool
    public var status: AgencyStatus
    /// Every submission received at or before `generatedAt`, in arrival order; the first
    /// one decides the status.
    public var submissions: [SubmissionFact]
    /// Reminders of this agency, by date.
    public var reminders: [ReminderFact]
    /// `late`: calendar days from the deadline to the first submission's local date.
    /// `missing`: calendar days from the deadline to today. Nil otherwise.
    public var daysLate: Int?
    /// Messages in review (short ids) that name this agency, which has not submitted: its
    /// reminders are held until a person decides.
    public var heldBy: [String]

    public var firstSubmission: SubmissionFact? { submissions.first }

    public init(id: String, name: String, deadline: LocalDate, hasExtension: Bool, status: AgencyStatus,
                submissions: [SubmissionFact], reminders: [ReminderFact], daysLate: Int?, heldBy: [String] = []) {
        self.id = id
        self.name = name
        self.deadline = deadline
        self.hasExtension = hasExtension
        self.status = status
        self.submissions = submissions
        self.reminders = reminders
        self.daysLate = daysLate
        self.heldBy = heldBy
    }
}

public struct Summary: Sendable, Equatable {
    public var campaignID: String
    public var title: String
    public var officeName: String
    /// The campaign's deadline (agencies with an extension carry their own).
    public var deadline: LocalDate
    public var timeZone: TimeZone
    public var generatedAt: Date
    /// In campaign order.
    public var agencies: [AgencySummary]
    /// Messages waiting for a person, oldest first.
    public var review: [ReviewFact]
    /// Reminders that did not reach their agency (failed or bounced), oldest first.
    public var undeliveredReminders: [ReminderFact]

    public init(campaignID: String, title: String, officeName: String, deadline: LocalDate, timeZone: TimeZone,
                generatedAt: Date, agencies: [AgencySummary], review: [ReviewFact], undeliveredReminders: [ReminderFact]) {
        self.campaignID = campaignID
        self.title = title
        self.officeName = officeName
        self.deadline = deadline
        self.timeZone = timeZone
        self.generatedAt = generatedAt
        self.agencies = agencies
        self.review = review
        self.undeliveredReminders = undeliveredReminders
    }

    public func count(_ status: AgencyStatus) -> Int { agencies.filter { $0.status == status }.count }
}

/// What `Summary.make` is given: plain facts, read from the store by the Jobs layer.
public struct SummaryFacts: Sendable, Equatable {
    public var submissions: [SubmissionFact]
    public var reminders: [ReminderFact]
    public var review: [ReviewFact]

    public init(submissions: [SubmissionFact] = [], reminders: [ReminderFact] = [], review: [ReviewFact] = []) {
        self.submissions = submissions
        self.reminders = reminders
        self.review = review
    }
}
