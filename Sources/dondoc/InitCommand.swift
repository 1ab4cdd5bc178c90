import ArgumentParser
import Foundation
import Jobs

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a campaign file from the Office's plan (kế hoạch).",
        discussion: """
            Reads the plan (UTF-8 text, .docx, .odt or .pdf) and proposes a campaign file: \
            the title, the deadline and how it was read, the mailbox for electronic copies, \
            and one agency per body the plan makes responsible. What the plan does not say \
            (addresses, servers) is marked TODO in Vietnamese comments; dondoc check lists \
            what is left. See docs/init.md.
            """)

    @Option(help: ArgumentHelp("The plan: UTF-8 text, .docx, .odt or .pdf.", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp(
        "Write the campaign file here (never overwritten, readable by its owner only); without it, print it.",
        valueName: "file"))
    var output: String?

    func run() throws {
        try runJob { () throws(JobError) in
            let outcome = try InitJob(planPath: plan, documentReader: DocumentReaderProcess.sandbox()).run()
            guard let output else {
                // The file on stdout, so it can be redirected; what to do next on stderr.
                FileHandle.standardOutput.write(Data(outcome.yaml.utf8))
                for line in outcome.summary { FileHandle.standardError.write(Data("dondoc: \(line)\n".utf8)) }
                return
            }
            try InitJob.write(outcome.yaml, to: output)
            writeOut("wrote \(output)")
            for line in outcome.summary { writeOut(line) }
            writeOut("next: fill in the TODOs, then run dondoc check --config \(output)")
        }
    }
}
