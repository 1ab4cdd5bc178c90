import DonDoc
import Foundation
import Mail

/// The campaign's servers with their secrets resolved: the one place the mailbox and
/// SMTP settings become connections' endpoints.
enum Endpoints {
    static func imap(_ campaign: Campaign) throws(JobError) -> IMAPEndpoint {
        do {
            let password = try Secrets.resolve(campaign.mailbox.password, for: "mailbox")
            var endpoint = IMAPEndpoint(url: campaign.mailbox.url, username: campaign.mailbox.username,
                                        password: password, caFile: campaign.mailbox.caFile)
            endpoint.pinnedPublicKey = campaign.mailbox.pinnedPublicKey
            return endpoint
        } catch {
            throw .config(error)
        }
    }

    static func smtp(_ campaign: Campaign) throws(JobError) -> SMTPEndpoint {
        guard let smtp = campaign.smtp else {
            throw .config(.other("there is mail to send but the campaign file has no smtp section"))
        }
        do {
            let password = try smtp.password.map { source throws(ConfigError) in try Secrets.resolve(source, for: "smtp") }
            var endpoint = SMTPEndpoint(url: smtp.url, username: smtp.username, password: password, caFile: smtp.caFile)
            endpoint.pinnedPublicKey = smtp.pinnedPublicKey
            return endpoint
        } catch {
            throw .config(error)
        }
    }
}
