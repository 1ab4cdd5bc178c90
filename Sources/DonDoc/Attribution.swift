import Foundation

public enum MessageKind: String, Sendable, CaseIterable, Codable {
    /// An agency's message carrying a document: it counts as the agency's report.
    case submission
    /// An agency's message without a document: recorded, but no report yet.
    case correspondence
    /// Nobody can tell the sender safely: a person decides.
    case review
    case autoReply = "auto_reply"
    case bounce
    case list
    case unparseable
    /// A person looked and said it is not a submission (`dondoc reject`).
    case rejected
    /// A message already stored, seen again in other bytes (the mailbox was moved or
    /// restored and its server re-encoded it): counted, acknowledged and shown once.
    case copy
}

/// Which agency sent a message, what kind of message it is, and why.
public struct Attribution: Sendable, Equatable {
    /// nil for review, bounce, list, auto_reply, unparseable and unknown senders.
    public var agencyID: String?
    public var kind: MessageKind
    /// Vietnamese sentences a clerk can read, each naming the signal and the agency.
    public var reasons: [String]
    /// Agency ids the signals pointed at, strongest first (what a reviewer starts from).
    public var candidates: [String]
    /// Attributed from a name alone: one agency named, nothing pointing elsewhere, but
    /// nothing stronger either.
    public var byNameOnly: Bool

    public init(agencyID: String?, kind: MessageKind, reasons: [String], candidates: [String] = [],
                byNameOnly: Bool = false) {
        self.agencyID = agencyID
        self.kind = kind
        self.reasons = reasons
        self.candidates = candidates
        self.byNameOnly = byNameOnly
    }
}

/// Decides who sent a message, as a careful clerk does (docs/attribution.md). It never
/// guesses: one agency named, with nothing pointing at another, is an attribution; two
/// agencies, or none, go to a person (the review queue).
public struct Attributor: Sendable {
    let campaign: Campaign
    let directory: AgencyDirectory

    /// `sentMessageIDs`: Message-IDs of mail dondoc sent (reminders, receipts) → agency id.
    /// `learnedSenders`: addresses a person assigned to an agency earlier (lower-cased) → agency id.
    public init(campaign: Campaign, sentMessageIDs: [String: String] = [:], learnedSenders: [String: String] = [:]) {
        self.campaign = campaign
        self.directory = AgencyDirectory(campaign: campaign, sentMessageIDs: sentMessageIDs, learnedSenders: learnedSenders)
    }

    public func attribute(_ facts: MessageFacts) -> Attribution {
        if let automatic = classifyWithoutSender(facts) { return automatic }
        let facts = facts.limitedForSearch()
        let signals = directory.signals(for: facts)
        if let address = facts.fromAddress, directory.isOfficeAddress(address) {
            return review(signals, because: "Thư gửi từ chính hộp thư của \(campaign.office.name) (\(address)): không thể quy cho cơ quan nào theo người gửi, cần người xem và gán.")
        }
        if let authservID = campaign.mailbox.authservID {
            let authentication = SenderAuthentication.read(facts.authenticationResults, authservID: authservID)
            if authentication.senderIsForged {
                let checks = authentication.failures.joined(separator: ", ")
                return review(signals, because: "Máy chủ thư của \(campaign.office.name) (\(shown(authservID))) ghi nhận thư không qua "
                    + "kiểm tra xác thực người gửi (\(checks)): địa chỉ \(shown(facts.fromAddress ?? "")) có thể bị giả mạo, "
                    + "nên thư không được tính cho cơ quan nào; cần người xem.")
            }
        }
        return decide(facts, signals)
    }

    /// Mail no person wrote (a bounce, a list, an automatic reply, or no MIME at all):
    /// what it carries is never opened, since it can be nobody's report.
    public func isMachineMail(_ facts: MessageFacts) -> Bool {
        classifyWithoutSender(facts) != nil
    }

    // MARK: - Classification before attribution

