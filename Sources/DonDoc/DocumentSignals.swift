import Foundation

/// Signals read from the documents themselves, as a clerk reads them: who signed, and
/// the issuing body in the header (never the addressee of "Kính gửi").
extension AgencyDirectory {
    func documentSignals(_ facts: MessageFacts) -> [Signal] {
        var signals: [Signal] = []
        for document in facts.documents {
            signals += signatureSignals(document)
            if let header = document.header {
                signals += issuerSignals(header, in: document)
                signals += headerSymbolSignals(header, in: document)
            }
        }
        return signals
    }

    /// Issuers that name no agency of the campaign (another department, another
    /// province's, the Office, the province alone), as Vietnamese sentences. Such a
    /// document is not any agency's report, whatever else the message says, so a person
    /// must look. From OCR only an issuer that reads as a body ("SỞ …", "UBND …", "CÔNG
    /// TY …") counts: a string that matches nothing is more likely a misread.
    func outsideIssuers(_ facts: MessageFacts) -> [String] {
        facts.documents.compactMap { document in
            guard let header = document.header, let issuer = Self.issuerText(header),
                  agencies(namedIn: header).isEmpty,
                  !document.isOCR || Self.readsAsABody(issuer) else { return nil }
            return "Văn bản «\(shown(document.fileName))» do «\(shown(issuer))» ban hành (\(document.readingPhrase)), "
                + "không phải cơ quan nào phải báo cáo trong đợt này."
        }
    }

    private func signatureSignals(_ document: DocumentEvidence) -> [Signal] {
        document.signatures.compactMap { signature in
            guard signature.holds, let signer = signature.signerName else { return nil }
            let owners = names.agencies(namedWhollyBy: signer)
            guard owners.count == 1, let agencyID = owners.first else { return nil }
            // A certificate nobody vouches for carries whatever name its maker typed, so
            // it weighs what the printed header weighs, no more.
            return Signal(agencyID: agencyID, strength: signature.isTrusted ? .signature : .issuer,
                          reason: "Văn bản «\(shown(document.fileName))» được ký số bởi «\(shown(signer))» "
                              + "(chữ ký \(signature.vietnameseState)): chữ ký của \(name(of: agencyID)).")
        }
    }

    private func issuerSignals(_ header: DocumentHeader, in document: DocumentEvidence) -> [Signal] {
        guard let issuer = Self.issuerText(header) else { return [] }
        return agencies(namedIn: header).map { agencyID in
            Signal(agencyID: agencyID, strength: .issuer,
                   reason: "Văn bản «\(shown(document.fileName))» do \(shown(issuer)) ban hành "
                       + "(\(document.readingPhrase)): \(name(of: agencyID)).")
        }
    }

    private func headerSymbolSignals(_ header: DocumentHeader, in document: DocumentEvidence) -> [Signal] {
        guard let text = header.symbol else { return [] }
        return DocumentSymbol.find(in: text).flatMap { symbol in
            agencies(issuing: symbol).map { agencyID in
                Signal(agencyID: agencyID, strength: .symbol,
                       reason: "Văn bản «\(shown(document.fileName))» mang số \(shown(symbol.text)) "
                           + "(\(document.readingPhrase)), mã \(shown(symbol.issuingBody)) của \(name(of: agencyID)).")
            }
        }
    }

    /// The agencies the header's issuer is the whole name of: the issuing body alone, or
    /// with its parent line when the body line is only a place ("ỦY BAN NHÂN DÂN" over
    /// "HUYỆN TỦA CHÙA"). A body that only holds an agency's name ("CÔNG AN HUYỆN TỦA
    /// CHÙA") is none of them. The addressee is never read here.
    private func agencies(namedIn header: DocumentHeader) -> [String] {
        // Another province's department is not ours, however alike their names.
        if [header.parentBody, header.issuingBody].contains(where: { $0.map(names.namesAnotherProvince) == true }) {
            return []
        }
        for text in [header.issuer, header.issuingBody, Self.joined(header.parentBody, header.issuingBody)] {
            guard let text else { continue }
            let owners = names.agencies(namedWhollyBy: text)
            if !owners.isEmpty { return owners }
        }
        return []
    }

    /// An OCR'd issuer that starts like a body and whose every word is a syllable (or a
    /// tier's abbreviation): "SỞ Y TẾ" was read, "HUYEN CH|UA" was not.
    private static func readsAsABody(_ issuer: String) -> Bool {
        let words = VietnameseText.nameWords(issuer)
        guard let first = words.first, bodyOpeners.contains(first) else { return false }
        return words.allSatisfy { word in
            tiers.contains(word) || (word.contains { "aeiouy".contains($0) } && !word.contains(where: \.isNumber))
        }
    }

    private static let bodyOpeners: Set<String> = ["so", "ubnd", "hdnd", "ctcp", "cty", "ban", "cuc", "chi", "trung", "phong", "bo"]
    private static let tiers: Set<String> = ["ubnd", "hdnd", "ctcp", "h", "tp", "tx"]

    private static func issuerText(_ header: DocumentHeader) -> String? {
        header.issuer ?? header.issuingBody
    }

    private static func joined(_ parent: String?, _ body: String?) -> String? {
        guard let parent, let body else { return nil }
        return parent + " " + body
    }
}
