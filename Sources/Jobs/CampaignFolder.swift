import DonDoc
import Foundation
import Reports
import Configuration

/// Several campaigns on one server: `--config` (or DONDOC_CONFIG) may name a folder, and
/// every campaign file in it is run in turn, each with its own store and lock. The
/// Office runs several plans a year, often on the same mailbox; one cron line serves them.
public enum CampaignFolder {
    /// The campaign files `path` names: itself, or each `*.yaml`/`*.yml` in it (not hidden
    /// ones), in name order. A folder holds password files too; only YAML is read.
    public static func files(at path: String) throws(ConfigError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        let files = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted().map { (path as NSString).appendingPathComponent($0) }
        guard !files.isEmpty else {
            throw .other("\(path) is a folder with no campaign file (*.yaml) in it")
        }
        return files
    }

    /// Two campaigns writing one store would mix their mail, decisions and reminders.
    public static func checkDistinctStores(_ campaigns: [(file: String, campaign: Campaign)]) throws(ConfigError) {
        var seen: [String: String] = [:]
        for (file, campaign) in campaigns {
            let store = (campaign.storePath as NSString).standardizingPath
            if let other = seen[store] {
                throw .other("\(file) and \(other) use the same store \(campaign.storePath); give each campaign its own store.path")
            }
            seen[store] = file
        }
    }
}

/// `dondoc report` over a folder of campaigns: one line per campaign, open ones first,
/// so the Office sees every running plan at once.
public enum CampaignOverview {
    /// A campaign is open while an agency still owes its report or a message waits for a person.
    public static func isOpen(_ summary: Summary) -> Bool {
        summary.agencies.contains { $0.status == .missing || $0.status == .notDue } || !summary.review.isEmpty
    }

    public static func render(_ summaries: [Summary], format: OutputFormat) throws(JobError) -> String {
        let ordered = summaries.filter(isOpen) + summaries.filter { !isOpen($0) }
        switch format {
        case .json:
            return try JSONText.of(ordered.map(Row.init))
        case .text:
            var table = TextTable(columns: ["chiến dịch", "tình trạng", "hạn", "đã nộp", "nộp muộn", "chưa nộp",
                                            "chưa đến hạn", "cần xem", "tên"])
            for row in ordered.map(Row.init) {
                table.add([row.campaign, row.open ? "đang mở" : "đã xong", row.deadline,
                           "\(row.onTime + row.late)/\(row.agencies)", "\(row.late)", "\(row.missing)", "\(row.notDue)",
                           "\(row.review)", row.title])
            }
            return TerminalText.clean(table.render(maxLastColumn: 70))
        }
    }

    struct Row: Encodable {
        var campaign: String
        var title: String
        var open: Bool
        var deadline: String
        var agencies: Int
        var onTime: Int
        var late: Int
        var missing: Int
        var notDue: Int
        var review: Int

        init(_ summary: Summary) {
            campaign = summary.campaignID
            title = summary.title
            open = CampaignOverview.isOpen(summary)
            deadline = summary.deadline.iso
            agencies = summary.agencies.filter { $0.status != .exempt }.count
            onTime = summary.count(.onTime)
            late = summary.count(.late)
            missing = summary.count(.missing)
            notDue = summary.count(.notDue)
            review = summary.review.count
        }

        enum CodingKeys: String, CodingKey {
            case campaign, title, open, deadline, agencies, late, missing, review
            case onTime = "on_time"
            case notDue = "not_due"
        }
    }
}
