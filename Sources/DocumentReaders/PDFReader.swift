import CPoppler
import CTesseract
import Documents
import Foundation

/// PDFs through poppler-glib: the text layer of the first two pages, or OCR of the first page
/// when there is no real text layer (a scan), plus the digital signatures.
enum PDFReader {
    /// Pages whose text is kept: the header and symbol are on the first, and a long summary
    /// line or the addressee sometimes spills onto the second.
    static let textPages = 2
    /// Fewer letters than this on page 1 is a scan with a stray mark or a scanner's stamp.
    static let minimumLetters = 40

    static func read(_ data: Data, trustedCAFile: String?, budget: ReadingBudget) -> DocumentReading {
        let document: OpaquePointer
        switch open(data) {
        case let .success(opened): document = opened
        case let .failure(failure): return .unreadable(failure.detail)
        }
        defer { dondoc_poppler_unref(UnsafeMutableRawPointer(document)) }
        let pageCount = Int(poppler_document_get_n_pages(document))
        let signatures = PDFSignatures.read(document, data: data, trustedCAFile: trustedCAFile)
        guard pageCount > 0 else {
            return DocumentReading(status: .unreadable, signatures: signatures, detail: "damaged PDF: no page could be read")
        }
        let pages = (0..<min(pageCount, textPages)).map { pageText(document, index: $0) }
        if ExtractedText.letterCount(pages[0]) >= minimumLetters {
            return DocumentReading(status: .read, method: "pdf-text", text: ExtractedText.tidy(pages.joined(separator: "\n")),
                                   pageCount: pageCount, signatures: signatures)
        }
        var reading = ocrFirstPage(document, budget: budget)
        reading.pageCount = pageCount
        reading.signatures = signatures
        return reading
    }

    /// The document, or why Poppler refused it. The bytes are copied into GLib's keeping, so
    /// nothing Poppler holds points into Swift memory.
    private static func open(_ data: Data) -> Result<OpaquePointer, PDFFailure> {
        let bytes = data.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            defer { if let error { g_error_free(error) } }
            if let error, error.pointee.domain == poppler_error_quark(),
               error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                return .failure(PDFFailure("encrypted PDF: it needs a password to open"))
            }
            let reason = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "Poppler could not open it"
            return .failure(PDFFailure("damaged PDF: \(reason)"))
        }
        return .success(document)
    }

    private static func pageText(_ document: OpaquePointer, index: Int) -> String {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return "" }
        defer { dondoc_poppler_unref(UnsafeMutableRawPointer(page)) }
        guard let raw = poppler_page_get_text(page) else { return "" }
        defer { g_free(raw) }
        return String(cString: raw)
    }

    /// Page 1 drawn at 300 dpi (less for an oversized page) on white, then Tesseract.
    private static func ocrFirstPage(_ document: OpaquePointer, budget: ReadingBudget) -> DocumentReading {
        let tesseract: dondoc_ocr_library
        switch OCR.library() {
        case let .success(library): tesseract = library
        case let .failure(failure): return .unreadable(failure.detail, method: "ocr-pdf")
        }
        guard let page = poppler_document_get_page(document, 0) else { return .unreadable("damaged PDF: page 1 cannot be drawn") }
        defer { dondoc_poppler_unref(UnsafeMutableRawPointer(page)) }
        var widthPoints = 0.0, heightPoints = 0.0
        poppler_page_get_size(page, &widthPoints, &heightPoints)
        guard widthPoints >= 1, heightPoints >= 1, widthPoints.isFinite, heightPoints.isFinite else {
            return .unreadable("damaged PDF: page 1 has no size", method: "ocr-pdf")
        }
        // 300 dpi, but never more than an A3 page's worth of pixels at that resolution.
        let maxPixels = 17_500_000.0
        var scale = 300.0 / 72.0
        scale = min(scale, (maxPixels / (widthPoints * heightPoints)).squareRoot())
        let width = Int((widthPoints * scale).rounded(.up)), height = Int((heightPoints * scale).rounded(.up))
        guard width > 0, height > 0, width < 32_000, height < 32_000 else {
            return .unreadable("damaged PDF: page 1 is \(Int(widthPoints))×\(Int(heightPoints)) points", method: "ocr-pdf")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return .unreadable("out of memory drawing page 1", method: "ocr-pdf")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            return .unreadable("out of memory drawing page 1", method: "ocr-pdf")
        }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        // The printing variant leaves out what is only for the screen (form highlights, popups).
        poppler_page_render_for_printing(page, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard let pixels = cairo_image_surface_get_data(surface) else {
            return .unreadable("page 1 could not be drawn", method: "ocr-pdf")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let dpi = Int((scale * 72).rounded())
        switch OCR.recognize(pixels: pixels, width: width, height: height, bytesPerLine: stride, dpi: dpi,
                             library: tesseract, budget: budget) {
        case let .success(text):
            return DocumentReading(status: .read, method: "ocr-pdf", text: ExtractedText.tidy(text))
        case let .failure(failure):
            return .unreadable(failure.detail, method: "ocr-pdf")
        }
    }
}

struct PDFFailure: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}
