import DonDoc
import Foundation

/// Fetches a password from where the campaign file says it lives. Secrets never come
/// from the campaign file itself and are never logged or stored.
enum Secrets {
    static func resolve(_ source: SecretSource, for what: String,
                        environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> String
    {
        switch source {
        case .file(let path):
            return try fromFile(path, for: what)
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw .secret("\(what) password: environment variable \(name) is not set; export it or use password_file")
            }
            return value
        case .command(let command):
            return try fromCommand(command, for: what)
        }
    }

    static func fromFile(_ path: String, for what: String) throws(ConfigError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .secret("\(what) password file \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        // A password anyone on the server can read is not a secret; refuse it the way
        // ssh refuses a readable private key, so the fix is made once, not never.
        // Group access counts too: the group of a file in /etc is rarely dondoc's alone,
        // and a password others may write is one they choose.
        if info.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH) != 0 {
            throw .secret("\(what) password file \(path) can be read or changed by other users; run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .secret("\(what) password file \(path) cannot be read as UTF-8 text")
        }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw .secret("\(what) password file \(path) is empty") }
        return password
    }

    static func fromCommand(_ command: String, for what: String) throws(ConfigError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .secret("\(what) password_command cannot start: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .secret("\(what) password_command exited with status \(process.terminationStatus)")
        }
        let password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw .secret("\(what) password_command printed nothing") }
        return password
    }
}