    /// Mail that no agency wrote by hand: such a message must never count as a report,
    /// whoever it seems to come from.
    private func classifyWithoutSender(_ facts: MessageFacts) -> Attribution? {
        if facts.isUnparseable {
            return Attribution(agencyID: nil, kind: .unparseable, reasons: [
                "Không phân tích được cấu trúc MIME của thư; thư gốc vẫn được lưu nguyên vẹn, cần người xem.",
            ])
        }
        if facts.isDeliveryReport {
            return Attribution(agencyID: nil, kind: .bounce, reasons: [
                "Thư báo lỗi chuyển phát (delivery status report): một thư đã gửi đi không tới được người nhận.",
            ])
        }
        let precedence = facts.precedence.map(headerKeyword)
        let isBounceSender = facts.fromAddress.map(Self.isMailSystemAddress) ?? false
        if facts.returnPath.map(isEmptyReturnPath) == true, isBounceSender {
            return Attribution(agencyID: nil, kind: .bounce, reasons: [
                "Thư của hệ thống thư (\(facts.fromAddress ?? "")) với đường trả về rỗng (Return-Path: <>): thư báo lỗi chuyển phát.",
            ])
        }
        // A list message is a list message even when it also says "bulk" or is generated.
        if let listID = nonEmpty(facts.listID) {
            return Attribution(agencyID: nil, kind: .list, reasons: [
                "Thư từ danh sách thư hoặc bản tin (List-Id: \(shown(listID))), không phải thư của cơ quan.",
            ])
        }
        if precedence == "list" {
            return Attribution(agencyID: nil, kind: .list, reasons: [
                "Thư từ danh sách thư (Precedence: list), không phải thư của cơ quan.",
            ])
        }
        if let autoSubmitted = nonEmpty(facts.autoSubmitted), headerKeyword(autoSubmitted) != "no" {
            return automatic("Auto-Submitted: \(shown(autoSubmitted))")
        }
        if let xAutoreply = facts.xAutoreply {
            return automatic("X-Autoreply: \(shown(xAutoreply))")
        }
        if let precedence, ["auto_reply", "auto-reply", "bulk", "junk"].contains(precedence) {
            return automatic("Precedence: \(shown(facts.precedence ?? ""))")
        }
        // RFC 3834 asks responders to send with an empty return path; people's mail
        // clients never do.
        if facts.returnPath.map(isEmptyReturnPath) == true {
            return automatic("Return-Path: <>")
        }
        return nil
    }

    private func automatic(_ evidence: String) -> Attribution {
        Attribution(agencyID: nil, kind: .autoReply, reasons: [
            "Thư trả lời tự động (\(evidence)), không phải thư do người viết; không tính là báo cáo.",
        ])
    }

    private static func isMailSystemAddress(_ address: String) -> Bool {
        let local = address.lowercased().split(separator: "@").first ?? ""
        return local == "mailer-daemon" || local == "postmaster"
    }

    // MARK: - Decision

    private func decide(_ facts: MessageFacts, _ signals: [Signal]) -> Attribution {
        let candidates = Self.candidates(signals)
        guard !candidates.isEmpty else {
            let outsiders = directory.outsideIssuers(facts)
            if !outsiders.isEmpty {
                return review(signals, because: outsiders.joined(separator: " ") + " Cần người xem.")
            }
            return review(signals, because: "Không có dấu hiệu nào cho biết thư của cơ quan nào (địa chỉ, mã tiêu đề, văn bản, số ký hiệu, tên): cần người xem và gán.")
        }
        guard candidates.count == 1 else {
            return review(signals, because: conflictExplanation(candidates, signals))
        }
        let outsiders = directory.outsideIssuers(facts)
        guard outsiders.isEmpty else {
            let agencyName = directory.name(of: candidates[0])
            return review(signals, because: outsiders.joined(separator: " ")
                + " Thư lại chỉ tới \(agencyName): không tự quy, cần người xem.")
        }
        let agencyID = candidates[0]
        let agencyName = directory.name(of: agencyID)
        // One agency named and nothing pointing elsewhere is what a clerk attributes too;
        // when a name was all there was, the decision says so for the person who checks.
        let byNameOnly = !signals.contains(where: \.strength.isStrong)
        let basis = byNameOnly ? [Self.byNameOnlyNote(agencyName)] : []
        // A file the reader opened as a document is one, whatever its name and label say.
        let documents = facts.attachments.filter(\.isDocument).map { $0.baseFileName ?? $0.mediaType }
            + (facts.attachments.contains(where: \.isDocument) ? [] : facts.documents.map(\.fileName))
        if documents.isEmpty {
            return Attribution(agencyID: agencyID, kind: .correspondence, reasons: reasons(signals) + basis + [
                "Thư của \(agencyName) không kèm văn bản (PDF, Word, bảng tính, ảnh quét…): ghi nhận là thư trao đổi, chưa tính là đã nộp báo cáo.",
            ], candidates: candidates, byNameOnly: byNameOnly)
        }
        let names = documents.map { "«\(shown($0))»" }.joined(separator: ", ")
        // A file that arrived damaged is not a report received: the agency must not be
        // counted as having reported, nor told its file arrived, until a person has looked.
        let damaged = facts.attachments.filter { $0.isDocument && $0.isDamaged }.map { $0.baseFileName ?? $0.mediaType }
        if !damaged.isEmpty {
            return Attribution(agencyID: nil, kind: .review, reasons: reasons(signals) + basis + [
                "Thư của \(agencyName) kèm văn bản nhưng tệp \(damaged.map { "«\(shown($0))»" }.joined(separator: ", ")) "
                    + "bị hỏng khi truyền (không còn nguyên như tệp đã gửi): cần người xem, có thể phải đề nghị cơ quan gửi lại.",
            ], candidates: candidates, byNameOnly: byNameOnly)
        }
        return Attribution(agencyID: agencyID, kind: .submission, reasons: reasons(signals) + basis + [
            "Thư của \(agencyName) kèm văn bản \(names): ghi nhận là báo cáo đã nộp.",
        ], candidates: candidates, byNameOnly: byNameOnly)
    }

