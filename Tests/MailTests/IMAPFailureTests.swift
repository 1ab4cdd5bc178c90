import Foundation
import XCTest
@testable import Mail
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Each failure a person must act on differently comes back as its own `MailError`.
final class IMAPFailureTests: XCTestCase {
    func testWrongPasswordIsAuthenticationFailed() throws {
        let server = try DovecotServer()
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server, password: "wrong"))) { error in
            guard case .authenticationFailed(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains(server.username), text)
            XCTAssertFalse(text.contains("wrong"), "the message must not show the password: \(text)")
        }
        // No penalty afterwards: the right password works at once.
        let began = Date()
        XCTAssertNoThrow(try IMAPSession(endpoint: endpoint(server)).examine())
        XCTAssertLessThan(Date().timeIntervalSince(began), 1)
    }

    func testClosedPortIsCannotConnect() throws {
        let port = try LoopbackPort.free()
        let endpoint = IMAPEndpoint(url: URL(string: "imaps://127.0.0.1:\(port)/INBOX")!, username: "u", password: "p")
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint)) { error in
            guard case .cannotConnect(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("127.0.0.1:\(port)"), text)
            XCTAssertTrue((error as? MailError)?.isTemporary == true)
        }
    }

    func testUnknownHostIsCannotConnect() {
        let endpoint = IMAPEndpoint(url: URL(string: "imaps://no-such-host.invalid/INBOX")!, username: "u", password: "p")
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint)) { error in
            guard case .cannotConnect? = error as? MailError else { return XCTFail("got \(error)") }
        }
    }

    func testCertificateOfAPrivateCAIsNotTrustedWithoutCAFile() throws {
        let server = try DovecotServer()
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server, trust: .systemOnly))) { error in
            guard case .tlsFailed(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains("ca_file"), text)
        }
    }

    func testCertificateIsNotTrustedWithAnUnrelatedCA() throws {
        let server = try DovecotServer()
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint(server, trust: .file(server.unrelatedCAFile)))) { error in
            guard case .tlsFailed(let text)? = error as? MailError else { return XCTFail("got \(error)") }
            XCTAssertTrue(text.contains(server.unrelatedCAFile), text)
        }
    }

    func testPlainIMAPToANonLoopbackHostWithoutSTARTTLSIsRefusedBeforeLogin() throws {
        guard let address = nonLoopbackIPv4Address() else { throw XCTSkip("this machine has no non-loopback IPv4 address") }
        let server = try FakeIMAPServer(address: address, capabilities: "IMAP4rev1 AUTH=PLAIN")
        let endpoint = IMAPEndpoint(url: URL(string: "imap://\(address):\(server.port)/INBOX")!,
                                    username: "clerk", password: "hunter2", timeout: 5)
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint)) { error in
            guard case .insecureTransport? = error as? MailError else { return XCTFail("got \(error)") }
        }
        let heard = server.received()
        XCTAssertFalse(heard.contains("hunter2") || heard.uppercased().contains("LOGIN") || heard.uppercased().contains("AUTHENTICATE"),
                       "credentials went out in plain text: \(heard)")
    }

    func testSilentServerTimesOut() throws {
        let server = try FakeIMAPServer(address: "127.0.0.1", capabilities: nil)  // accepts, never speaks
        let endpoint = IMAPEndpoint(url: URL(string: "imaps://127.0.0.1:\(server.port)/INBOX")!,
                                    username: "u", password: "p", timeout: 1)
        let began = Date()
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint)) { error in
            guard case .timedOut? = error as? MailError else { return XCTFail("got \(error)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(began), 5)
    }

    func testURLThatIsNotIMAPIsInvalidEndpoint() {
        let endpoint = IMAPEndpoint(url: URL(string: "https://mail.example.org/INBOX")!, username: "u", password: "p")
        XCTAssertThrowsError(try IMAPSession(endpoint: endpoint)) { error in
            guard case .invalidEndpoint? = error as? MailError else { return XCTFail("got \(error)") }
        }
    }

    func testCallsOutOfOrderOrAfterLogoutAreRefused() throws {
        let server = try DovecotServer()
        let session = try IMAPSession(endpoint: endpoint(server))
        XCTAssertThrowsError(try session.searchUIDs(from: 1, since: nil))  // before examine()
        _ = try session.examine()
        session.logout()
        XCTAssertThrowsError(try session.fetch(uids: [1]) { _ in })
        session.logout()  // twice is harmless
    }
}

// MARK: A fake server for what Dovecot will not do

/// Listens on `address`; for the first connection, greets with `capabilities` and
/// answers CAPABILITY, refusing everything else. With nil capabilities it never
/// accepts, so a client's connect succeeds and then hears nothing.
final class FakeIMAPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var heard = ""

    init(address: String, capabilities: String?) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_addr.s_addr = inet_addr(address)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 4) == 0 else {
            close(listener)
            throw TestSupportError("cannot listen on \(address)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: socketAddress.sin_port)
        guard let capabilities else { return }
        Thread.detachNewThread { [self] in serve(capabilities) }
    }

    deinit { close(listener) }

    func received() -> String {
        lock.lock()
        defer { lock.unlock() }
        return heard
    }

    private func serve(_ capabilities: String) {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        func say(_ text: String) { _ = text.withCString { Glibc.send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        say("* OK [CAPABILITY \(capabilities)] fake server ready\r\n")
        var pending = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            lock.lock(); heard += text; lock.unlock()
            pending += text
            while let lineEnd = pending.range(of: "\r\n") {
                let line = pending[..<lineEnd.lowerBound]
                pending = String(pending[lineEnd.upperBound...])
                let tag = line.prefix { $0 != " " }
                if line.uppercased().hasSuffix(" CAPABILITY") {
                    say("* CAPABILITY \(capabilities)\r\n\(tag) OK done\r\n")
                } else {
                    say("\(tag) NO not here\r\n")
                }
            }
        }
    }
}

/// An IPv4 address of this machine that is not loopback, if it has one.
func nonLoopbackIPv4Address() -> String? {
    var interfaces: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&interfaces) == 0 else { return nil }
    defer { freeifaddrs(interfaces) }
    var current = interfaces
    while let interface = current {
        defer { current = interface.pointee.ifa_next }
        guard let address = interface.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
            var raw = ipv4.pointee.sin_addr
            _ = inet_ntop(AF_INET, &raw, &text, socklen_t(INET_ADDRSTRLEN))
        }
        let string = String(cString: text)
        if !string.hasPrefix("127.") { return string }
    }
    return nil
}
