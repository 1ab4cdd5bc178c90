@testable import DocumentReaders
import Documents
import XCTest

final class SignatureTests: XCTestCase {
    private func read(_ name: String, trustedCA: String?) -> DocumentReading {
        DocumentReader.read(DocumentFixtures.data(name), fileName: name, mediaType: "application/pdf", trustedCAFile: trustedCA)
    }

    func testSignedPDFNamesTheSignerAndIsValidOverTheWholeFile() throws {
        let reading = read("signed-stnmt.pdf", trustedCA: nil)
        XCTAssertEqual(reading.status, .read)
        XCTAssertTrue(reading.text.contains("45/BC-STNMT"))
        let signature = try XCTUnwrap(reading.signatures.first)
        XCTAssertEqual(reading.signatures.count, 1)
        XCTAssertEqual(signature.signerName, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN")
        XCTAssertEqual(signature.status, "valid")
        XCTAssertEqual(signature.coversWholeDocument, true)
        XCTAssertNotNil(signature.signingTime)
        XCTAssertNil(signature.certificateTrusted, "no trust file given")
    }

    func testCertificateIsTrustedAgainstTheCampaignCAAndNotAgainstAnother() throws {
        let trusted = try XCTUnwrap(read("signed-stnmt.pdf", trustedCA: DocumentFixtures.testCA).signatures.first)
        XCTAssertEqual(trusted.certificateTrusted, true)
        let other = try XCTUnwrap(read("signed-stnmt.pdf", trustedCA: DocumentFixtures.otherCA).signatures.first)
        XCTAssertEqual(other.certificateTrusted, false)
    }

    func testTrustCheckThatCannotRunIsNil() throws {
        let missing = try XCTUnwrap(read("signed-stnmt.pdf", trustedCA: "/nonexistent/ca.pem").signatures.first)
        XCTAssertNil(missing.certificateTrusted)
        XCTAssertEqual(missing.status, "valid")
    }

    func testUpdateAfterSigningLeavesTheSignatureValidButNotCoveringTheFile() throws {
        let reading = read("signed-then-modified.pdf", trustedCA: DocumentFixtures.testCA)
        let signature = try XCTUnwrap(reading.signatures.first)
        XCTAssertEqual(signature.coversWholeDocument, false)
        XCTAssertEqual(signature.signerName, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH ĐIỆN BIÊN")
        // What a reader now sees is the changed page.
        XCTAssertTrue(reading.text.contains("99/BC-STNMT"), reading.text)
    }

    func testByteChangedInsideTheSignedRangeIsADigestMismatch() throws {
        let signature = try XCTUnwrap(read("signed-tampered.pdf", trustedCA: DocumentFixtures.testCA).signatures.first)
        XCTAssertEqual(signature.status, "digest_mismatch")
        XCTAssertEqual(signature.coversWholeDocument, true)
        // Who signed is still known, and still trusted: only the bytes changed.
        XCTAssertEqual(signature.certificateTrusted, true)
    }

    func testBytesAppendedAfterSigningAreSeen() throws {
        var data = DocumentFixtures.data("signed-stnmt.pdf")
        data.append(Data("\n% appended by someone\n".utf8))
        let reading = DocumentReader.read(data, fileName: nil, mediaType: "application/pdf", trustedCAFile: nil)
        XCTAssertEqual(try XCTUnwrap(reading.signatures.first).coversWholeDocument, false)
    }

    func testUnsignedPDFHasNoSignatures() {
        XCTAssertEqual(read("report-stc-text-layer.pdf", trustedCA: DocumentFixtures.testCA).signatures, [])
    }
}