    /// The sentence that marks an attribution made from a name alone (`messages` and the
    /// report show it), so a person can check the few that rest on a mention.
    static func byNameOnlyNote(_ agencyName: String) -> String {
        "Quy cho \(agencyName) chỉ dựa vào tên cơ quan (không có địa chỉ, mã tiêu đề, số ký hiệu hay văn bản nào khác chỉ tới cơ quan này hay cơ quan khác)."
    }

    private func conflictExplanation(_ candidates: [String], _ signals: [Signal]) -> String {
        let names = candidates.map(directory.name(of:)).joined(separator: "; ")
        if let sender = signals.first(where: { $0.strength == .sender }) {
            let others = candidates.filter { $0 != sender.agencyID }.map(directory.name(of:)).joined(separator: "; ")
            return "Thư gửi từ địa chỉ của \(directory.name(of: sender.agencyID)) nhưng lại chỉ tới cơ quan khác (\(others)): không tự quy, cần người xem."
        }
        return "Các dấu hiệu chỉ tới \(candidates.count) cơ quan khác nhau (\(names)): không tự quy, cần người xem."
    }

    private func review(_ signals: [Signal], because explanation: String) -> Attribution {
        Attribution(agencyID: nil, kind: .review, reasons: reasons(signals) + [explanation],
                    candidates: Self.candidates(signals))
    }

    private func reasons(_ signals: [Signal]) -> [String] {
        var seen = Set<String>()
        return signals.map(\.reason).filter { seen.insert($0).inserted }
    }

    /// Agencies in order of their strongest signal, then of how many signals name them,
    /// then of first mention.
    static func candidates(_ signals: [Signal]) -> [String] {
        var order: [String] = []
        var strongest: [String: SignalStrength] = [:]
        var count: [String: Int] = [:]
        for signal in signals {
            if strongest[signal.agencyID] == nil { order.append(signal.agencyID) }
            strongest[signal.agencyID] = min(strongest[signal.agencyID] ?? signal.strength, signal.strength)
            count[signal.agencyID, default: 0] += 1
        }
        let firstMention = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return order.sorted {
            (strongest[$0]!, -count[$0]!, firstMention[$0]!) < (strongest[$1]!, -count[$1]!, firstMention[$1]!)
        }
    }

    // MARK: - Header values

    /// "Auto-Replied (vacation)" → "auto-replied": the keyword without comments or parameters.
    private func headerKeyword(_ value: String) -> String {
        let keyword = value.split(whereSeparator: { $0 == ";" || $0 == "(" || $0 == " " }).first ?? ""
        return keyword.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private func isEmptyReturnPath(_ value: String) -> Bool {
        value.filter { !$0.isWhitespace } == "<>"
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }
}

/// A header value or file name fit to quote in a reason: one line, not a screenful.
func shown(_ value: String) -> String {
    let oneLine = String(value.map { character in
        character.unicodeScalars.contains { $0.properties.generalCategory == .control
            || $0.properties.generalCategory == .lineSeparator
            || $0.properties.generalCategory == .paragraphSeparator } ? " " : character
    }).trimmingCharacters(in: .whitespaces)
    return oneLine.count > 120 ? String(oneLine.prefix(119)) + "…" : oneLine
}
