import Foundation

/// The header of a Vietnamese administrative document (the layout of Decree
/// 30/2020/NĐ-CP, Appendix I), read from the text of its first page: who issued it, its
/// number and symbol, where and when, what kind of document it is, what it is about and
/// to whom it is addressed.
///
/// The text may come from a PDF's text layer (Poppler lays the two header columns side
/// by side on each line, separated by runs of spaces), from a DOCX or ODT (each table
/// cell's paragraphs on their own lines, left cell first, or cells separated by tabs),
/// or from OCR (missing or wrong diacritics, stray marks, broken lines). Words are
/// compared folded (`VietnameseText.fold`), so text without diacritics reads the same;
/// what is returned is the text as written.
public struct DocumentHeader: Sendable, Equatable, Codable {
    /// The parent body (cơ quan chủ quản) as written, lines joined with one space,
    /// trimmed: "UBND TỈNH ĐIỆN BIÊN"; nil when absent.
    public var parentBody: String?
    /// The issuing body as written: "SỞ TÀI CHÍNH", "HUYỆN TỦA CHÙA", "SỞ NÔNG NGHIỆP VÀ
    /// PHÁT TRIỂN NÔNG THÔN".
    public var issuingBody: String?
    /// "112/BC-STC" normalised as `DocumentSymbol.text` does; a Party document keeps its
    /// own shape ("125-BC/TU"); nil when none, or when the number was left blank.
    public var symbol: String?
    /// "Điện Biên".
    public var place: String?
    /// 2020-05-06; only a valid calendar date.
    public var date: LocalDate?
    /// "BÁO CÁO", "TỜ TRÌNH", "KẾ HOẠCH"… in its standard written form (also when the
    /// text lost its diacritics); "CÔNG VĂN" when a "V/v" line marks an official letter.
    public var documentType: String?
    /// The summary (trích yếu) as written, lines joined with one space; for a letter the
    /// text after "V/v".
    public var summary: String?
    /// From "Kính gửi:", each as written, without bullets or the list's ";" and ".".
    public var addressees: [String]

    public init(
        parentBody: String? = nil, issuingBody: String? = nil, symbol: String? = nil, place: String? = nil,
        date: LocalDate? = nil, documentType: String? = nil, summary: String? = nil, addressees: [String] = []
    ) {
        self.parentBody = parentBody
        self.issuingBody = issuingBody
        self.symbol = symbol
        self.place = place
        self.date = date
        self.documentType = documentType
        self.summary = summary
        self.addressees = addressees
    }

    /// The full issuer as a clerk writes it in the register's "Tác giả" column:
    /// - parent + body when the body is a place: "ỦY BAN NHÂN DÂN HUYỆN TỦA CHÙA";
    /// - body + parent when the body is a unit that every parent has (VĂN PHÒNG,
    ///   THƯỜNG TRỰC, PHÒNG …, BAN … of a council or Party committee): "VĂN PHÒNG UBND
    ///   TỈNH ĐIỆN BIÊN";
    /// - the body alone when it names itself: "SỞ TÀI CHÍNH".
    public var issuer: String? {
        guard let body = issuingBody else { return parentBody }
        guard let parent = parentBody else { return body }
        switch HeaderNames.role(of: body, under: parent) {
        case .place: return parent + " " + body
        case .unit: return body + " " + parent
        case .named: return body
        }
    }

    /// The header of a first page; nil when the text shows no header at all (no issuing
    /// body, no symbol, no place and date). Total: any text gives an answer, in time
    /// proportional to the first 50,000 characters at most.
    public static func read(_ firstPageText: String) -> DocumentHeader? {
        let text = String(firstPageText.prefix(HeaderLayout.charactersRead)).nfc
        var reader = HeaderReader()
        reader.read(HeaderLayout.pieces(text))

        let bodies = HeaderNames.group(reader.names, symbol: reader.symbol)
        let issuingBody = bodies.last
        let parentBody = bodies.count > 1 ? bodies.dropLast().joined(separator: " ") : nil
        guard issuingBody != nil || reader.symbol != nil || reader.place != nil || reader.date != nil else { return nil }

        var documentType = reader.documentType
        var summaryLines = reader.summaryLines
        if documentType == nil, reader.isLetter { documentType = "CÔNG VĂN" }
        if summaryLines.isEmpty { summaryLines = reader.subjectLines }
        let summary = HeaderWriting.tidy(summaryLines.joined(separator: " "))

        return DocumentHeader(
            parentBody: parentBody, issuingBody: issuingBody, symbol: reader.symbol, place: reader.place,
            date: reader.date, documentType: documentType, summary: summary.isEmpty ? nil : summary,
            addressees: reader.addressees
        )
    }

    // MARK: Codable: the date as "YYYY-MM-DD"

    private enum CodingKeys: String, CodingKey {
        case parentBody, issuingBody, symbol, place, date, documentType, summary, addressees
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        parentBody = try c.decodeIfPresent(String.self, forKey: .parentBody)
        issuingBody = try c.decodeIfPresent(String.self, forKey: .issuingBody)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        if let iso = try c.decodeIfPresent(String.self, forKey: .date) {
            guard let date = LocalDate(iso: iso) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "\"\(iso)\" is not a date YYYY-MM-DD")
            }
            self.date = date
        } else {
            date = nil
        }
        documentType = try c.decodeIfPresent(String.self, forKey: .documentType)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        addressees = try c.decodeIfPresent([String].self, forKey: .addressees) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(parentBody, forKey: .parentBody)
        try c.encodeIfPresent(issuingBody, forKey: .issuingBody)
        try c.encodeIfPresent(symbol, forKey: .symbol)
        try c.encodeIfPresent(place, forKey: .place)
        try c.encodeIfPresent(date?.iso, forKey: .date)
        try c.encodeIfPresent(documentType, forKey: .documentType)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(addressees, forKey: .addressees)
    }
}
