import COpenSSL
import Documents
import Foundation

/// Whether a signature's certificate chains to a CA the campaign trusts (a PEM file, for
/// Vietnam typically the government CA's root and intermediates).
///
/// Only the chain is checked here; whether the signature matches the bytes is Poppler's
/// answer. So a document changed after signing still shows who signed it and whether that
/// signer was trusted.
enum SignatureTrust {
    /// nil when the check could not run (no usable PEM, a signature OpenSSL cannot parse, no
    /// signer certificate inside, libcrypto not there).
    static func chainsToTrusted(cms der: Data, trustedCAFile: String, at time: Date?) -> Bool? {
        // Opened on first use (COpenSSL.h says why).
        var error: UnsafePointer<CChar>?
        guard let ssl = dondoc_crypto_library_shared(&error)?.pointee else { return nil }
        guard let store = ssl.X509_STORE_new() else { return nil }
        defer {
            ssl.X509_STORE_free(store)
            ssl.ERR_clear_error()
        }
        guard ssl.X509_STORE_load_file(store, trustedCAFile) == 1 else { return nil }
        guard let cms = parse(der, ssl) else { return nil }
        defer { ssl.CMS_ContentInfo_free(cms) }
        guard let certificates = ssl.CMS_get1_certs(cms) else { return nil }
        defer { dondoc_x509_stack_free(certificates) }
        guard let signer = signerCertificate(cms, among: certificates, ssl) else { return nil }
        guard let context = ssl.X509_STORE_CTX_new() else { return nil }
        defer { ssl.X509_STORE_CTX_free(context) }
        // The certificates inside the signature may supply intermediates, never the root.
        guard ssl.X509_STORE_CTX_init(context, store, signer, certificates) == 1 else { return nil }
        // Judged when it was signed: a token's certificate expires long before the report does.
        if let time {
            ssl.X509_STORE_CTX_set_time(context, 0, time_t(time.timeIntervalSince1970))
        }
        return ssl.X509_verify_cert(context) == 1
    }

    private static func parse(_ der: Data, _ ssl: dondoc_crypto_library) -> OpaquePointer? {
        der.withUnsafeBytes { raw -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            guard cursor != nil else { return nil }
            return ssl.d2i_CMS_ContentInfo(nil, &cursor, raw.count)
        }
    }

    private static func signerCertificate(_ cms: OpaquePointer, among certificates: OpaquePointer,
                                          _ ssl: dondoc_crypto_library) -> OpaquePointer? {
        guard let signers = ssl.CMS_get0_SignerInfos(cms) else { return nil }
        for s in 0..<dondoc_signer_count(signers) {
            guard let info = dondoc_signer_at(signers, s) else { continue }
            for c in 0..<dondoc_x509_count(certificates) {
                if let certificate = dondoc_x509_at(certificates, c), ssl.CMS_SignerInfo_cert_cmp(info, certificate) == 0 {
                    return certificate
                }
            }
        }
        return nil
    }
}
