import DonDoc
import Foundation
import Reports

public enum PollOutput {
    /// One line per new message: id, kind, agency, sender, subject.
    public static func line(for processed: ProcessedMessage) -> String {
        let agency = processed.attribution.agencyID ?? "-"
        let line = "#\(processed.id) \(processed.attribution.kind.rawValue) \(agency) \(processed.from ?? "-") \(processed.subject)"
        return TerminalText.clean(line)
    }
}
