import ArgumentParser
import DonDoc
import Foundation
import Jobs
import Reports

extension ReportFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The secretariat's summary: who reported, when, how, and who has not.")

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("Take this instant as now (ISO 8601).", valueName: "instant"))
    var now: String?

    @Option(help: "text, csv, html, json or register (the Decree 30/2020 incoming-document register, as CSV).")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Email the HTML report to office.secretariat.")
    var email = false

    func run() throws {
        try runJob { () throws(JobError) in
            let instant = try parseNow(now)
            if let files = try common.campaignFolderFiles() {
                try overview(files, at: instant)
                return
            }
            let campaign = try common.loadCampaign()
            let job = ReportJob(campaign: campaign)
            let summary = try job.summary(now: instant)
            if email {
                writeOut(try job.email(summary, now: instant))
                if output == nil, format == .text { return }
            }
            let data = try job.render(summary, format: format)
            if let output {
                do {
                    try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw JobError.dataError("cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    /// A folder of campaigns: one line per campaign, open ones first.
    private func overview(_ files: [String], at instant: Date) throws(JobError) {
        let shape: OutputFormat
        switch format {
        case .text: shape = .text
        case .json: shape = .json
        default: throw .usage("a folder of campaigns gets an overview in text or json; give one campaign file (--config FILE) for \(format.rawValue)")
        }
        if email { throw .usage("--email sends one campaign's report; give one campaign file (--config FILE)") }
        var summaries: [Summary] = []
        for file in files {
            summaries.append(try ReportJob(campaign: try common.loadCampaign(file)).summary(now: instant))
        }
        let text = try CampaignOverview.render(summaries, format: shape)
        if let output {
            do { try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw JobError.dataError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            writeOut(text)
        }
    }
}
