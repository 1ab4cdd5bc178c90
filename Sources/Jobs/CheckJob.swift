import DonDoc
import Foundation
import Mail

/// `dondoc check`: what a deploy runs once. Loading the file already validated it; this
/// also makes sure each secret can be read and every mail template uses only variables
/// it is given. With `connect`, it logs in to both servers, reads the mailbox's size
/// (read-only, as a poll does) and sends nothing.
public struct CheckJob {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    /// Lines describing what was checked beyond the file itself.
    public func run(connect: Bool = false) throws(JobError) -> [String] {
        do {
            _ = try Secrets.resolve(campaign.mailbox.password, for: "mailbox")
            if let smtp = campaign.smtp, let password = smtp.password {
                _ = try Secrets.resolve(password, for: "smtp")
            }
            _ = try MailTemplates(campaign: campaign)
        } catch {
            throw .config(error)
        }
        // Without the reader, poll still stores mail but decides from the envelope alone.
        guard let reader = DocumentReaderProcess.locate() else { throw DocumentReaderProcess.missing }
        var lines = ["documents: read by \(reader.path)"]
        guard connect else { return lines }
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
}
