import DonDoc
import Foundation

/// `dondoc report --format json`: the machine interface, documented in README.md
/// ("`dondoc report --format json`"). Every key is always written, null when there is
/// nothing, so a consumer tells "no symbol" from "an older dondoc"; keys are sorted so
/// two runs over the same store give the same bytes.
public enum ReportJSON {
    package static func render(_ s: Summary) throws(JSONOutput.Failure) -> String {
        let dates = ReportDates(zone: s.timeZone)
        let report = ReportDocument(
            campaign: .init(id: s.campaignID, title: s.title, deadline: s.deadline.iso,
                            timezone: s.timeZone.identifier, generated_at: dates.iso(s.generatedAt)),
            agencies: s.agencies.map { agency in
                let first = agency.firstSubmission
                return .init(
                    id: agency.id, name: agency.name, status: agency.status.rawValue,
                    deadline: agency.deadline.iso,
                    received_at: first.map { dates.iso($0.receivedAt) },
                    channel: first?.channel.rawValue,
                    document_symbol: agency.documentSymbol,
                    documents: agency.documents.map { DocumentJSON($0, dates: dates) },
                    reminders: agency.reminders.map { ReminderJSON($0, agency: nil) },
                    days_late: agency.daysLate,
                    held_by_review: agency.heldBy,
                    submissions: agency.submissions.map { SubmissionJSON($0, dates: dates) })
            },
            review: s.review.map { ReviewJSON($0, dates: dates) },
            undelivered_reminders: s.undeliveredReminders.map { ReminderJSON($0, agency: $0.agencyID) })
        return try JSONOutput.encode(report)
    }
}

// Property names are the JSON keys (snake_case), as in MessageJSON: what you read here
// is what a consumer reads.

struct ReportDocument: Encodable {
    var campaign: CampaignJSON
    var agencies: [AgencyJSON]
    var review: [ReviewJSON]
    var undelivered_reminders: [ReminderJSON]
}

struct CampaignJSON: Encodable {
    var id: String
    var title: String
    var deadline: String
    var timezone: String
    var generated_at: String
}

struct AgencyJSON: Encodable {
    var id: String
    var name: String
    var status: String
    var deadline: String
    @NullWhenAbsent var received_at: String?
    @NullWhenAbsent var channel: String?
    @NullWhenAbsent var document_symbol: String?
    var documents: [DocumentJSON]
    var reminders: [ReminderJSON]
    @NullWhenAbsent var days_late: Int?
    var held_by_review: [String]
    var submissions: [SubmissionJSON]
}

struct DocumentJSON: Encodable {
    var name: String
    var size: Int
    var sha256: String
    /// What the clerk reads in the document's header, as written in it.
    @NullWhenAbsent var issuer: String?
    @NullWhenAbsent var symbol: String?
    @NullWhenAbsent var document_date: String?
    @NullWhenAbsent var document_type: String?
    @NullWhenAbsent var summary: String?
    var signatures: [SignatureJSON]

    init(_ document: DocumentFact, dates: ReportDates) {
        name = document.name
        size = document.size
        sha256 = document.sha256
        issuer = document.header?.issuer
        symbol = document.header?.symbol
        document_date = document.header?.date?.iso
        document_type = document.header?.documentType
        summary = document.header?.summary
        signatures = document.signatures.map { SignatureJSON($0, dates: dates) }
    }
}

struct SignatureJSON: Encodable {
    @NullWhenAbsent var signer: String?
    @NullWhenAbsent var signed_at: String?
    var status: String
    @NullWhenAbsent var trusted: Bool?
    var holds: Bool

    init(_ signature: SignatureFacts, dates: ReportDates) {
        signer = signature.signerName
        signed_at = signature.signingTime.map(dates.iso)
        status = signature.status
        trusted = signature.certificateTrusted
        holds = signature.holds
    }
}

struct SubmissionJSON: Encodable {
    var received_at: String
    var channel: String
    @NullWhenAbsent var message: String?
    @NullWhenAbsent var from: String?
    @NullWhenAbsent var subject: String?
    @NullWhenAbsent var document_symbol: String?
    var documents: [DocumentJSON]
    @NullWhenAbsent var note: String?
    @NullWhenAbsent var recorded_by: String?
    var from_outside_address: Bool

    init(_ fact: SubmissionFact, dates: ReportDates) {
        received_at = dates.iso(fact.receivedAt)
        channel = fact.channel.rawValue
        message = fact.messageRef
        from = fact.from
        subject = fact.subject
        document_symbol = fact.documentSymbol
        documents = fact.documents.map { DocumentJSON($0, dates: dates) }
        note = fact.note
        recorded_by = fact.recordedBy
        from_outside_address = fact.fromOutsideAddress
    }
}

/// A reminder; in the undelivered list it also names its agency, which the agency's own
/// list does not need to repeat.
struct ReminderJSON: Encodable {
    var agency: String?
    var date: String
    var kind: String
    var status: String
    var detail: String?

    init(_ fact: ReminderFact, agency: String?) {
        self.agency = agency
        date = fact.date.iso
        kind = fact.kind.rawValue
        status = fact.delivery.rawValue
        detail = fact.detail
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let agency { try c.encode(agency, forKey: .agency) }
        try c.encode(date, forKey: .date)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(detail, forKey: .detail)
    }

    enum CodingKeys: String, CodingKey { case agency, date, kind, status, detail }
}

struct ReviewJSON: Encodable {
    var message: String
    var received_at: String
    @NullWhenAbsent var from: String?
    @NullWhenAbsent var subject: String?
    var kind: String
    var reasons: [String]
    var candidates: [String]

    init(_ fact: ReviewFact, dates: ReportDates) {
        message = fact.messageRef
        received_at = dates.iso(fact.receivedAt)
        from = fact.from
        subject = fact.subject
        kind = fact.kind.rawValue
        reasons = fact.reasons
        candidates = fact.candidates
    }
}

/// An optional that is written as `null` instead of being left out: synthesized
/// Encodable skips nil optionals, and the documented schema promises every key.
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
