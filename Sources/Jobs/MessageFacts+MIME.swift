import DonDoc
import Foundation
import Mail

extension MessageFacts {
    /// What the domain needs to know of a parsed message: the bridge between the mail
    /// adapter, which knows nothing of agencies, and attribution, which knows no MIME.
    package init(_ message: MIMEMessage) {
        self.init(
            messageID: message.messageID,
            replyTargets: message.inReplyTo + message.references,
            fromAddress: message.from?.address,
            fromName: message.from?.name,
            subject: message.subject,
            attachments: message.attachments.filter { !$0.isInline }.map {
                AttachmentFacts(fileName: $0.fileName, mediaType: $0.mediaType, isDamaged: $0.damage != nil)
            },
            bodyText: message.textBody,
            autoSubmitted: message.header("Auto-Submitted"),
            precedence: message.header("Precedence"),
            xAutoreply: message.header("X-Autoreply"),
            listID: message.header("List-Id"),
            returnPath: message.header("Return-Path"),
            isDeliveryReport: message.deliveryReport != nil,
            isUnparseable: false)
        authenticationResults = message.headers.lazy.filter { $0.name.lowercased() == "authentication-results" }
            .prefix(50).map(\.value)
        forwarded = message.forwarded.map {
            ForwardedFacts(fromAddress: $0.from?.address, fromName: $0.from?.name, subject: $0.subject)
        }
    }
}
