import DonDoc
import Foundation

/// `dondoc check`: what a deploy should run once: the file was already validated by
/// loading it; this also makes sure each secret can be read and every mail template
/// uses only variables it is given.
public struct CheckJob {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    public func run() throws(JobError) {
        do {
            _ = try Secrets.resolve(campaign.mailbox.password, for: "mailbox")
            if let smtp = campaign.smtp, let password = smtp.password {
                _ = try Secrets.resolve(password, for: "smtp")
            }
            _ = try MailTemplates(campaign: campaign)
        } catch {
            throw .config(error)
        }
    }
}
