import DonDoc
import Foundation
import Mail
import Configuration
import MailTemplates

/// `dondoc check`: what a deploy runs once. Loading the file already validated it; this
/// also makes sure each secret can be read and every mail template uses only variables
/// it is given. With `connect`, it logs in to both servers, reads the mailbox's size
/// (read-only, as a poll does) and sends nothing.
public struct CheckJob {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    /// Lines describing what was checked beyond the file itself, the TODOs left first.
    public func run(connect: Bool = false) throws(JobError) -> [String] {
        let unfinished = Self.unfinished(campaign)
        do {
            _ = try Secrets.resolve(campaign.mailbox.password, for: "mailbox")
            if let smtp = campaign.smtp, let password = smtp.password {
                _ = try Secrets.resolve(password, for: "smtp")
            }
            _ = try MailTemplates(campaign: campaign)
        } catch {
            throw adding(unfinished, to: error)
        }
        // Without the reader, poll still stores mail but decides from the envelope alone.
        guard let reader = DocumentReaderProcess.locate() else {
            guard case .config(let error) = DocumentReaderProcess.missing else { throw DocumentReaderProcess.missing }
            throw adding(unfinished, to: error)
        }
        var lines = unfinished + ["documents: read by \(reader.path)"]
        guard connect else { return lines }
        if let placeholder = Self.placeholderServers(campaign).first {
            throw adding(unfinished, to: .other("\(placeholder.key): \(placeholder.host) is a placeholder; "
                + "put the Office's server there before check --connect"))
        }
        let imap = try Endpoints.imap(campaign)
        do {
            let session = try IMAPSession(endpoint: imap)
            defer { session.logout() }
            let status = try session.examine()
            lines.append("mailbox \(imap.mailbox) at \(campaign.mailbox.url.host ?? ""): logged in as \(imap.username), \(status.exists) messages, UIDVALIDITY \(status.uidValidity)")
        } catch {
            throw .mail(error)
        }
        if campaign.smtp != nil {
            let smtp = try Endpoints.smtp(campaign)
            do {
                let sender = try SMTPSender(endpoint: smtp)
                defer { sender.close() }
                try sender.verifyConnection()
                lines.append("smtp at \(smtp.url.host ?? ""): " + (smtp.username.map { "logged in as \($0)" } ?? "connected") + "; nothing sent")
            } catch {
                throw .mail(error)
            }
        }
        return lines
    }

    // MARK: What `dondoc init` left to fill in

    /// Foundation's search, asked only of names whose bytes hold "TODO": it bridged each
    /// of a thousand names through NSString.
    static func mentionsTODO(_ name: String) -> Bool {
        let todo = Array("TODO".utf8)
        let bytes = Array(name.utf8)
        guard bytes.count >= todo.count,
              (0...(bytes.count - todo.count)).contains(where: { bytes[$0..<($0 + todo.count)].elementsEqual(todo) })
        else { return false }
        return name.contains("TODO")
    }

    /// One line per TODO a person still has to settle: an agency with no address (no
    /// reminder or receipt can reach it), an agency standing for bodies the plan did not
    /// list, a server left at a reserved example host. None of them stops dondoc.
    public static func unfinished(_ campaign: Campaign) -> [String] {
        var lines: [String] = []
        for agency in campaign.agencies {
            if agency.id.hasPrefix("todo-") || Self.mentionsTODO(agency.name) {
                lines.append("TODO: agency \(agency.id) (\(agency.name)) stands for bodies the plan did not list; "
                    + "replace it with one agency each")
            } else if agency.emails.isEmpty, !agency.exempt {
                lines.append("TODO: agency \(agency.id) (\(agency.name)) has no email address; "
                    + "reminders and receipts cannot reach it")
            }
        }
        for server in placeholderServers(campaign) {
            lines.append("TODO: \(server.key): \(server.host) is a placeholder (a reserved example domain); "
                + "put the Office's server there")
        }
        return lines
    }

    /// Servers at example.org/.com/.net or under .example, .test, .invalid: names that can
    /// never be the Office's (RFC 2606).
    static func placeholderServers(_ campaign: Campaign) -> [(key: String, host: String)] {
        let servers: [(String, URL?)] = [("mailbox.url", campaign.mailbox.url), ("smtp.url", campaign.smtp?.url)]
        return servers.compactMap { key, url in
            guard let host = url?.host?.lowercased() else { return nil }
            let labels = host.split(separator: ".")
            let reserved = ["example", "test", "invalid"].contains(labels.last.map(String.init) ?? "")
                || (labels.count >= 2 && labels[labels.count - 2] == "example"
                    && ["org", "com", "net"].contains(String(labels[labels.count - 1])))
            return reserved ? (key, host) : nil
        }
    }

    /// A failure of the check, with the TODOs in front of it: the file `init` wrote has both
    /// (no password file yet, no addresses), and the person fixing it wants the whole list.
    private func adding(_ unfinished: [String], to error: ConfigError) -> JobError {
        guard !unfinished.isEmpty else { return .config(error) }
        let problems = (unfinished + error.lines).map { ConfigProblem(path: "", line: nil, message: $0) }
        return .config(.invalid(file: campaign.id, problems: problems))
    }
}
