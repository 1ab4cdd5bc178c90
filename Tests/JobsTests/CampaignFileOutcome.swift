import Configuration
import DonDoc
import Foundation

/// What loading a campaign file gives, as text to compare with what an earlier build
/// gave (Tests/Fixtures/campaign-files/outcomes.txt): every field of the campaign, or
/// every error line. Non-ASCII is written as `\u{…}` scalars, so that NFC and NFD
/// (equal as Swift strings) still differ here.
enum CampaignFileOutcome {
    static func of(yaml: String) -> String {
        do {
            return escaped(render(try CampaignFile.parse(yaml: yaml, file: "c.yaml")))
        } catch {
            return escaped(error.lines.joined(separator: "\n"))
        }
    }

    /// Loaded as the commands load it; the file's path written as `c.yaml`.
    static func of(file path: String) -> String {
        do {
            return escaped(render(try CampaignFile.load(path: path)))
        } catch {
            return escaped(error.lines.map { $0.replacingOccurrences(of: path, with: "c.yaml") }.joined(separator: "\n"))
        }
    }

    static func render(_ c: Campaign) -> String {
        let m = c.mailbox, r = c.reminders
        var lines = [
            "campaign \(c.id) | \(c.title) | \(c.timeZone.identifier) | \(c.opens.iso) | \(c.deadline.iso) | \(c.tag)",
            "office \(c.office.name) | \(c.office.address) | \(c.office.secretariat)",
            "mailbox \(m.url.absoluteString) | \(m.username) | \(m.password) | \(m.caFile ?? "-") | \(m.afterProcessing)"
                + " | \(m.authservID ?? "-") | \(m.timeLimitSeconds) | \(m.pinnedPublicKey ?? "-") | \(m.auth)",
            "smtp " + (c.smtp.map { s in
                "\(s.url.absoluteString) | \(s.username ?? "-") | \(s.password.map { "\($0)" } ?? "-") | \(s.caFile ?? "-")"
                    + " | \(s.pinnedPublicKey ?? "-") | \(s.auth)"
            } ?? "-"),
            "store \(c.storePath) | templates \(c.templatesPath ?? "-") | trusted_ca \(c.trustedCAFile ?? "-")",
            "reminders \(r.beforeDays) | \(r.onDeadlineDay) | \(r.overdueEveryDays) | \(r.overdueMax) | \(r.workingDaysOnly)"
                + " | \(r.holidays.map(\.iso)) | \(r.receipts) | \(r.receiptWindowHours)",
        ]
        for a in c.agencies {
            lines.append("agency \(a.id) | \(a.name) | \(a.aliases) | \(a.emails) | \(a.extendedDeadline?.iso ?? "-") | \(a.exempt)")
        }
        return lines.joined(separator: "\n")
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || (0x20...0x7E).contains(scalar.value) && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }

    /// `## name` then the outcome, for every file.
    static func report(_ files: [(name: String, path: String)]) -> String {
        files.map { "## \($0.name)\n\(of(file: $0.path))\n" }.joined()
    }
}
