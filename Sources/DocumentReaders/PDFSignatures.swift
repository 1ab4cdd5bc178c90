import CPoppler
import Documents
import Foundation

/// The digital signatures of a PDF, as the USB tokens of Vietnamese agencies make them:
/// who signed and when (Poppler, through NSS), whether the signed bytes still match (Poppler),
/// whether anything was added after them (the /ByteRange against the file's length), and
/// whether the certificate chains to the campaign's CA (OpenSSL).
enum PDFSignatures {
    static func read(_ document: OpaquePointer, data: Data, trustedCAFile: String?) -> [DocumentSignature] {
        guard poppler_document_get_n_signatures(document) > 0,
              let list = poppler_document_get_signature_fields(document) else { return [] }
        defer { g_list_free_full(list) { dondoc_poppler_unref($0) } }
        var fields: [OpaquePointer] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let field = current.pointee.data { fields.append(OpaquePointer(field)) }
            node = current.pointee.next
        }
        // Poppler does not say which /ByteRange is whose. Fields come in the form's order and
        // signatures are appended one incremental update at a time, so the two orders agree
        // in every file seen; when the counts differ, no range is attributed at all.
        let ranges = ByteRange.all(in: data)
        let attributable = ranges.count == fields.count
        return fields.enumerated().map { index, field in
            var signature = validate(field)
            if attributable {
                let range = ranges[index]
                signature.coversWholeDocument = range.coversWhole(data)
                if let trustedCAFile, let contents = range.signatureContents(in: data) {
                    signature.certificateTrusted = SignatureTrust.chainsToTrusted(
                        cms: contents, trustedCAFile: trustedCAFile, at: signature.signingTime)
                }
            }
            return signature
        }
    }

    private static func validate(_ field: OpaquePointer) -> DocumentSignature {
        // Certificate checks are left to OpenSSL against the campaign's own CA: NSS would
        // consult its database and, with some flags, the network.
        let flags = PopplerSignatureValidationFlags(rawValue: 0)
        var error: UnsafeMutablePointer<GError>?
        guard let info = poppler_form_field_signature_validate_sync(field, flags, nil, &error) else {
            if let error { g_error_free(error) }
            return DocumentSignature(status: "generic_error")
        }
        defer { poppler_signature_info_free(info) }
        let name = poppler_signature_info_get_signer_name(info).map { ExtractedText.nfc(String(cString: $0)) }
        let time = poppler_signature_info_get_local_signing_time(info).map {
            Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix($0)))
        }
        return DocumentSignature(signerName: name.flatMap { $0.isEmpty ? nil : $0 }, signingTime: time,
                                 status: status(poppler_signature_info_get_signature_status(info)))
    }

    private static func status(_ status: PopplerSignatureStatus) -> String {
        switch status {
        case POPPLER_SIGNATURE_VALID: return "valid"
        case POPPLER_SIGNATURE_INVALID: return "invalid"
        case POPPLER_SIGNATURE_DIGEST_MISMATCH: return "digest_mismatch"
        case POPPLER_SIGNATURE_DECODING_ERROR: return "decoding_error"
        case POPPLER_SIGNATURE_NOT_VERIFIED: return "not_verified"
        default: return "generic_error"
        }
    }
}
