import Foundation

/// JSON as every command and report writes it: keys sorted, so that two runs over the same
/// store give the same bytes, and slashes left alone.
package enum JSONOutput {
    package struct Failure: Error, Sendable {
        package let reason: String
    }

    package static func encode<T: Encodable>(_ value: T) throws(Failure) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw Failure(reason: "\(error)")
        }
    }
}
