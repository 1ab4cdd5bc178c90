import DonDoc
import Foundation
import Reports

/// How a listing is printed: for a person, or for a program.
public enum OutputFormat: String, CaseIterable, Sendable { case text, json }

/// JSON for a command's output, its failure mapped to the command's error.
enum JSONText {
    static func of<T: Encodable>(_ value: T) throws(JobError) -> String {
        do { return try JSONOutput.encode(value) } catch {
            throw .dataError("cannot encode the output as JSON: \(error.reason)")
        }
    }

    static func report(_ summary: Summary) throws(JobError) -> String {
        do { return try ReportJSON.render(summary) } catch {
            throw .dataError("cannot encode the report as JSON: \(error.reason)")
        }
    }
}
