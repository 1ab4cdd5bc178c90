import Documents
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The child's side of `DocumentSandbox`, run by the `dondoc-read-document` executable
/// with the arguments after its name. Reads the document from stdin, writes one JSON
/// `DocumentReading` to stdout.
///
/// The parent passes its limits in `DONDOC_READER_LIMITS` (see `DocumentLimits.environment`),
/// so both sides agree without the command line carrying them; `limits` is used otherwise.
public enum DocumentChild {
    /// Exit statuses (sysexits.h): 0 whenever a reading was written, unreadable ones included.
    static let usage: Int32 = 64
    static let ioError: Int32 = 74

    public static func run(arguments: [String], limits: DocumentLimits = .init()) -> Int32 {
        let limits = DocumentLimits(environment: ProcessInfo.processInfo.environment["DONDOC_READER_LIMITS"]) ?? limits
        ChildLimits.apply(limits)
        let options: Options
        switch Options.parse(arguments) {
        case let .success(parsed): options = parsed
        case let .failure(problem):
            FileHandle.standardError.write(Data("dondoc-read-document: \(problem.message)\n".utf8))
            return usage
        }
        let input: Data
        switch readStandardInput(max: limits.maxInputBytes) {
        case let .some(data): input = data
        case .none:
            return write(.unreadable("larger than \(limits.maxInputBytes >> 20) MiB: not read"))
        }
        let reading = DocumentReader.read(input, fileName: options.name, mediaType: options.mediaType,
                                          trustedCAFile: options.trustedCA, budget: ReadingBudget(limits: limits),
                                          entryCap: limits.maxInputBytes, insideArchive: false)
        return write(reading)
    }

    private static func write(_ reading: DocumentReading) -> Int32 {
        guard let json = try? DocumentJSON.encoder.encode(reading) else { return ioError }
        var remaining = json[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return ioError
            }
            remaining = remaining.dropFirst(written)
        }
        return 0
    }

    /// Everything on stdin, or nil past `max` bytes (reading stops there).
    private static func readStandardInput(max: Int) -> Data? {
        var data = Data()
        let chunk = 256 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                return data
            }
            if count == 0 { return data }
            if data.count + count > max { return nil }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    struct Options: Equatable {
        var mediaType = ""
        var name: String?
        var trustedCA: String?

        struct Problem: Error { let message: String }

        static func parse(_ arguments: [String]) -> Result<Options, Problem> {
            var options = Options()
            var sawType = false
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard ["--type", "--name", "--trusted-ca"].contains(flag) else {
                    return .failure(Problem(message: "unknown argument \(flag)"))
                }
                guard let value = rest.popFirst() else { return .failure(Problem(message: "\(flag) needs a value")) }
                switch flag {
                case "--type": options.mediaType = value; sawType = true
                case "--name": options.name = value
                default: options.trustedCA = value
                }
            }
            guard sawType else {
                return .failure(Problem(message: "usage: dondoc-read-document --type MEDIA [--name NAME] [--trusted-ca PEM] < document"))
            }
            return .success(options)
        }
    }
}
