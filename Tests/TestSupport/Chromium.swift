import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium, to look at generated HTML the way a reader's browser does: print
/// it to PDF (A4, as the page's own `@page` rule asks) or take a screenshot.
///
/// Needs the Debian package `chromium`. Each run gets a fresh profile folder, so tests
/// can print in parallel and nothing of the machine's own profile is touched.
public enum Chromium {
    /// The browser binary, or nil when it is not installed. `DONDOC_CHROMIUM` names
    /// another one (and naming a path that does not exist shows what a machine without
    /// Chromium does).
    public static var executable: String? {
        let candidates = ProcessInfo.processInfo.environment["DONDOC_CHROMIUM"].map { [$0] }
            ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A browser that hangs (a stuck GPU process, a locked profile) must fail the test,
    /// not stall the whole run.
    public static let timeout: TimeInterval = 90

    public static func printToPDF(html: URL, pdf: URL) throws {
        try run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString], producing: pdf)
    }

    public static func screenshot(html: URL, png: URL, width: Int, height: Int) throws {
        try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
                 html.absoluteString], producing: png)
    }

    private static func run(_ arguments: [String], producing output: URL) throws {
        guard let executable else {
            throw TestSupportError("chromium is missing; install the Debian package chromium (scripts/setup.sh does)")
        }
        let profile = try makeTemporaryDirectory(prefix: "dondoc-chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        let log = profile.appendingPathComponent("chromium.log")
        try? FileManager.default.removeItem(at: output)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless",
            // The sandbox refuses to start as root, which is how tests run in CI containers.
            "--no-sandbox",
            "--disable-gpu",
            // Containers often give /dev/shm only 64 MB; Chromium then crashes on big pages.
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--user-data-dir=\(profile.path)",
        ] + arguments
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw TestSupportError("cannot write \(log.path)")
        }
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        // Into a file, not a pipe: Chromium is chatty and a full pipe would block it.
        process.standardOutput = logHandle
        process.standardError = logHandle
        // Set before starting: a browser that exits at once must still be noticed.
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw TestSupportError("cannot run \(executable): \(error)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestSupportError("chromium did not finish within \(Int(timeout)) s: \(tail(of: log))")
        }
        process.waitUntilExit()
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            throw TestSupportError("chromium \(arguments.joined(separator: " ")) failed "
                + "(status \(process.terminationStatus), \(size) bytes written): \(tail(of: log))")
        }
    }

    private static func tail(of log: URL) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}
