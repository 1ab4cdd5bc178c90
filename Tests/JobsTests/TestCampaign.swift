import DonDoc
import Foundation
import Jobs
import TestSupport
@testable import Configuration

/// The shipped Điện Biên campaign, pointed at a test Dovecot and a store in a
/// temporary folder: the integration tests run against the file users start from.
struct TestCampaign {
    let folder: URL
    let configPath: String
    let storePath: String
    let campaign: Campaign

    init(server: DovecotServer, password: String? = nil, caFile: String?? = nil, url: URL? = nil,
         smtp: SMTPServer? = nil, smtpURL: URL? = nil) throws {
        folder = try makeTemporaryDirectory(prefix: "dondoc-campaign")
        let written = try CampaignFileForTests.write(into: folder, server: server, password: password,
                                                     caFile: caFile, url: url, smtp: smtp, smtpURL: smtpURL)
        configPath = written.configPath
        storePath = written.storePath
        campaign = try CampaignFile.load(path: configPath)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Instants of the seed campaign, in its time zone (UTC+7).
enum CampaignTime {
    static func at(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    /// 6 May 2020 09:00 +07:00, plus `minutes`.
    static func may6(_ minutes: Int = 0) -> Date {
        at("2020-05-06T09:00:00+07:00").addingTimeInterval(Double(minutes) * 60)
    }
}

/// The dondoc executable built beside the test bundle, run as a user would.
enum DondocCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// SwiftPM puts the executables in the same folder as the test bundle.
    static var executable: URL { built("dondoc") }

    /// The document reader's child, which dondoc finds beside itself.
    static var reader: URL { built("dondoc-read-document") }

    static func built(_ name: String) -> URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Standard error goes to a file, so that neither pipe can fill and stall the child.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, URL) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DONDOC_CONFIG")
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("dondoc-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, errFile)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, out, errFile) = try start(arguments, environment: environment)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: errFile) }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }
}
