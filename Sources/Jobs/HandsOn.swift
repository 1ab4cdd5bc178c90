import DonDoc
import Foundation
import Store
#if canImport(Glibc)
import Glibc
import Reports
#endif

/// The commands a clerk uses by hand: record a paper copy, attribute or reject a
/// message from the review queue. Each decision is kept with who made it and when.
public struct HandsOn {
    public let campaign: Campaign
    /// Who is acting: recorded with every decision.
    public let person: String

    public init(campaign: Campaign, person: String? = nil) {
        self.campaign = campaign
        self.person = person ?? Self.currentUser()
    }

    /// Who acts, for the record: the account the process really runs as (the real uid,
    /// which no environment variable can change), and beside it, never instead of it,
    /// the `SUDO_USER` that sudo says asked for it: `root (sudo: thuky)`.
    static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment,
                            uid: uid_t = getuid()) -> String {
        var account = "uid \(uid)"
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { account = String(cString: name) }
        guard let sudoUser = environment["SUDO_USER"].map(TerminalText.clean), !sudoUser.isEmpty, sudoUser != account else {
            return account
        }
        return "\(account) (sudo: \(sudoUser.prefix(64)))"
    }

    func openStore() throws(JobError) -> MessageStore {
        do { return try MessageStore(path: campaign.storePath) } catch { throw .store(error) }
    }

    func agency(_ id: String) throws(JobError) -> Agency {
        guard let agency = campaign.agency(id: id) else {
            throw .usage("no agency \(id) in the campaign; the ids are: \(campaign.agencies.map(\.id).joined(separator: ", "))")
        }
        return agency
    }

    /// `dondoc record AGENCY --paper --received T`: a paper copy came through the clerk.
    public func recordPaper(agencyID: String, receivedAt: Date, symbol: String?, note: String?,
                            now: Date) throws(JobError) -> String {
        let agency = try agency(agencyID)
        guard receivedAt <= now.addingTimeInterval(60) else {
            throw .usage("--received \(Timestamps(zone: campaign.timeZone).iso(receivedAt)) is in the future")
        }
        // A paper copy belongs to this campaign: a year before it opened is a typo
        // (0020 for 2020), and would stretch every report's timeline over centuries.
        let earliest = campaign.opens.start(in: campaign.timeZone).addingTimeInterval(-365 * 86_400)
        guard receivedAt >= earliest else {
            throw .usage("--received \(Timestamps(zone: campaign.timeZone).iso(receivedAt)) is more than a year before the campaign opened (\(campaign.opens.iso)); check the year")
        }
        let store = try openStore()
        do {
            let paper = try store.recordPaper(PaperSubmission(
                agencyID: agency.id, receivedAt: receivedAt, documentSymbol: symbol?.nilIfBlank, note: note?.nilIfBlank,
                recordedBy: person, recordedAt: now))
            let when = Timestamps(zone: campaign.timeZone).short(receivedAt)
            return "recorded paper copy #\(paper.id ?? 0) of \(agency.id) (\(agency.name)) received \(when), by \(person)"
        } catch {
            throw .store(error)
        }
    }

    /// `dondoc assign MESSAGE AGENCY`: a person attributes a message. It becomes the
    /// agency's submission when it carries a document, its correspondence otherwise.
    public func assign(_ key: String, to agencyID: String, learnSender: Bool, now: Date) throws(JobError) -> String {
        let agency = try agency(agencyID)
        let store = try openStore()
        do {
            let message = try store.findMessage(key)
            let documents = try store.attachmentSummaries(of: message.id)
                .map { AttachmentFacts(fileName: $0.fileName, mediaType: $0.mediaType) }
            let kind: MessageKind = documents.contains(where: \.isDocument) ? .submission : .correspondence
            var reasons = try store.attribution(of: message.id)?.reasons ?? []
            reasons.append("\(person) quy thư này cho \(agency.name) lúc \(Timestamps(zone: campaign.timeZone).short(now)).")
            let sender = learnSender ? message.fromAddress : nil
            if learnSender, sender == nil {
                throw JobError.dataError("message #\(message.id) has no sender address to learn")
            }
            if let sender, sender == campaign.office.address.lowercased() {
                throw JobError.dataError("\(sender) is the office's own address; it cannot stand for an agency")
            }
            try store.decide(message: message.id, action: "assign", agencyID: agency.id, kind: kind.rawValue,
                             reasons: reasons, by: person, at: now, learnSender: sender)
            var line = "#\(message.id) is now \(kind.rawValue) of \(agency.id) (\(agency.name)), by \(person)"
            if let sender { line += "; future mail from \(sender) counts as \(agency.id)" }
            return line
        } catch let error as JobError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .dataError("\(error)")
        }
    }

    /// `dondoc reject MESSAGE`: not a submission, whatever it looked like.
    public func reject(_ key: String, reason: String?, now: Date) throws(JobError) -> String {
        let store = try openStore()
        do {
            let message = try store.findMessage(key)
            var reasons = try store.attribution(of: message.id)?.reasons ?? []
            let because = reason?.nilIfBlank.map { ": \($0)" } ?? "."
            reasons.append("\(person) xác định thư này không phải báo cáo lúc \(Timestamps(zone: campaign.timeZone).short(now))\(because)")
            try store.decide(message: message.id, action: "reject", agencyID: nil, kind: MessageKind.rejected.rawValue,
                             reasons: reasons, by: person, at: now)
            return "#\(message.id) rejected by \(person)"
        } catch {
            throw .store(error)
        }
    }
}

extension String {
    var nilIfBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
