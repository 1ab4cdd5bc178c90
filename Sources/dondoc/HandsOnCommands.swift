import ArgumentParser
import DonDoc
import Foundation
import Jobs

struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a paper copy of an agency's report that came through the clerk.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The agency's id, as in the campaign file.")
    var agency: String

    @Flag(help: "The copy came on paper (the only kind recorded by hand).")
    var paper = false

    @Option(help: ArgumentHelp("When it was received (ISO 8601).", valueName: "instant"))
    var received: String

    @Option(help: ArgumentHelp("Its document symbol, e.g. 45/BC-STNMT.", valueName: "symbol"))
    var symbol: String?

    @Option(help: "A note for the report.")
    var note: String?

    @Option(help: ArgumentHelp("Take this instant as now (ISO 8601).", valueName: "instant"))
    var now: String?

    func validate() throws {
        guard paper else { throw ValidationError("say --paper: only paper copies are recorded by hand") }
    }

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            writeOut(try HandsOn(campaign: campaign).recordPaper(
                agencyID: agency, receivedAt: try parseInstant(received, option: "--received"), symbol: symbol,
                note: note, now: try parseNow(now)))
        }
    }
}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Attribute a message (from the review queue) to an agency.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The message: its short id (#12 → 12) or its Message-ID.")
    var message: String

    @Argument(help: "The agency's id.")
    var agency: String

    @Flag(help: "From now on, mail from this sender counts as this agency's.")
    var learnSender = false

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            writeOut(try HandsOn(campaign: campaign).assign(message.trimmingPrefix("#"), to: agency,
                                                            learnSender: learnSender, now: Date()))
        }
    }
}

struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark a message as not a submission.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The message: its short id or its Message-ID.")
    var message: String

    @Option(help: "Why, for the report.")
    var reason: String?

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            writeOut(try HandsOn(campaign: campaign).reject(message.trimmingPrefix("#"), reason: reason, now: Date()))
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a message: headers, attribution and its reasons, attachments.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The message: its short id or its Message-ID.")
    var message: String

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            writeOut(try MessageFiles(campaign: campaign).show(message.trimmingPrefix("#")))
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the documents of a message, or of all an agency's submissions, into a folder.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "A message (short id or Message-ID) or an agency id.")
    var target: String

    @Option(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "folder"))
    var to: String

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            let written = try MessageFiles(campaign: campaign).export(target.trimmingPrefix("#"), to: to)
            writeOut(written.isEmpty ? "no documents" : written.joined(separator: "\n"))
        }
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
