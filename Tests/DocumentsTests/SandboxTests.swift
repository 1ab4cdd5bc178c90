@testable import DocumentReaders
import Documents
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The parent's side of the sandbox, proved with stand-in readers that crash, hang or talk
/// nonsense, and with the real reader on real and hostile documents.
final class SandboxTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-sandbox")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A stand-in reader: a shell script in the test's folder.
    private func fakeReader(_ name: String, _ body: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    private let pdf = Data("%PDF-1.4 stand-in".utf8)

    func testReaderThatCrashesGivesUnreadableNamingTheSignal() throws {
        let sandbox = DocumentSandbox(executable: try fakeReader("crash", "cat >/dev/null\nkill -SEGV $$"))
        let reading = sandbox.read(pdf, fileName: "a.pdf", mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader was killed by signal 11 (SIGSEGV)")
    }

    func testReaderThatHangsIsStoppedAtTheWallLimitWithItsHelpers() throws {
        let pidFile = folder.appendingPathComponent("helper.pid")
        let script = "sleep 60 &\necho $! > '\(pidFile.path)'\nsleep 60"
        let sandbox = DocumentSandbox(executable: try fakeReader("hang", script), limits: DocumentLimits(wallSeconds: 1.5))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader took more than 1.5 s and was stopped")
        // The helper it started went with it: the whole process group is killed.
        let helper = try XCTUnwrap(pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<50 where !gone {
            gone = kill(helper, 0) != 0 || isZombie(helper)
            if !gone { usleep(20_000) }
        }
        XCTAssertTrue(gone, "helper \(helper) still running")
    }

    func testReaderThatPrintsGarbageGivesUnreadable() throws {
        let sandbox = DocumentSandbox(executable: try fakeReader("garbage", "cat >/dev/null\necho 'Segmentation fault? no: just words'"))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertTrue(reading.detail?.contains("bad JSON") ?? false, reading.detail ?? "nil")
    }

    func testReaderThatFailsGivesItsStatusAndLastErrorLine() throws {
        let sandbox = DocumentSandbox(executable: try fakeReader("fails", "echo 'warming up' >&2\necho 'poppler: out of cheese' >&2\nexit 3"))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.detail, "the reader exited with status 3: poppler: out of cheese")
    }

    func testMissingReaderGivesUnreadableInsteadOfThrowing() {
        let sandbox = DocumentSandbox(executable: folder.appendingPathComponent("nowhere"))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertTrue(reading.detail?.hasPrefix("the reader could not start") ?? false, reading.detail ?? "nil")
    }

    func testSandboxPassesTheArgumentsAndTheWholeInput() throws {
        let script = """
        size=$(wc -c | tr -d ' ')
        printf '{"status":"read","method":"pdf-text","text":"%s bytes; %s","signatures":[],"contents":[]}' "$size" "$*"
        """
        let sandbox = DocumentSandbox(executable: try fakeReader("echo", script))
        let input = Data(repeating: 0x41, count: 3_000_000)
        let reading = sandbox.read(input, fileName: "Báo cáo.pdf", mediaType: "application/pdf", trustedCAFile: "/etc/ca.pem")
        XCTAssertEqual(reading.text, "3000000 bytes; --type application/pdf --name Báo cáo.pdf --trusted-ca /etc/ca.pem")
    }

    func testReaderThatExitsWithoutReadingALargeInputDoesNotHurtTheParent() throws {
        let sandbox = DocumentSandbox(executable: try fakeReader("early", "exit 0"))
        let reading = sandbox.read(Data(repeating: 0, count: 8_000_000), fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable, "no answer is not a reading")
    }

    func testInputLargerThanTheLimitIsNotSentAtAll() throws {
        let sandbox = DocumentSandbox(executable: try fakeReader("never", "touch '\(folder.path)/ran'"),
                                      limits: DocumentLimits(maxInputBytes: 1024))
        let reading = sandbox.read(Data(count: 2048), fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ran").path))
    }

    /// What the real reader does first (ChildLimits.apply), in sh: the limits the parent
    /// hands over in DONDOC_READER_LIMITS, read back from there.
    private let takeLimits = """
    cat >/dev/null
    limit() { echo "$DONDOC_READER_LIMITS" | tr ',' '\\n' | sed -n "s/^$1=//p"; }
    cpu=$(limit cpu)
    """

    func testReaderBurningCPUIsStoppedByTheCPULimitNotTheWallLimit() throws {
        // As ChildLimits sets them: SIGXCPU at the soft limit, the hard one a second later.
        let script = takeLimits + "\nulimit -S -t \"$cpu\"\nulimit -H -t $((cpu + 1))\nwhile :; do :; done"
        let sandbox = DocumentSandbox(executable: try fakeReader("burn", script),
                                      limits: DocumentLimits(cpuSeconds: 1, wallSeconds: 120))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader used its 1 s of CPU (the CPU limit) and was stopped by SIGXCPU")
    }

    func testReaderIgnoringSIGXCPUIsKilledAtTheHardCPULimitAndTheReasonStillSaysCPU() throws {
        let script = takeLimits + "\ntrap '' XCPU\nulimit -S -t \"$cpu\"\nulimit -H -t $((cpu + 1))\nwhile :; do :; done"
        let sandbox = DocumentSandbox(executable: try fakeReader("stubborn", script),
                                      limits: DocumentLimits(cpuSeconds: 1, wallSeconds: 120))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader used its 1 s of CPU (the CPU limit) and was stopped by SIGKILL")
    }

    func testReaderAllocatingPastTheMemoryLimitIsStoppedAndTheReasonSaysMemory() throws {
        let python = """
        import os, resource
        limit = int(dict(pair.split("=") for pair in os.environ["DONDOC_READER_LIMITS"].split(","))["as"])
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        ballast = bytearray(2 * limit)
        print("{}")
        """
        try python.write(to: folder.appendingPathComponent("allocate.py"), atomically: true, encoding: .utf8)
        let script = takeLimits + "\nexec /usr/bin/python3 '\(folder.appendingPathComponent("allocate.py").path)'"
        let sandbox = DocumentSandbox(executable: try fakeReader("allocate", script),
                                      limits: DocumentLimits(memoryBytes: 256 << 20, wallSeconds: 120))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .unreadable)
        XCTAssertEqual(reading.detail, "the reader ran out of memory (the memory limit, 256 MiB of address space; "
            + "it said \"MemoryError\") and exited with status 1")
    }

    func testCrashAfterAFailedAllocationIsReportedAsTheMemoryLimit() throws {
        // What Tesseract does when Leptonica cannot allocate its copy of a page: says so, then
        // dereferences the NULL.
        let script = "cat >/dev/null\necho 'Error in pixCreateNoInit: pixdata_malloc fail for data' >&2\nkill -SEGV $$"
        let sandbox = DocumentSandbox(executable: try fakeReader("leptonica", script), limits: DocumentLimits(memoryBytes: 1 << 30))
        let reading = sandbox.read(pdf, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.detail, "the reader ran out of memory (the memory limit, 1024 MiB of address space; "
            + "it said \"Error in pixCreateNoInit: pixdata_malloc fail for data\") and was killed by signal 11 (SIGSEGV)")
    }

    func testRealReaderGivesTheSameReadingAsInProcess() throws {
        let data = DocumentFixtures.data("signed-stnmt.pdf")
        let sandbox = DocumentSandbox(executable: ReaderExecutable.url)
        let child = sandbox.read(data, fileName: "signed-stnmt.pdf", mediaType: "application/pdf", trustedCAFile: DocumentFixtures.testCA)
        let inProcess = DocumentReader.read(data, fileName: "signed-stnmt.pdf", mediaType: "application/pdf",
                                            trustedCAFile: DocumentFixtures.testCA)
        XCTAssertEqual(child, inProcess)
        XCTAssertEqual(child.signatures.first?.certificateTrusted, true)
    }

    func testRealReaderOCRsAScanWithinItsLimits() throws {
        let sandbox = DocumentSandbox(executable: ReaderExecutable.url)
        let reading = sandbox.read(DocumentFixtures.data("report-tua-chua-scanned.pdf"), fileName: nil,
                                   mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(reading.status, .read, reading.detail ?? "")
        XCTAssertEqual(reading.method, "ocr-pdf")
    }

    func testRealReaderOnAHostilePDFReturnsWithinTheWallLimit() {
        let limits = DocumentLimits(wallSeconds: 20)
        let sandbox = DocumentSandbox(executable: ReaderExecutable.url, limits: limits)
        let reading = sandbox.read(HostilePDF.make(), fileName: "hostile.pdf", mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertNotEqual(reading.status, .unsupported, "a PDF is read or found unreadable: \(reading.detail ?? "")")
        // Any status will do; what matters is that there is one and the parent is fine.
        XCTAssertFalse(reading.status == .read && reading.text.isEmpty && reading.contents.isEmpty)
    }

    private func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }
}

/// A PDF built to hurt: arrays nested far past any parser's recursion, a content stream
/// declaring a length of hundreds of gigabytes, thousands of unbalanced `q`, a page of a
/// billion points, and a cross-reference table that points nowhere.
enum HostilePDF {
    static func make() -> Data {
        var pdf = "%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n"
        pdf += "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        pdf += "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        pdf += "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 1000000000 1000000000] /Contents 4 0 R /Resources 5 0 R >> endobj\n"
        let content = String(repeating: "q ", count: 50_000) + "BT /F1 12 Tf (x) Tj ET"
        pdf += "4 0 obj << /Length 999999999999 >> stream\n\(content)\nendstream endobj\n"
        pdf += "5 0 obj << /Font << /F1 6 0 R >> /XObject " + String(repeating: "[", count: 200_000)
            + String(repeating: "]", count: 200_000) + " >> endobj\n"
        pdf += "6 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths 6 0 R /FirstChar 6 0 R >> endobj\n"
        pdf += "xref\n0 7\n0000000000 65535 f \n" + String(repeating: "0000099999 00000 n \n", count: 6)
        pdf += "trailer << /Root 1 0 R /Size 7 /Prev 7 >>\nstartxref\n999999\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
