// dondoc-lab: a throwaway mail server with a campaign pointed at it, for `make demo`
// and the benchmarks. It starts the same Dovecot the integration tests use, on free
// loopback ports in a temporary folder, fills the mailbox, writes a campaign file, and
// serves until it is sent SIGTERM or SIGINT, or the process that started it dies (so no
// Dovecot outlives a demo that was interrupted).
//
//   dondoc-lab --dir DIR [--fixtures] [--generate N] [--mail FOLDER]
//
// --mail delivers every *.eml in FOLDER (sorted by name, a minute apart on 7 May 2020),
// so a hand-made set of messages can go through the real poll: an evaluation set kept
// outside the repository.
//
// Writes DIR/campaign.yaml and, once the servers are ready, DIR/ready: the office's IMAP
// URL, the SMTP URL, and the folder where every mail sent through it is kept.
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

struct LabOptions {
    var directory: URL?
    var fixtures = false
    var generate = 0
    var mail: URL?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--dir":
                guard let value = rest.popFirst() else { throw TestSupportError("--dir needs a folder") }
                directory = URL(fileURLWithPath: value, isDirectory: true)
            case "--fixtures":
                fixtures = true
            case "--mail":
                guard let value = rest.popFirst() else { throw TestSupportError("--mail needs a folder") }
                mail = URL(fileURLWithPath: value, isDirectory: true)
            case "--generate":
                guard let value = rest.popFirst(), let n = Int(value), n >= 0 else {
                    throw TestSupportError("--generate needs a count")
                }
                generate = n
            default:
                throw TestSupportError("unknown argument \(argument); usage: dondoc-lab --dir DIR [--fixtures] [--generate N] [--mail FOLDER]")
            }
        }
        guard directory != nil else { throw TestSupportError("usage: dondoc-lab --dir DIR [--fixtures] [--generate N] [--mail FOLDER]") }
    }
}

/// The demo's mailbox: what the Office received in the week before the deadline.
let demoMail: [(fixture: String, received: String)] = [
    ("list-mail.eml", "2020-05-04T06:00:00+07:00"),
    ("submission-pdf-utf8.eml", "2020-05-06T09:15:40+07:00"),
    ("auto-reply-rfc3834.eml", "2020-05-06T07:31:20+07:00"),
    ("bounce-delivery-status.eml", "2020-05-06T07:31:05+07:00"),
    ("reply-to-reminder.eml", "2020-05-06T10:12:45+07:00"),
    ("forwarded-rfc822-with-docx.eml", "2020-05-06T07:58:35+07:00"),
    ("octet-stream-pdf.eml", "2020-05-07T17:05:10+07:00"),
    ("nfd-subject.eml", "2020-05-07T21:15:00+07:00"),
    ("subject-windows-1258.eml", "2020-05-07T14:02:20+07:00"),
    ("garbage-not-a-message.eml", "2020-05-08T08:00:00+07:00"),
    ("missing-end-boundary.eml", "2020-05-08T15:30:10+07:00"),
    ("no-signal-personal-address.eml", "2020-05-08T15:45:00+07:00"),
    ("scanned-report-personal-address.eml", "2020-05-07T16:42:30+07:00"),
]

func generatedMessage(_ number: Int) -> Data {
    let body = String(repeating: "Báo cáo giải trình về việc cấp giấy chứng nhận quyền sử dụng đất. ", count: 180)
    let subject = Data("Báo cáo số \(number)/BC-STC về nội dung giải trình".utf8).base64EncodedString()
    return Data("""
        From: stc@dienbien.example.org\r
        To: vanphong@hdnd.example.org\r
        Subject: =?UTF-8?B?\(subject)?=\r
        Message-ID: <lab-\(number)@dienbien.example.org>\r
        Date: Thu, 7 May 2020 08:00:00 +0700\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: 8bit\r
        \r
        \(body)\r

        """.utf8)
}

func main() throws {
    let options = try LabOptions(Array(CommandLine.arguments.dropFirst()))
    let folder = options.directory!
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let server = try DovecotServer()
    defer { server.stop() }
    // Mail dondoc sends (receipts, reminders) lands in a second Dovecot: the agencies' side.
    let agencies = try DovecotServer()
    defer { agencies.stop() }
    let smtp = try SMTPServer(deliveringInto: agencies)
    defer { smtp.stop() }
    let formatter = ISO8601DateFormatter()
    if options.fixtures {
        for (fixture, received) in demoMail {
            try server.deliver(Fixtures.data(fixture), internalDate: formatter.date(from: received)!)
        }
    }
    let start = formatter.date(from: "2020-05-07T08:00:00+07:00")!
    for number in 0..<options.generate {
        try server.deliver(generatedMessage(number), internalDate: start.addingTimeInterval(Double(number)))
    }
    if let mail = options.mail {
        let names = try FileManager.default.contentsOfDirectory(atPath: mail.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        for (index, name) in names.enumerated() {
            let raw = try Data(contentsOf: mail.appendingPathComponent(name))
            try server.deliver(raw, internalDate: start.addingTimeInterval(Double(index * 60)))
        }
    }
    _ = try CampaignFileForTests.write(into: folder, server: server, smtp: smtp)
    try Data("\(server.url().absoluteString) \(smtp.url().absoluteString) \(smtp.directory.path)/messages\n".utf8)
        .write(to: folder.appendingPathComponent("ready"))

    // Serve until told to stop; the signal handlers only flip a flag we look at.
    signal(SIGTERM) { _ in stopRequested = 1 }
    signal(SIGINT) { _ in stopRequested = 1 }
    let parent = getppid()
    while stopRequested == 0, getppid() == parent {
        usleep(100_000)
    }
}

nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("dondoc-lab: \(error)\n".utf8))
    exit(70)
}
