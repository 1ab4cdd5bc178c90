import Foundation

/// A throwaway certificate authority and a server certificate it signed for `localhost`
/// and `127.0.0.1`, plus a second, unrelated CA for "untrusted certificate" tests.
/// Made once per test process with the `openssl` command (EC P-256: fast to generate).
public struct TestCertificates: Sendable {
    /// PEM of the CA that signed the server certificate: what `ca_file` should name.
    public var caFile: String
    /// PEM of a CA that signed nothing the test servers use.
    public var unrelatedCAFile: String
    public var serverCertificateFile: String
    public var serverKeyFile: String

    /// The certificates shared by every test server of this process.
    public static func shared() throws -> TestCertificates {
        try generated.get()
    }

    private static let generated: Result<TestCertificates, TestSupportError> = {
        do {
            return .success(try generate())
        } catch let error as TestSupportError {
            return .failure(error)
        } catch {
            return .failure(TestSupportError("\(error)"))
        }
    }()

    /// Kept between test runs (a CA takes ~50 ms to make, and leftovers pile up in /tmp);
    /// the version in the name changes whenever the files made here change.
    private static let cacheDirectory = URL(fileURLWithPath: "/tmp/dondoc-test-tls-v1-\(getuid())", isDirectory: true)

    private static func generate() throws -> TestCertificates {
        let cached = files(in: cacheDirectory)
        // The folder appears by one rename, complete, or not at all.
        if FileManager.default.fileExists(atPath: cached.serverCertificateFile) { return cached }
        let directory = try makeTemporaryDirectory(prefix: "dondoc-tls")
        try write(into: directory)
        // Another test process may have won the race; then use its files.
        if rename(directory.path, cacheDirectory.path) != 0 {
            try? FileManager.default.removeItem(at: directory)
        }
        return cached
    }

    private static func files(in directory: URL) -> TestCertificates {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        return TestCertificates(caFile: path("ca.pem"), unrelatedCAFile: path("unrelated-ca.pem"),
                                serverCertificateFile: path("server.pem"), serverKeyFile: path("server.key"))
    }

    private static func write(into directory: URL) throws {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        let caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]

        try openssl(["req", "-x509"] + curve + ["-keyout", path("ca.key"), "-out", path("ca.pem"),
                     "-days", "3650", "-subj", "/CN=dondoc test CA"] + caExtensions)
        try openssl(["req", "-x509"] + curve + ["-keyout", path("unrelated-ca.key"), "-out", path("unrelated-ca.pem"),
                     "-days", "3650", "-subj", "/CN=dondoc unrelated CA"] + caExtensions)
        try openssl(["req", "-new"] + curve + ["-keyout", path("server.key"), "-out", path("server.csr"),
                     "-subj", "/CN=localhost"])
        let serverExtensions = """
            subjectAltName=DNS:localhost,IP:127.0.0.1
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth

            """
        try serverExtensions.write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                     "-CAcreateserial", "-out", path("server.pem"), "-days", "3650", "-extfile", path("server.ext")])
    }

    private static func openssl(_ arguments: [String]) throws {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSupportError("openssl is not installed (apt-get install openssl)")
        }
        try runTool(executable, arguments)
    }
}

/// A new, empty, world-traversable folder under /tmp with a short path (Dovecot puts
/// Unix sockets in it, and their paths are limited to 108 bytes).
public func makeTemporaryDirectory(prefix: String) throws -> URL {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else {
        throw TestSupportError("mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    let path = String(cString: created)
    // mkdtemp makes it 0700; the mail user Dovecot switches to must be able to pass.
    chmod(path, 0o755)
    return URL(fileURLWithPath: path, isDirectory: true)
}
