import Foundation
import Mail
import Store
import Configuration

/// Every way a dondoc command can fail, each mapped once to a sysexits.h status and a
/// one-line message that says what failed and what to check.
public enum JobError: Error, Sendable {
    case config(ConfigError)
    case mail(MailError)
    case store(StoreError)
    case alreadyRunning(lockPath: String)
    case lockUnavailable(path: String, reason: String)
    case usage(String)
    case dataError(String)
    /// An output file or folder cannot be made where it was asked for (73).
    case cannotCreate(String)

    /// sysexits.h: 64 usage, 65 data, 73 cannot create, 74 I/O, 75 temporary (cron
    /// retries), 76 protocol, 77 permission (authentication refused), 78 configuration.
    public var exitStatus: Int32 {
        switch self {
        case .config: 78
        case .usage: 64
        case .dataError: 65
        case .alreadyRunning: 75
        case .lockUnavailable, .cannotCreate: 73
        case .store(let error):
            switch error {
            case .busy: 75
            case .cannotOpen: 73
            case .noSuchMessage: 65
            case .failed, .diskFull: 74
            }
        case .mail(let error):
            switch error {
            case .authenticationFailed: 77
            // A certificate that is not trusted will not become trusted by retrying:
            // it is fixed in the configuration (ca_file), like plain text to a remote host.
            case .insecureTransport, .invalidEndpoint, .mailboxNotFound, .tlsFailed: 78
            case .protocolError: 76
            case .cannotConnect, .timedOut, .serverBusy: 75
            }
        }
    }

    /// The lines to print on stderr: one, except for a campaign file with several problems.
    public var lines: [String] {
        switch self {
        case .config(let error): error.lines
        case .mail(let error): [error.message]
        case .store(let error): [error.message]
        case .alreadyRunning(let lockPath):
            ["another dondoc run holds the lock \(lockPath); this run stops, the next cron run will go on"]
        case .lockUnavailable(let path, let reason):
            ["cannot create the lock file \(path): \(reason); check that the store's folder is writable"]
        case .usage(let text), .dataError(let text), .cannotCreate(let text): [text]
        }
    }
}
