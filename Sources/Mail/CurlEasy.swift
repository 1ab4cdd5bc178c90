import CCurl
import Foundation

/// One libcurl easy handle as both mail protocols use it: options set and checked in one
/// way, the error buffer that makes curl's failures say something, and the settings that
/// keep a password and the mail safe set in one place for IMAP and SMTP alike.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(MailError) {
        CurlGlobal.initialize()
        guard let handle = curl_easy_init() else {
            throw .protocolError("libcurl could not create a handle (out of memory?)")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
            // Threads and signals do not mix: timeouts without SIGALRM.
            try set(CURLOPT_NOSIGNAL, 1)
        } catch {
            curl_easy_cleanup(handle)
            errorBuffer.deallocate()
            throw error
        }
    }

    /// Says goodbye on any open connection (`QUIT`, `LOGOUT`) and frees the handle.
    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Certificates always verified; `caFile` adds a CA, `pinnedPublicKey` accepts only
    /// that key (on top of the chain check); STARTTLS required unless the host is loopback.
    func secure(caFile: String?, pinnedPublicKey: String?, implicitTLS: Bool, hostIsLoopback: Bool) throws(MailError) {
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        // Replaces only the CA *file*; libcurl's compiled-in CA directory (/etc/ssl/certs
        // on Debian) stays trusted, so this adds a CA.
        if let caFile { try set(CURLOPT_CAINFO, caFile) }
        if let pinnedPublicKey { try set(CURLOPT_PINNEDPUBLICKEY, pinnedPublicKey) }
        if !implicitTLS {
            // On loopback STARTTLS is used when offered (and then verified), skipped when
            // not; curl checks for it before any credential is sent.
            let mode = hostIsLoopback ? CURLUSESSL_TRY : CURLUSESSL_ALL
            try set(CURLOPT_USE_SSL, Int(mode.rawValue))
        }
    }

    /// The login: a password, or for providers that refuse passwords an OAuth 2.0 token
    /// (libcurl then uses XOAUTH2 or OAUTHBEARER, whichever the server offers).
    func logIn(username: String, password: String?, bearerToken: String?) throws(MailError) {
        try set(CURLOPT_USERNAME, username)
        if let bearerToken {
            try set(CURLOPT_XOAUTH2_BEARER, bearerToken)
        } else {
            try set(CURLOPT_PASSWORD, password ?? "")
        }
    }

    /// What curl said about its last failure, for the one-line error.
    func reason(for code: CURLcode) -> String {
        CurlFailure.reason(for: code, errorBuffer: errorBuffer)
    }

    /// Forgets the last failure's text before a new transfer.
    func clearReason() { errorBuffer[0] = 0 }

    func set(_ option: CURLoption, _ value: Int) throws(MailError) {
        try check(dondoc_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(MailError) {
        // curl copies string options, so the temporary C string may go away afterwards.
        try check(value.withCString { dondoc_curl_setopt_string(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) throws(MailError) {
        try check(dondoc_curl_setopt_pointer(handle, option, value), option)
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(MailError) {
        guard code == CURLE_OK else {
            throw .protocolError("libcurl refused option \(option.rawValue): \(CurlFailure.describe(code)); is libcurl 7.85 or newer installed?")
        }
    }
}
