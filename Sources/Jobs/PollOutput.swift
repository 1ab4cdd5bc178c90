import DonDoc
import Foundation

public enum PollOutput {
    /// One line per new message: id, kind, agency, sender, subject.
    public static func line(for processed: ProcessedMessage) -> String {
        let agency = processed.attribution.agencyID ?? "-"
        let subject = processed.subject.replacingOccurrences(of: "\n", with: " ")
        return "#\(processed.id) \(processed.attribution.kind.rawValue) \(agency) \(processed.from ?? "-") \(subject)"
    }
}
