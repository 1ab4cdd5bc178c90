import DonDoc
import Foundation

/// What a reminder template (`upcoming`, `due_today`, `overdue`) can say. Dates and
/// numbers are turned into text here, the Vietnamese way, so templates stay logic-less.
public struct ReminderMailContext: Sendable, Equatable {
    public var agencyName: String
    /// The agency id upper-cased, as in the subject tag `[GT2020-STNMT]`.
    public var agencyCode: String
    public var campaignTitle: String
    public var tag: String
    /// The agency's own deadline (its extension when it has one).
    public var deadline: LocalDate
    /// Calendar days from `today` to the deadline; 0 on or after it.
    public var daysLeft: Int
    /// Calendar days from the deadline to `today`; 0 on or before it.
    public var daysOverdue: Int
    /// 1 for the first overdue reminder, 2 for the second, …; 0 for other kinds.
    public var overdueNumber: Int
    public var officeName: String
    public var officeAddress: String
    /// The local date the reminder is sent on.
    public var today: LocalDate

    public init(agencyName: String, agencyCode: String, campaignTitle: String, tag: String,
                deadline: LocalDate, daysLeft: Int, daysOverdue: Int, overdueNumber: Int,
                officeName: String, officeAddress: String, today: LocalDate) {
        self.agencyName = agencyName
        self.agencyCode = agencyCode
        self.campaignTitle = campaignTitle
        self.tag = tag
        self.deadline = deadline
        self.daysLeft = daysLeft
        self.daysOverdue = daysOverdue
        self.overdueNumber = overdueNumber
        self.officeName = officeName
        self.officeAddress = officeAddress
        self.today = today
    }

    /// Everything from the campaign: the agency's deadline (extension included), its code,
    /// and the days left or overdue counted from `today`.
    public init(campaign: Campaign, agency: Agency, today: LocalDate, overdueNumber: Int = 0) {
        let deadline = campaign.deadline(for: agency)
        let days = calendarDays(from: today, to: deadline)
        self.init(agencyName: agency.name, agencyCode: MailTemplates.agencyCode(agency.id),
                  campaignTitle: campaign.title, tag: campaign.tag, deadline: deadline,
                  daysLeft: max(days, 0), daysOverdue: max(-days, 0), overdueNumber: overdueNumber,
                  officeName: campaign.office.name, officeAddress: campaign.office.address, today: today)
    }

    /// The template variables. Every key here is listed in `MailTemplates.variables` for the
    /// templates that may use it; the validator holds templates to that list.
    func values(for kind: MailTemplateName) -> [String: Any] {
        var values: [String: Any] = [
            "agency_name": agencyName, "agency_code": agencyCode, "campaign_title": campaignTitle,
            "tag": tag, "deadline": deadline.vietnamese, "today": today.vietnamese,
            "office_name": officeName, "office_address": officeAddress,
        ]
        switch kind {
        case .upcoming, .dueToday:
            values["days_left"] = daysLeft
        case .overdue:
            values["days_overdue"] = daysOverdue
            values["overdue_number"] = overdueNumber
        case .receipt:
            break
        }
        return values
    }
}

/// One file of a received submission, as a receipt lists it.
public struct ReceiptFile: Sendable, Equatable {
    public var name: String
    /// In bytes.
    public var size: Int

    public init(name: String, size: Int) {
        self.name = name
        self.size = size
    }
}

/// What the `receipt` template can say. Receipts only go to submissions already
/// attributed to an agency, so the agency is always known.
public struct ReceiptMailContext: Sendable, Equatable {
    public var agencyName: String
    public var agencyCode: String
    public var campaignTitle: String
    public var tag: String
    public var officeName: String
    public var officeAddress: String
    public var files: [ReceiptFile]
    /// When the Office's server received the message (INTERNALDATE).
    public var receivedAt: Date
    /// The campaign's zone: times in a receipt are the Office's local time.
    public var timeZone: TimeZone
    /// The subject of the agency's message; empty when it had none.
    public var originalSubject: String
    /// With angle brackets; nil when the message had none.
    public var originalMessageID: String?

    public init(agencyName: String, agencyCode: String, campaignTitle: String, tag: String,
                officeName: String, officeAddress: String, files: [ReceiptFile], receivedAt: Date,
                timeZone: TimeZone, originalSubject: String, originalMessageID: String?) {
        self.agencyName = agencyName
        self.agencyCode = agencyCode
        self.campaignTitle = campaignTitle
        self.tag = tag
        self.officeName = officeName
        self.officeAddress = officeAddress
        self.files = files
        self.receivedAt = receivedAt
        self.timeZone = timeZone
        self.originalSubject = originalSubject
        self.originalMessageID = originalMessageID
    }

    public init(campaign: Campaign, agency: Agency, files: [ReceiptFile], receivedAt: Date,
                originalSubject: String, originalMessageID: String?) {
        self.init(agencyName: agency.name, agencyCode: MailTemplates.agencyCode(agency.id),
                  campaignTitle: campaign.title, tag: campaign.tag, officeName: campaign.office.name,
                  officeAddress: campaign.office.address, files: files, receivedAt: receivedAt,
                  timeZone: campaign.timeZone, originalSubject: originalSubject,
                  originalMessageID: originalMessageID)
    }

    /// The template variables. `original_subject` and `original_message_id` are left out
    /// when empty, because in Mustache an empty text still opens a `{{#section}}`; absent,
    /// `{{#original_subject}}…{{/original_subject}}` reads as "if there was a subject".
    func values() -> [String: Any] {
        let local = LocalTime(receivedAt, in: timeZone)
        var values: [String: Any] = [
            "agency_name": agencyName, "agency_code": agencyCode, "campaign_title": campaignTitle,
            "tag": tag, "office_name": officeName, "office_address": officeAddress,
            "received_at": "\(local.date) \(local.time)", "received_date": local.date,
            "received_time": local.time, "file_count": files.count,
            "files": files.enumerated().map { index, file -> [String: Any] in
                ["number": index + 1, "name": QuotedFromMail.withoutLinks(file.name), "size": vietnameseFileSize(file.size)]
            },
        ]
        // The Office's receipt must not carry a stranger's link to whoever it reaches.
        let subject = QuotedFromMail.withoutLinks(originalSubject)
        if !subject.isEmpty { values["original_subject"] = subject }
        if let id = originalMessageID, !id.isEmpty { values["original_message_id"] = id }
        return values
    }
}

/// Whole calendar days from one local date to another, negative when `to` is earlier.
func calendarDays(from: LocalDate, to: LocalDate) -> Int {
    let utc = TimeZone(identifier: "UTC")!
    let seconds = to.start(in: utc).timeIntervalSince(from.start(in: utc))
    return Int((seconds / 86_400).rounded())
}

/// `dd/mm/yyyy` and `HH:mm` of an instant in a zone, without locale or formatter state.
struct LocalTime {
    let date: String
    let time: String

    init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        date = String(format: "%02d/%02d/%04d", parts.day!, parts.month!, parts.year!)
        time = String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }
}

/// A size as Vietnamese write it, with a decimal comma: `812 byte`, `45,3 KB`, `1,2 MB`.
func vietnameseFileSize(_ bytes: Int) -> String {
    func tenths(_ unit: Int) -> String {
        let value = (bytes * 10 + unit / 2) / unit
        return "\(value / 10),\(value % 10)"
    }
    if bytes < 1024 { return "\(bytes) byte" }
    if bytes < 1024 * 1024 { return "\(tenths(1024)) KB" }
    return "\(tenths(1024 * 1024)) MB"
}
