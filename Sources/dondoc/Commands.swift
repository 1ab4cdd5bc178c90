import ArgumentParser
import DonDoc
import Foundation
import Jobs

struct Poll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch new mail (read-only), store it, and attribute each message to its agency.")

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Take this instant as now (ISO 8601).", valueName: "instant"))
    var now: String?

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        let instant = try parseNowOrExit(now)
        try runEachCampaign(common) { (campaign, label) throws(JobError) in
            var job = PollJob(campaign: campaign, logger: common.logger("dondoc.poll"))
            // Without the reader every decision would rest on the envelope alone, for good:
            // better to leave the mail in the mailbox until the install is mended.
            guard let reader = DocumentReaderProcess.sandbox() else { throw DocumentReaderProcess.missing }
            job.documentReader = reader
            // One line per message is for a person watching; cron mail gets the summary.
            let perMessage = isatty(STDOUT_FILENO) == 1 && !quiet
            let bar: ProgressBar? = perMessage ? nil : ProgressBar.forTerminal(quiet: quiet)
            if let bar {
                job.progress = { progress in bar.update(progress) }
            }
            defer { bar?.finish() }
            let summary = try job.run(now: instant) { processed in
                if perMessage { writeOut(labelled(label, PollOutput.line(for: processed))) }
            }
            if !quiet { writeOut(labelled(label, summary.line)) }
            if let receiptError = summary.receiptError { throw receiptError }
        }
    }
}

struct Remind: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Email today's reminders to the agencies that have not reported.",
        discussion: "Safe to run again the same day: an agency never gets two reminders on one date.")

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Take this instant as now (ISO 8601); its local date is the day reminded.", valueName: "instant"))
    var now: String?

    @Flag(help: "Show what would be sent; send nothing and write nothing.")
    var dryRun = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        let instant = try parseNowOrExit(now)
        try runEachCampaign(common) { (campaign, label) throws(JobError) in
            let report = try RemindJob(campaign: campaign, logger: common.logger("dondoc.remind"))
                .run(now: instant, dryRun: dryRun)
            let failed = report.stoppedBy != nil || report.lines.contains { [.failed, .deferred, .interrupted].contains($0.status) }
            guard !quiet || failed else { return }
            if let label, format == .text { writeOut("== \(label)") }
            writeOut(try RemindOutput.render(report, format: format))
            if let stopped = report.stoppedBy { throw JobError.mail(stopped) }
        }
    }
}

struct Messages: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every stored message and the decision about it.")

    @OptionGroup var common: CommonOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Only messages waiting for a person: review and unparseable.")
    var review = false

    func run() throws {
        try runJob { () throws(JobError) in
            let campaign = try common.loadCampaign()
            writeOut(try MessagesJob(campaign: campaign).run(reviewOnly: review, format: format))
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the campaign file, its secrets and the mail templates; print one line per problem.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Also log in to the mailbox (read-only) and the SMTP server; nothing is sent.")
    var connect = false

    func run() throws {
        try runEachCampaign(common) { (campaign, _) throws(JobError) in
            let lines = try CheckJob(campaign: campaign).run(connect: connect)
            for line in lines { writeOut(line) }
            let todo = lines.filter { $0.hasPrefix("TODO") }.count
            writeOut("\(campaign.id): \(campaign.agencies.count) agencies, deadline \(campaign.deadline.vietnamese); configuration is valid"
                + (todo == 0 ? "" : ", \(todo) TODO left above"))
        }
    }
}

/// `label: line` when several campaigns run in turn, the line alone otherwise.
func labelled(_ label: String?, _ line: String) -> String {
    label.map { "\($0): \(line)" } ?? line
}
