import Foundation

/// The kinds of evidence, strongest first. All but the last are deliberate acts of the
/// sender (replying to us, keeping our tag, signing, writing its name as the document's
/// issuer, using its address, numbering its document); a name in the text is only a
/// mention, which anyone can make.
enum SignalStrength: Int, Comparable, Sendable {
    case reply = 1, tag, signature, issuer, sender, symbol, name

    var isStrong: Bool { self != .name }

    static func < (a: SignalStrength, b: SignalStrength) -> Bool { a.rawValue < b.rawValue }
}

/// One piece of evidence that an agency sent a message, with the sentence that explains it.
struct Signal: Sendable, Equatable {
    var agencyID: String
    var strength: SignalStrength
    var reason: String
}

/// The campaign's agencies indexed for every kind of signal, built once per poll.
struct AgencyDirectory: Sendable {
    private let namesByID: [String: String]
    private let officeAddress: String
    private let sentMessageIDs: [String: String]
    private let configuredSenders: [String: [String]]
    private let learnedSenders: [String: String]
    /// "GT2020-", upper-cased: the start of our subject tags.
    private let tagPrefix: String
    private let idsByUppercasedID: [String: String]
    private let agenciesByIssuerCode: [String: [String]]
    let names: AgencyNameIndex

    /// Issuer codes shared by a whole tier of government: every district committee signs
    /// "UBND", so such a code can never point at one agency.
    private static let sharedIssuerCodes: Set<String> = ["ubnd", "hdnd", "ubmttq", "vp"]

