import DonDoc
import Foundation

/// `dondoc report --format register`: the incoming-document register (sổ đăng ký văn
/// bản đến) laid out as Decree 30/2020/NĐ-CP sets it, so the clerk can paste the rows
/// into the Office's register instead of typing them.
///
/// One row per document received, email and paper together, in arrival order. An
/// agency that sent its report again (a corrected file, or the paper copy after the
/// email) gets a row for each: every one is a document that came in and is filed, and
/// "Ghi chú" says which time it was. An email with no file attached carries no document
/// and has no row; a recorded paper copy is a document by itself.
///
/// "Số đến" counts this campaign's documents from 1; an Office that numbers its whole
/// year's register continues from its own last number when it copies the rows over.
///
/// "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản" and "Tên loại và trích yếu" come from
/// the document's header when dondoc could read it, and from the mail otherwise. Columns
/// dondoc cannot know stay empty for the clerk: who it was passed to, when, and the
/// signature of receipt.
public enum ReportRegister {
    public static let header = [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản", "Đơn vị hoặc người nhận", "Ngày chuyển",
        "Ký nhận", "Ghi chú",
    ]

    public static func render(_ s: Summary) -> Data {
        let dates = ReportDates(zone: s.timeZone)
        var csv = CSVDocument(header: header)
        for (index, entry) in entries(s).enumerated() {
            let submission = entry.submission
            // The register copies the document itself where dondoc could read it.
            let header = submission.documents.lazy.compactMap(\.header).first
            csv.add([
                dates.date(submission.receivedAt),
                "\(index + 1)",
                CSVDocument.inert(header?.issuer ?? entry.agencyName),
                CSVDocument.inert(header?.symbol ?? submission.documentSymbol ?? ""),
                header?.date?.vietnamese ?? "",
                CSVDocument.inert(header.flatMap(typeAndSummary) ?? summaryLine(submission)),
                "",
                "",
                "",
                CSVDocument.inert(note(submission, time: entry.time)),
            ])
        }
        return csv.data
    }

    struct Entry {
        var agencyName: String
        var submission: SubmissionFact
        /// 1 for the agency's first document, 2 for the one it sent next, and so on.
        var time: Int
    }

    /// The register's rows before numbering: every document-carrying submission of every
    /// agency, by arrival; two at the same second keep campaign order.
    static func entries(_ s: Summary) -> [Entry] {
        var entries: [(entry: Entry, agencyIndex: Int)] = []
        for (agencyIndex, agency) in s.agencies.enumerated() {
            let documents = agency.submissions.filter(carriesDocument)
            for (offset, submission) in documents.enumerated() {
                entries.append((Entry(agencyName: agency.name, submission: submission, time: offset + 1), agencyIndex))
            }
        }
        return entries.sorted { a, b in
            let ta = a.entry.submission.receivedAt, tb = b.entry.submission.receivedAt
            if ta != tb { return ta < tb }
            if a.agencyIndex != b.agencyIndex { return a.agencyIndex < b.agencyIndex }
            return a.entry.time < b.entry.time
        }.map(\.entry)
    }

    static func carriesDocument(_ submission: SubmissionFact) -> Bool {
        submission.channel == .paper || !submission.documents.isEmpty
    }

    /// "BÁO CÁO Kết quả thực hiện…": the type and the summary as the document prints them.
    static func typeAndSummary(_ header: DocumentHeader) -> String? {
        let parts = [header.documentType, header.summary].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Without a readable document, the type and gist: what the agency wrote in the
    /// subject; for paper, the clerk's note when there is one.
    static func summaryLine(_ submission: SubmissionFact) -> String {
        let subject = submission.subject?.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = submission.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let preferred = submission.channel == .paper ? [note, subject] : [subject, note]
        return preferred.compactMap { $0 }.first { !$0.isEmpty } ?? ""
    }

    /// "Thư điện tử: bao-cao.pdf; phu-luc.xlsx. Nộp lần 2." The channel, the files, and
    /// who recorded it when a person did.
    static func note(_ submission: SubmissionFact, time: Int) -> String {
        var parts: [String] = []
        let channel = ReportLabels.channel(submission.channel)
        let files = submission.documents.map(\.name).joined(separator: "; ")
        let channelWord = channel.prefix(1).uppercased() + channel.dropFirst()
        parts.append(files.isEmpty ? channelWord : "\(channelWord): \(files)")
        if time > 1 { parts.append("Nộp lần \(time)") }
        if let who = submission.recordedBy, !who.isEmpty { parts.append("Người ghi nhận: \(who)") }
        return parts.joined(separator: ". ") + "."
    }
}
