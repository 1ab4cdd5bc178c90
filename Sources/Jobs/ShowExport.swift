import DonDoc
import Foundation
import Mail
import Store
#if canImport(Glibc)
import Glibc
import Reports
#endif

/// `dondoc show` and `dondoc export`: a message as a clerk needs to see it, and the
/// documents as files.
public struct MessageFiles {
    public let campaign: Campaign

    public init(campaign: Campaign) { self.campaign = campaign }

    func openStore() throws(JobError) -> MessageStore {
        do { return try MessageStore(path: campaign.storePath) } catch { throw .store(error) }
    }

    /// Headers, the decision and its reasons, and the attachments of one message.
    public func show(_ key: String) throws(JobError) -> String {
        let store = try openStore()
        do {
            let message = try store.findMessage(key)
            let attribution = try store.attribution(of: message.id)
            let attachments = try store.attachmentSummaries(of: message.id)
            let time = Timestamps(zone: campaign.timeZone)
            var lines = ["#\(message.id)"]
            func field(_ name: String, _ value: String?) {
                // Everything here may come from mail: no escape sequence reaches the terminal.
                if let value, !value.isEmpty {
                    lines.append("\(name.padding(toLength: 12, withPad: " ", startingAt: 0))\(TerminalText.clean(value))")
                }
            }
            let from = [message.fromName, message.fromAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            field("From:", from)
            field("Subject:", message.subject)
            field("Date:", message.dateHeader.map(time.iso))
            field("Received:", time.iso(message.receivedAt))
            field("Message-ID:", message.messageID)
            field("Size:", "\(message.size) bytes, sha256 \(message.sha256)")
            if message.parseStatus != .parsed { field("Parsing:", [message.parseStatus.rawValue, message.parseError].compactMap { $0 }.joined(separator: ": ")) }
            if let attribution {
                let agency = attribution.agencyID.map { id in "\(id) (\(campaign.agency(id: id)?.name ?? "?"))" } ?? "-"
                field("Kind:", attribution.kind)
                field("Agency:", agency)
                field("Decided:", "by \(attribution.decidedBy) at \(time.iso(attribution.decidedAt))")
                if !attribution.candidates.isEmpty { field("Candidates:", attribution.candidates.joined(separator: ", ")) }
                lines.append("Reasons:")
                lines += attribution.reasons.map { "  - \(TerminalText.clean($0))" }
            }
            lines.append(attachments.isEmpty ? "Attachments: none" : "Attachments:")
            let readings = try store.documentReadings(sha256: attachments.map(\.sha256))
            for (index, attachment) in attachments.enumerated() {
                lines.append("  \(index + 1). \(TerminalText.clean(attachment.fileName ?? "(no name)"))  "
                    + "\(TerminalText.clean(attachment.mediaType))  \(attachment.size) bytes  sha256 \(attachment.sha256)")
                if let damage = attachment.damage {
                    lines.append("     DAMAGED: " + (MIMEContentDamage(rawValue: damage)?.explanation ?? damage))
                }
                if let reading = readings[attachment.sha256].flatMap(DocumentIntake.decode) {
                    lines += DocumentLines.describe(reading, time: time).map { "     " + TerminalText.clean($0) }
                }
            }
            return lines.joined(separator: "\n")
        } catch {
            throw .store(error)
        }
    }

    /// Writes the documents of a message, or of every submission of an agency, into
    /// `folder`. Names come from mail and cannot be trusted: each is reduced to a plain
    /// file name that cannot leave the folder, and nothing existing is overwritten.
    public func export(_ target: String, to folder: String) throws(JobError) -> [String] {
        let store = try openStore()
        let messages: [(id: Int64, prefix: String)]
        do {
            if let agency = campaign.agency(id: target) {
                messages = try store.submissions().filter { $0.attribution.agencyID == agency.id }
                    .map { ($0.message.id, "\($0.message.id)-") }
            } else {
                messages = [(try store.findMessage(target).id, "")]
            }
        } catch {
            throw .store(error)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate("cannot create \(folder): \(error.localizedDescription)")
        }
        let directory = try Self.openFolder(folder)
        defer { close(directory) }
        var written: [String] = []
        for (id, prefix) in messages {
            let attachments: [StoredAttachment]
            do { attachments = try store.attachments(of: id).filter { !$0.isInline } } catch { throw .store(error) }
            for (index, attachment) in attachments.enumerated() {
                let name = prefix + Self.safeFileName(attachment.fileName, fallback: "tep-\(id)-\(index + 1)")
                written.append(try Self.writeNew(attachment.content, named: name, in: directory, shownAs: folder))
            }
        }
        return written
    }

    /// A name with no folder part, no control characters, not hidden, not "." or "..",
    /// at most 200 bytes.
    static func safeFileName(_ raw: String?, fallback: String) -> String {
        let last = raw?.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(String.UnicodeScalarView(last.unicodeScalars.filter {
            !CharacterSet.controlCharacters.contains($0) && $0 != ":"
        })).trimmingCharacters(in: .whitespaces)
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty { name = fallback }
        while name.utf8.count > 200 { name.removeFirst() }
        return name.precomposedStringWithCanonicalMapping
    }

    /// The export folder, opened once, refusing a symbolic link: the files of a whole
    /// campaign must not land wherever a link someone planted (in /tmp, say) points.
    /// Every file is then created relative to this descriptor, so swapping the folder for
    /// a link after the check changes nothing.
    static func openFolder(_ folder: String) throws(JobError) -> Int32 {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP || errno == ENOTDIR {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: folder)).map { " (to \($0))" } ?? ""
                throw .cannotCreate("export folder \(folder) is a symbolic link\(target); give the folder itself, so that you see where the files go")
            }
            throw .cannotCreate("cannot open \(folder): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Creates the file exclusively (O_EXCL, O_NOFOLLOW): an existing file or a planted
    /// link is never written through; a taken name gets " (2)", " (3)" ….
    static func writeNew(_ data: Data, named name: String, in directory: Int32, shownAs folder: String) throws(JobError) -> String {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? name : "\(base) (\(attempt))" + (ext.isEmpty ? "" : ".\(ext)")
            let path = (folder as NSString).appendingPathComponent(candidate)
            let fd = openat(directory, candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw .dataError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            let ok = data.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            guard ok else { throw .dataError("cannot write \(path): \(String(cString: strerror(errno)))") }
            return path
        }
        throw .dataError("too many files named \(name) in \(folder)")
    }
}
