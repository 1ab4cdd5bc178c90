import DonDoc
import Foundation

/// `dondoc report --format csv`: one row per agency, in campaign order, for the
/// secretariat's own spreadsheet. Dates are text in the Vietnamese order (dd/MM/yyyy
/// HH:mm), local to the campaign, as the clerk would type them.
public enum ReportCSV {
    static let header = [
        "STT", "Mã cơ quan", "Cơ quan", "Hạn nộp", "Được gia hạn", "Tình trạng", "Số ngày muộn",
        "Nhận lúc", "Hình thức", "Số, ký hiệu văn bản", "Tệp đính kèm", "Số lần nộp",
        "Số lần nhắc", "Nhắc gần nhất", "Nhắc không đến được",
    ]

    public static func render(_ s: Summary) -> Data {
        let dates = ReportDates(zone: s.timeZone)
        var csv = CSVDocument(header: header)
        for (index, agency) in s.agencies.enumerated() {
            let first = agency.firstSubmission
            let issued = agency.remindersIssued
            let undelivered = agency.reminders.filter { $0.delivery == .failed || $0.delivery == .bounced }
            csv.add([
                "\(index + 1)",
                agency.id,
                agency.name,
                agency.deadline.vietnamese,
                agency.hasExtension ? "có" : "",
                ReportLabels.status(agency),
                agency.daysLate.map(String.init) ?? "",
                first.map { dates.long($0.receivedAt) } ?? "",
                first.map { ReportLabels.channel(of: $0) } ?? "",
                CSVDocument.inert(agency.documentSymbol ?? ""),
                // File names come from mail: one per line inside the cell.
                agency.documents.map { CSVDocument.inert($0.name) }.joined(separator: "\n"),
                "\(agency.submissions.count)",
                "\(issued.count)",
                issued.last.map { $0.date.vietnamese } ?? "",
                "\(undelivered.count)",
            ])
        }
        return csv.data
    }
}
