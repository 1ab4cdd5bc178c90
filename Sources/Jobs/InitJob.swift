import DonDoc
import Documents
import Foundation
#if canImport(Glibc)
import Glibc
import Configuration
#endif

/// `dondoc init --plan PLAN`: every campaign starts from the Office's plan (kế hoạch).
/// Reads the plan (UTF-8 text as is; DOCX, ODT, PDF or a scan through the document
/// reader's child process, as attachments are read), lets `PlanReader` find what a
/// campaign needs, and proposes a campaign file with a TODO for everything the plan does
/// not say. The file is new or nothing: an existing campaign is never overwritten.
public struct InitJob {
    public let planPath: String
    /// Reads plans that are not plain text; nil when dondoc-read-document is not installed.
    public var documentReader: DocumentSandbox?

    public init(planPath: String, documentReader: DocumentSandbox? = nil) {
        self.planPath = planPath
        self.documentReader = documentReader
    }

    public struct Outcome: Sendable {
        public var yaml: String
        public var plan: Plan
        /// What `CampaignFile` says is still missing before dondoc can use the file; the
        /// TODOs it accepts (agencies without addresses) are not among them.
        public var problems: [ConfigProblem]
        /// English, for whoever ran init: what was read and what is left to do.
        public var summary: [String]
    }

    public func run() throws(JobError) -> Outcome {
        let (text, notes) = try planText()
        let plan = PlanReader.read(text)
        let name = URL(fileURLWithPath: planPath).lastPathComponent
        let yaml = InitYAML.render(plan, planName: name, readingNotes: notes.map(\.vietnamese))
        var problems: [ConfigProblem] = []
        do {
            _ = try CampaignFile.parse(yaml: yaml, file: "campaign.yaml")
        } catch {
            if case .invalid(_, let found) = error {
                problems = found
            } else {
                problems = error.lines.map { ConfigProblem(path: "", line: nil, message: $0) }
            }
        }
        return Outcome(yaml: yaml, plan: plan, problems: problems, summary: summary(plan, notes: notes, problems: problems))
    }

    // MARK: Reading the plan

    /// What the plan's reading leaves out, in both languages.
    struct ReadingNote {
        var english: String
        var vietnamese: String
    }

    private func planText() throws(JobError) -> (String, [ReadingNote]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: planPath))
        } catch {
            throw .dataError("cannot read the plan \(planPath): \((error as NSError).localizedDescription)")
        }
        if let text = Self.plainText(data) { return (text, []) }
        let name = URL(fileURLWithPath: planPath).lastPathComponent
        guard DocumentKind.canRead(data, fileName: name, mediaType: "application/octet-stream") else {
            throw .dataError("the plan \(planPath) is neither UTF-8 text nor a document dondoc reads (.docx, .odt, .pdf); "
                + "save it as .docx or as UTF-8 text (.txt)")
        }
        guard let reader = documentReader else { throw DocumentReaderProcess.missing }
        let reading = reader.read(data, fileName: name, mediaType: "application/octet-stream", trustedCAFile: nil)
        guard reading.status == .read, !reading.text.isEmpty else {
            throw .dataError("the plan \(planPath) could not be read: \(reading.detail ?? "no text in it"); "
                + "save it as .docx or as UTF-8 text (.txt)")
        }
        return (reading.text, Self.limits(of: reading))
    }

    /// UTF-8 (with or without a byte order mark) or UTF-16 with one: how text editors and
    /// Word's "Plain Text" save a plan. Anything with a NUL byte is a document.
    static func plainText(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: data, encoding: .utf16)
        }
        guard !data.contains(0) else { return nil }
        var body = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = data.dropFirst(3) }
        return String(data: body, encoding: .utf8)
    }

    /// The reader gives what attribution needs, the beginning of a document: the first
    /// two pages of a PDF and 16 KiB of text. A plan's deadline and bodies may lie beyond.
    static func limits(of reading: DocumentReading) -> [ReadingNote] {
        var notes: [ReadingNote] = []
        if reading.method.hasPrefix("pdf") || reading.method == "ocr-pdf", let pages = reading.pageCount, pages > 2 {
            notes.append(ReadingNote(
                english: "only the first 2 of the PDF's \(pages) pages were read (the document reader reads no more); "
                    + "for the whole plan, give it as .docx or text",
                vietnamese: "TODO: dondoc chỉ đọc được 2 trang đầu trong \(pages) trang của tệp PDF; những gì kế hoạch "
                    + "ghi ở các trang sau (hạn, cơ quan) có thể thiếu. Nên dùng tệp .docx hoặc văn bản (.txt) của kế hoạch."))
        }
        if reading.text.utf8.count >= DocumentReading.textLimit - 512 {
            notes.append(ReadingNote(
                english: "the document reader keeps only the first \(DocumentReading.textLimit / 1024) KiB of text; "
                    + "the rest of the plan was not read",
                vietnamese: "TODO: dondoc chỉ đọc được \(DocumentReading.textLimit / 1024) KiB chữ đầu của kế hoạch; "
                    + "phần sau có thể thiếu."))
        }
        if reading.method.hasPrefix("ocr") {
            notes.append(ReadingNote(
                english: "the plan is a scan, read by OCR: check every name and date",
                vietnamese: "TODO: kế hoạch là bản quét, được đọc bằng nhận dạng chữ (OCR): kiểm tra lại mọi tên và ngày."))
        }
        return notes
    }

    // MARK: Writing

    /// Creates `path` readable by its owner only; an existing file is left alone (exit 73).
    public static func write(_ yaml: String, to path: String) throws(JobError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST {
                throw .cannotCreate("\(path) already exists; dondoc init never overwrites a campaign file: "
                    + "choose another --output or move the old file away")
            }
            throw .cannotCreate("cannot create \(path): \(String(cString: strerror(code)))")
        }
        defer { close(fd) }
        let bytes = Array(yaml.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .cannotCreate("cannot write \(path): \(reason)")
            }
            written += n
        }
    }

    // MARK: Summary

    private func summary(_ plan: Plan, notes: [ReadingNote], problems: [ConfigProblem]) -> [String] {
        var lines = notes.map { "note: \($0.english)" }
        lines.append("title: \(plan.title ?? "(none found: TODO)")")
        if let deadline = plan.deadline {
            lines.append("deadline: \(deadline.date.iso) (the plan says “\(deadline.phrase)”)")
        } else {
            lines.append("deadline: none found (TODO)")
        }
        lines.append("mailbox: \(plan.mailbox ?? "none found (TODO)")")
        lines.append("province: \(plan.province?.councilName ?? "not recognised (TODO)")")
        let bodies = plan.bodies
        let toConfirm = plan.groups.filter { $0.toConfirm != nil }.reduce(0) { $0 + $1.bodies.count }
        lines.append("agencies: \(bodies.count)" + (toConfirm > 0 ? ", \(toConfirm) to confirm" : "")
            + (bodies.isEmpty ? "" : "; none has an email address yet (TODO)"))
        for problem in problems { lines.append("to fill in before dondoc can use it: \(problem.path): \(problem.message)") }
        return lines
    }
}
