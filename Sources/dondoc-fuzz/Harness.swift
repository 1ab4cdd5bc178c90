// dondoc-fuzz: the two harnesses `make fuzz` runs under libFuzzer, and replays.
//
// Built with `-sanitize=fuzzer -D FUZZING` (scripts/fuzz.sh), it is a libFuzzer binary:
// DONDOC_FUZZ=mime feeds each input to the MIME parser and then to attribution, as a
// poll reads a stored message; DONDOC_FUZZ=imap feeds it to the IMAP response reader as
// if a server had sent it. Built normally, `dondoc-fuzz mime|imap FILE...` runs the same
// harness over files: the crashes found are kept under Tests/Fixtures/fuzz and replayed
// by the tests.
import Configuration
import DonDoc
import Foundation
import Jobs
import Mail

/// A campaign to attribute against: the example one, as a poll would have it.
private let campaign: Campaign = {
    let path = ProcessInfo.processInfo.environment["DONDOC_FUZZ_CAMPAIGN"] ?? "examples/dien-bien-2020.yaml"
    do { return try CampaignFile.load(path: path) } catch { fatalError("dondoc-fuzz: cannot load \(path): \(error)") }
}()
private let attributor = Attributor(campaign: campaign)

func fuzzMIME(_ data: Data) {
    guard let message = try? MIMEParser.parse(data) else { return }
    _ = attributor.attribute(MessageFacts(message))
}

/// Bytes from the input, as a server would send them, in the pieces it likes.
private final class InputSource: IMAPByteSource {
    private let data: Data
    private var offset = 0

    init(_ data: Data) { self.data = data }

    func receive(into buffer: UnsafeMutableRawPointer, capacity: Int) throws(MailError) -> Int {
        guard offset < data.count else { throw .protocolError("end of input") }
        let count = min(capacity, data.count - offset, 1 + offset % 97)
        data.withUnsafeBytes { bytes in buffer.copyMemory(from: bytes.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }
}

func fuzzIMAP(_ data: Data) {
    let reader = IMAPReader(source: InputSource(data), initialCapacity: 64)
    let limits = IMAPReader.Limits(responseBytes: 1 << 20, wholeLiteralBytes: 64 << 10, keptOfLargerLiteral: 4 << 10)
    for _ in 0..<64 {
        guard let response = try? reader.readResponse(within: limits) else { return }
        _ = try? response.tokens()
        _ = response.afterTag
    }
}

/// Reads every input given, with the harness named: the replayer of `make test`, and
/// the body of a libFuzzer run.
func runHarness(_ which: String, _ data: Data) {
    which == "imap" ? fuzzIMAP(data) : fuzzMIME(data)
}

#if FUZZING
// Built with -sanitize=fuzzer. SwiftPM makes `<module>_main` the program's entry, so this
// is it, and it hands over to libFuzzer's driver with the harness DONDOC_FUZZ names.
private let fuzzingIMAP = ProcessInfo.processInfo.environment["DONDOC_FUZZ"] == "imap"

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// Each input, for libFuzzer's own main should the linker keep that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    runHarness(fuzzingIMAP ? "imap" : "mime", bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@_cdecl("dondoc_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        runHarness(fuzzingIMAP ? "imap" : "mime", bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
#else
@main
enum Replayer {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let which = arguments.first, ["mime", "imap"].contains(which) else {
            FileHandle.standardError.write(Data("usage: dondoc-fuzz mime|imap FILE...\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("dondoc-fuzz: cannot read \(path)\n".utf8))
                exit(66)
            }
            runHarness(which, data)
        }
        print("dondoc-fuzz: \(arguments.count - 1) input(s) read by the \(which) harness without a crash")
    }
}
#endif
