import Foundation

/// How a listing is printed: for a person, or for a program.
public enum OutputFormat: String, CaseIterable, Sendable { case text, json }

enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws(JobError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .dataError("cannot encode the output as JSON: \(error)")
        }
    }
}
