import ArgumentParser
import DonDoc
import Foundation
import Jobs
import Logging
import Configuration

@main
struct Dondoc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dondoc",
        abstract: "Collects the reports agencies owe a secretariat by email, and follows up on late ones.",
        discussion: """
            dondoc reads the campaign's mailbox without changing it, stores every message \
            in a SQLite file, works out which agency sent each report (doubtful mail waits \
            for a person: messages --review), acknowledges receipt, reminds agencies that \
            have not reported, and writes the secretariat's report.

            EXIT STATUS (sysexits.h): 0 done, 64 usage, 65 bad data, 73 cannot create a \
            file, 74 I/O error, 75 temporary failure (server busy or unreachable, another \
            run holds the lock: cron simply tries again), 76 protocol error, 77 login \
            refused, 78 configuration error. Every failure is one line on stderr saying \
            what failed and what to check.

            FILES: the campaign file (--config, else the file named by $DONDOC_CONFIG); \
            the store named by store.path, with STORE.poll.lock \
            and STORE.crashed beside it; mail templates in templates.path (else the \
            built-in Vietnamese ones); the document reader \
            PREFIX/libexec/dondoc/dondoc-read-document.

            EXAMPLES: dondoc init --plan ke-hoach.docx --output campaign.yaml; dondoc check --connect; dondoc poll (cron, every 5 minutes); \
            dondoc remind (cron, 07:30 daily); dondoc messages --review; \
            dondoc assign 12 stnmt --learn-sender; \
            dondoc record snv --paper --received 2020-05-08T10:00:00+07:00; \
            dondoc report --format html --output bao-cao.html.
            """,
        version: "0.1.0",
        subcommands: [Init.self, Poll.self, Remind.self, Report.self, Messages.self, Show.self, Assign.self, Reject.self,
                      Record.self, Export.self, Check.self])

    static func main() {
        Runtime.initialize()
        main(nil)
    }
}

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The campaign file (YAML).", valueName: "file"))
    var config: String?

    @Flag(name: .shortAndLong, help: "Log progress on stderr.")
    var verbose = false

    /// The campaign files when `--config` names a folder; nil when it names one file.
    func campaignFolderFiles() throws(JobError) -> [String]? {
        do throws(ConfigError) {
            let path = try CampaignFile.resolvePath(config)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            return try CampaignFolder.files(at: path)
        } catch {
            throw .config(error)
        }
    }

    /// `path`: one file of a folder `--config` names; by default `--config` itself, which
    /// must then be a file (commands about one message take one campaign).
    func loadCampaign(_ path: String? = nil) throws(JobError) -> Campaign {
        do {
            let path = try path ?? CampaignFile.resolvePath(config)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw JobError.usage("\(path) is a folder of campaigns; this command takes one campaign file (--config FILE)")
            }
            return try CampaignFile.load(path: path)
        } catch let error as ConfigError {
            throw .config(error)
        } catch let error as JobError {
            throw error
        } catch {
            throw .dataError("\(error)")
        }
    }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}

/// `--now`, or the usage error printed and the exit status thrown.
func parseNowOrExit(_ text: String?) throws -> Date {
    var instant = Date()
    try runJob { () throws(JobError) in instant = try parseNow(text) }
    return instant
}

/// Parses `--now`: an ISO 8601 instant, with an offset or Z.
func parseNow(_ text: String?) throws(JobError) -> Date {
    guard let text else { return Date() }
    return try parseInstant(text, option: "--now")
}

func parseInstant(_ text: String, option: String) throws(JobError) -> Date {
    let formatter = ISO8601DateFormatter()
    for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
        formatter.formatOptions = options
        if let date = formatter.date(from: text) { return date }
    }
    throw .usage("\(option) \(text) is not an ISO 8601 instant; write e.g. 2020-05-08T07:30:00+07:00")
}

/// Runs `body` for every campaign `--config` names: the file, or each campaign file in
/// the folder, in turn, each with its own store and lock. One campaign's failure does not
/// stop the next; its lines are printed as they come, prefixed with the campaign, and one
/// exit status is chosen at the end: the first that is not "try again later" (75), else 75.
/// `label` is the prefix for the body's own output: nil when there is one campaign.
func runEachCampaign(_ common: CommonOptions, _ body: (Campaign, _ label: String?) throws(JobError) -> Void) throws {
    var files: [String] = []
    try runJob { () throws(JobError) in
        do throws(ConfigError) {
            let path = try CampaignFile.resolvePath(common.config)
            files = try CampaignFolder.files(at: path)
        } catch {
            throw .config(error)
        }
    }
    guard files.count > 1 else {
        return try runJob { () throws(JobError) in try body(try common.loadCampaign(files[0]), nil) }
    }
    var statuses: [Int32] = []
    var loaded: [(file: String, campaign: Campaign)] = []
    for file in files {
        do throws(ConfigError) {
            loaded.append((file, try CampaignFile.load(path: file)))
        } catch {
            report(JobError.config(error), label: nil)
            statuses.append(JobError.config(error).exitStatus)
        }
    }
    do throws(ConfigError) { try CampaignFolder.checkDistinctStores(loaded) } catch {
        report(JobError.config(error), label: nil)
        throw ExitCode(JobError.config(error).exitStatus)
    }
    for (_, campaign) in loaded {
        do throws(JobError) { try body(campaign, campaign.id) } catch {
            report(error, label: campaign.id)
            statuses.append(error.exitStatus)
        }
    }
    if let status = statuses.first(where: { $0 != 75 }) ?? statuses.first { throw ExitCode(status) }
}

private func report(_ error: JobError, label: String?) {
    for line in error.lines {
        FileHandle.standardError.write(Data("dondoc: \(label.map { "\($0): " } ?? "")\(line)\n".utf8))
    }
}

/// Runs a job and turns its failure into lines on stderr and one exit status. Never
/// calls exit(): the error unwinds, so every `defer` (locks, connections) runs first.
func runJob(_ body: () throws(JobError) -> Void) throws {
    do {
        try body()
    } catch {
        report(error, label: nil)
        throw ExitCode(error.exitStatus)
    }
}

func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

extension OutputFormat: ExpressibleByArgument {}