    init(campaign: Campaign, sentMessageIDs: [String: String], learnedSenders: [String: String]) {
        let known = Set(campaign.agencies.map(\.id))
        namesByID = Dictionary(campaign.agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        officeAddress = Self.normalisedAddress(campaign.office.address)
        self.sentMessageIDs = Dictionary(
            sentMessageIDs.filter { known.contains($0.value) }.map { (Self.normalisedMessageID($0.key), $0.value) },
            uniquingKeysWith: { first, _ in first })
        self.learnedSenders = Dictionary(
            learnedSenders.filter { known.contains($0.value) }.map { (Self.normalisedAddress($0.key), $0.value) },
            uniquingKeysWith: { first, _ in first })
        var senders: [String: [String]] = [:]
        for agency in campaign.agencies {
            for email in Set(agency.emails.map(Self.normalisedAddress)) { senders[email, default: []].append(agency.id) }
        }
        configuredSenders = senders
        tagPrefix = campaign.tag.uppercased() + "-"
        idsByUppercasedID = Dictionary(campaign.agencies.map { ($0.id.uppercased(), $0.id) }, uniquingKeysWith: { first, _ in first })
        agenciesByIssuerCode = Self.issuerCodes(campaign.agencies)
        names = AgencyNameIndex(campaign: campaign)
    }

    func name(of agencyID: String) -> String { namesByID[agencyID] ?? agencyID }

    func isOfficeAddress(_ address: String) -> Bool {
        !officeAddress.isEmpty && Self.normalisedAddress(address) == officeAddress
    }

    /// Every signal in the message, strongest kind first.
    func signals(for facts: MessageFacts) -> [Signal] {
        // An original forwarded inline in the body counts as an attached one does.
        var facts = facts
        facts.forwarded += InlineForward.originals(in: facts.bodyText ?? "", outerSubject: facts.subject)
        return replySignals(facts) + tagSignals(facts) + documentSignals(facts) + senderSignals(facts)
            + symbolSignals(facts) + nameSignals(facts)
    }

    // MARK: - 1. Replies to our own mail

    private func replySignals(_ facts: MessageFacts) -> [Signal] {
        var signalled = Set<String>()
        return facts.replyTargets.compactMap { target in
            let id = Self.normalisedMessageID(target)
            guard let agencyID = sentMessageIDs[id], signalled.insert(agencyID).inserted else { return nil }
            return Signal(agencyID: agencyID, strength: .reply,
                          reason: "Thư trả lời thư mà dondoc đã gửi cho \(name(of: agencyID)) (Message-ID \(shown(id))).")
        }
    }

    // MARK: - 2. Our subject tag

    private func tagSignals(_ facts: MessageFacts) -> [Signal] {
        var signalled = Set<String>()
        return tags(in: facts.subject.nfc).compactMap { tag in
            let suffix = String(tag.text.dropFirst(tagPrefix.count))
            guard let agencyID = idsByUppercasedID[suffix], signalled.insert(agencyID).inserted else { return nil }
            return Signal(agencyID: agencyID, strength: .tag,
                          reason: "Tiêu đề mang mã [\(tag.text)] của \(name(of: agencyID)).")
        }
    }

    /// Bracketed tokens that start with our tag: "[GT2020-STNMT]", however the sender's
    /// client changed their case. `text` is upper-cased and trimmed, without brackets.
    /// One pass, pairing each "]" with the nearest "[" before it: a subject of ten
    /// thousand "[" costs ten thousand steps, not a hundred million.
    private func tags(in nfcSubject: String) -> [(text: String, range: Range<String.Index>)] {
        var found: [(text: String, range: Range<String.Index>)] = []
        var open: String.Index?
        var index = nfcSubject.startIndex
        while index < nfcSubject.endIndex {
            let character = nfcSubject[index]
            if character == "[" {
                open = index
            } else if character == "]", let start = open {
                open = nil
                let inside = nfcSubject[nfcSubject.index(after: start)..<index]
                // A tag is a short code; anything longer is not one and need not be read.
                if inside.count <= Self.longestTag {
                    let text = inside.trimmingCharacters(in: .whitespaces).uppercased()
                    if text.hasPrefix(tagPrefix), text.count > tagPrefix.count {
                        found.append((text, start..<nfcSubject.index(after: index)))
                    }
                }
            }
            index = nfcSubject.index(after: index)
        }
        return found
    }

    private static let longestTag = 80

    // MARK: - 3. Sender address

    private func senderSignals(_ facts: MessageFacts) -> [Signal] {
        var signals = facts.fromAddress.map { senderSignals($0, forwarded: nil) } ?? []
        // A forward keeps the original sender: an agency's own address there counts as
        // the agency's, and a different agency there conflicts with the forwarder.
        for original in facts.forwarded {
            for signal in original.fromAddress.map({ senderSignals($0, forwarded: original) }) ?? []
            where !signals.contains(where: { $0.agencyID == signal.agencyID }) {
                signals.append(signal)
            }
        }
        return signals
    }

    private func senderSignals(_ raw: String, forwarded original: ForwardedFacts?) -> [Signal] {
        guard !isOfficeAddress(raw) else { return [] }
        let address = Self.normalisedAddress(raw)
        let role = original.map { "Người gửi thư gốc được chuyển tiếp\(Self.whereForwarded($0)) (\(shown(address)))" }
            ?? "Địa chỉ gửi \(shown(address))"
        // The sender of a forwarded original is text anyone can write into an attachment
        // or a body: it points at an agency and conflicts with others, but decides no
        // more than a name.
        let strength: SignalStrength = original == nil ? .sender : .name
        var signals = (configuredSenders[address] ?? []).map {
            Signal(agencyID: $0, strength: strength, reason: "\(role) là địa chỉ đã khai báo của \(name(of: $0)).")
        }
        if let learned = learnedSenders[address], !signals.contains(where: { $0.agencyID == learned }) {
            signals.append(Signal(agencyID: learned, strength: strength,
                                  reason: "\(role) đã được người dùng gán cho \(name(of: learned)) trước đây."))
        }
        return signals
    }

    /// Where a person finds the forwarded envelope: the body, or an attached message.
    private static func whereForwarded(_ original: ForwardedFacts) -> String {
        original.inline ? " trong nội dung thư" : ""
    }

    // MARK: - 4. Document symbols

    private func symbolSignals(_ facts: MessageFacts) -> [Signal] {
        var places: [(text: String, place: String)] = [(facts.subject, "trong tiêu đề")]
        places += facts.forwarded.map { ($0.subject, "trong tiêu đề thư gốc được chuyển tiếp\(Self.whereForwarded($0))") }
        for attachment in facts.attachments {
            if let fileName = attachment.baseFileName { places.append((fileName, "trong tên tệp «\(shown(fileName))»")) }
        }
        if let body = facts.bodyText { places.append((body, "trong nội dung thư")) }

        var signals: [Signal] = []
        var signalled = Set<String>()
        for (text, place) in places {
            for occurrence in DocumentSymbol.occurrences(in: text.nfc) {
                let symbol = occurrence.symbol
                for agencyID in agencies(issuing: symbol) where signalled.insert("\(agencyID) \(symbol.text)").inserted {
                    signals.append(Signal(agencyID: agencyID, strength: .symbol,
                                          reason: "Văn bản số \(shown(symbol.text)) (\(place)) do \(name(of: agencyID)) ban hành (mã \(shown(symbol.issuingBody)))."))
                }
            }
        }
        return signals
    }

    /// The agencies an issuer names: by its issuing body ("STNMT" of "STNMT-VP") or,
    /// failing that, by the whole issuer written as one code.
    func agencies(issuing symbol: DocumentSymbol) -> [String] {
        for code in [symbol.issuingBody, symbol.issuer].map(VietnameseText.compact) {
            if let agencies = agenciesByIssuerCode[code] { return agencies }
        }
        return []
    }

    /// Codes an agency signs with: its id and its aliases written together ("stnmt",
    /// "tnmt" from "TN&MT"), and the initials of its name ("Sở Kế hoạch và Đầu tư" →
    /// "skhdt"), which is how Vietnamese agencies form issuer codes. Initials are our own
    /// inference, so they count only where no configured code and no other agency's
    /// initials claim the same letters.
    private static func issuerCodes(_ agencies: [Agency]) -> [String: [String]] {
        var explicit: [String: [String]] = [:]
        for agency in agencies {
            let codes = Set(([agency.id] + agency.aliases).map(VietnameseText.compact))
            for code in codes where isUsableIssuerCode(code) { explicit[code, default: []].append(agency.id) }
        }
        var derived: [String: [String]] = [:]
        for agency in agencies {
            let code = VietnameseText.initialism(agency.name)
            if isUsableIssuerCode(code), explicit[code] == nil { derived[code, default: []].append(agency.id) }
        }
        return explicit.merging(derived.filter { $0.value.count == 1 }, uniquingKeysWith: { configured, _ in configured })
    }

    private static func isUsableIssuerCode(_ code: String) -> Bool {
        code.count >= 2 && !sharedIssuerCodes.contains(code)
    }

    // MARK: - 5. Names and aliases

    private func nameSignals(_ facts: MessageFacts) -> [Signal] {
        var places: [(text: String, place: String)] = []
        if let fromName = facts.fromName { places.append((fromName, "trong tên người gửi «\(shown(fromName))»")) }
        places.append((facts.subject, "trong tiêu đề"))
        for original in facts.forwarded {
            if let fromName = original.fromName {
                places.append((fromName, "trong tên người gửi thư gốc\(Self.whereForwarded(original)) «\(shown(fromName))»"))
            }
            places.append((original.subject, "trong tiêu đề thư gốc được chuyển tiếp\(Self.whereForwarded(original))"))
        }
        for attachment in facts.attachments {
            if let fileName = attachment.baseFileName {
                places.append((Self.droppingExtension(fileName), "trong tên tệp «\(shown(fileName))»"))
            }
        }
        for line in Self.signatureLines(of: facts.bodyText ?? "") {
            places.append((line, "trong chữ ký cuối thư «\(shown(line))»"))
        }
        var signals: [Signal] = []
        for (text, place) in places {
            for owner in namedOwners(in: text) {
                let agencyName = name(of: owner.agencyID)
                let mention = owner.writtenForm == agencyName ? "Tên \(agencyName)" : "Tên «\(owner.writtenForm)» của \(agencyName)"
                signals.append(Signal(agencyID: owner.agencyID, strength: .name, reason: "\(mention) có \(place)."))
            }
        }
        return signals
    }

    /// Names found in `text` as the writer's own, in the order a reader meets them.
    /// Document symbols and our tags are cut out first, since they are signals of their
    /// own and their letters ("UBND-TNMT") are not names; a name the text is addressed
    /// to ("Kính gửi Sở Tài chính") says nothing of who wrote it.
    private func namedOwners(in text: String) -> [AgencyNameIndex.Owner] {
        let nfc = text.nfc
        let cut = DocumentSymbol.occurrences(in: nfc).map(\.range) + tags(in: nfc).map(\.range)
        var seen = Set<AgencyNameIndex.Owner>()
        return Self.segments(of: nfc, cutting: cut)
            .flatMap { names.mentions(in: String($0)) }
            .filter(\.namesTheAgency)
            .map(\.owner)
            .filter { seen.insert($0).inserted }
    }

    private static func segments(of text: String, cutting ranges: [Range<String.Index>]) -> [Substring] {
        var segments: [Substring] = []
        var from = text.startIndex
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= from {
            segments.append(text[from..<range.lowerBound])
            from = range.upperBound
        }
        segments.append(text[from...])
        return segments
    }

    // MARK: - The signature at the foot of the body

    /// The lines of the sender's signature: what follows the last "--" line, or else the
    /// last closing formula ("Trân trọng", "Kính thư"), in the writer's own text (before
    /// any quoted or forwarded mail, whose signatures are other people's). A clerk reads
    /// "Văn thư UBND huyện Mường Nhé" there as the display name is read. The rest of the
    /// body is not searched: it names addressees, plans and other agencies freely.
    /// Contact lines are skipped ("Địa chỉ: … TP Điện Biên Phủ" is where, not who), and
    /// a "signature" longer than a few short lines is text, not a signature.
    static func signatureLines(of body: String) -> [String] {
        var trimmed: [Substring] = []
        for line in BodyLines.top(of: body, limit: Self.signatureSearchLimit) {
            let text = line.trimmedWhitespace
            if Self.startsOtherMail(text) { break }
            trimmed.append(text)
        }
        guard let start = trimmed.lastIndex(where: { $0 == "--" || $0 == "—" || $0 == "---" })
            ?? trimmed.lastIndex(where: Self.isClosingFormula) else { return [] }
        let block = trimmed[(start + 1)...].filter { !$0.isEmpty }
        guard !block.isEmpty, block.count <= 6 else { return [] }
        return block.filter(BodyLines.isShort).map(String.init).filter { line in
            let words = VietnameseText.words(line)
            return words.count <= 14 && !Self.contactLabels.contains { words.starts(with: $0) }
        }
    }

    private static let signatureSearchLimit = 16 * 1024

    private static func isClosingFormula(_ line: Substring) -> Bool {
        guard line.utf8.count <= 80 else { return false }
        let words = VietnameseText.words(String(line))
        // "Trân trọng kính gửi!" opens a letter rather than closing it.
        return words.count <= 4 && !words.contains("gui") && closingFormulas.contains { words.starts(with: $0) }
    }

    private static let closingFormulas: [[String]] = [["tran", "trong"], ["kinh", "thu"], ["than", "ai"], ["best", "regards"], ["regards"]]

    private static let contactLabels: [[String]] = [
        ["dia", "chi"], ["dc"], ["dt"], ["sdt"], ["dtdd"], ["dien", "thoai"], ["di", "dong"], ["tel"], ["mobile"], ["phone"],
        ["fax"], ["email"], ["e", "mail"], ["mail"], ["website"], ["web"], ["add"], ["address"],
    ]

    /// Quoted or forwarded mail begins: "> …", "---------- Forwarded message", "-----Original
    /// Message-----", "Vào … đã viết:", "On … wrote:", a "From:"/"Từ:" line.
    private static func startsOtherMail(_ text: Substring) -> Bool {
        if text.hasPrefix(">") { return true }
        guard BodyLines.isShort(text) else { return false }
        let folded = VietnameseText.fold(String(text))
        if (folded.hasPrefix("from ") || folded.hasPrefix("tu ")) && text.utf8.contains(UInt8(ascii: ":")) { return true }
        return folded.hasSuffix("wrote") || folded.hasSuffix("da viet")
            || otherMailPhrases.contains { Self.holds(folded, $0) }
    }

    private static let otherMailPhrases = ["forwarded message", "original message", "thu chuyen tiep", "tin nhan da chuyen tiep"]
        .map { Array($0.utf8) }

    /// Byte search of a folded line: Foundation's `contains` took a UTF-16 copy and a
    /// locale-aware search for every short line of every body (3% of a first poll).
    private static func holds(_ text: String, _ phrase: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= phrase.count, let first = phrase.first else { return false }
            var start = 0
            while start + phrase.count <= bytes.count {
                if bytes[start] == first, phrase.indices.allSatisfy({ bytes[start + $0] == phrase[$0] }) { return true }
                start += 1
            }
            return false
        }
    }

    /// "Bao cao Muong Nhe.pdf" → "Bao cao Muong Nhe": the extension is not part of the name.
    private static func droppingExtension(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex,
              fileName.distance(from: dot, to: fileName.endIndex) <= 6 else { return fileName }
        return String(fileName[..<dot])
    }

    // MARK: - Normalising identifiers

    static func normalisedAddress(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// "abc@x", " <abc@x> " → "<abc@x>": headers and our own records disagree on brackets.
    static func normalisedMessageID(_ id: String) -> String {
        var bare = Substring(id.trimmingCharacters(in: .whitespacesAndNewlines))
        if bare.hasPrefix("<") { bare = bare.dropFirst() }
        if bare.hasSuffix(">") { bare = bare.dropLast() }
        return "<\(bare)>"
    }
}
