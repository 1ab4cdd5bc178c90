import DonDoc
import Foundation
import Mail
import Configuration

/// The campaign's servers with their secrets resolved: the one place the mailbox and
/// SMTP settings become connections' endpoints.
enum Endpoints {
    static func imap(_ campaign: Campaign) throws(JobError) -> IMAPEndpoint {
        do {
            let xoauth2 = campaign.mailbox.auth == .xoauth2
            let secret = try Secrets.resolve(campaign.mailbox.password, for: xoauth2 ? "mailbox token" : "mailbox")
            var endpoint = IMAPEndpoint(url: campaign.mailbox.url, username: campaign.mailbox.username,
                                        password: xoauth2 ? "" : secret, caFile: campaign.mailbox.caFile)
            endpoint.pinnedPublicKey = campaign.mailbox.pinnedPublicKey
            if xoauth2 { endpoint.bearerToken = secret }
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
            let xoauth2 = smtp.auth == .xoauth2
            let secret = try smtp.password.map { source throws(ConfigError) in
                try Secrets.resolve(source, for: xoauth2 ? "smtp token" : "smtp")
            }
            var endpoint = SMTPEndpoint(url: smtp.url, username: smtp.username, password: xoauth2 ? nil : secret,
                                        caFile: smtp.caFile)
            endpoint.pinnedPublicKey = smtp.pinnedPublicKey
            if xoauth2 { endpoint.bearerToken = secret }
            return endpoint
        } catch {
            throw .config(error)
        }
    }
}
