import DonDoc
import Documents
import Foundation
import Reports

/// What `dondoc show` says of one document: how it was read, the header a clerk reads
/// (issuer, number, place and date, type and summary, addressee) and its signatures.
enum DocumentLines {
    static func describe(_ reading: DocumentReading, time: Timestamps, depth: Int = 0) -> [String] {
        switch reading.status {
        case .unreadable: return ["not read: \(reading.detail ?? "unreadable")"]
        case .unsupported: return ["not read: \(reading.detail ?? "a format dondoc does not read")"]
        case .read: break
        }
        if reading.method == "archive" {
            var lines = ["archive of \(reading.contents.count) document(s):"]
            for item in reading.contents {
                lines.append("- \(item.name)  \(item.size) bytes")
                if depth == 0 { lines += describe(item.reading, time: time, depth: 1).map { "  " + $0 } }
            }
            return lines
        }
        let pages = reading.pageCount.map { ", \($0) page(s)" } ?? ""
        var lines = ["read: \(reading.method)\(pages)"]
        if let header = DocumentHeader.read(reading.text) {
            func add(_ label: String, _ value: String?) {
                if let value, !value.isEmpty { lines.append("\(label) \(value)") }
            }
            add("Cơ quan ban hành:", header.issuer)
            add("Số, ký hiệu:", header.symbol)
            add("Nơi, ngày:", [header.place, header.date?.vietnamese].compactMap { $0 }.joined(separator: ", "))
            add("Loại, trích yếu:", [header.documentType, header.summary].compactMap { $0 }.joined(separator: ": "))
            add("Kính gửi:", header.addressees.joined(separator: "; "))
        } else {
            lines.append("no document header found on the first page")
        }
        for signature in reading.signatures {
            let when = signature.signingTime.map { " at \(time.iso($0))" } ?? ""
            let facts = SignatureFacts(signerName: signature.signerName, status: signature.status,
                                       certificateTrusted: signature.certificateTrusted,
                                       coversWholeDocument: signature.coversWholeDocument)
            lines.append("Chữ ký số: \(signature.signerName ?? "?")\(when): \(facts.vietnameseState)")
        }
        return lines
    }
}
