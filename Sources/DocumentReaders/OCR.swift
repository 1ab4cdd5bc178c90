import CTesseract
import Documents
import Foundation

/// Tesseract with Debian's Vietnamese model, for scans and photos.
enum OCR {
    /// Debian's tesseract-ocr-vie puts the model here; Tesseract's compiled-in default is the
    /// same, so this is only tried when TESSDATA_PREFIX points somewhere without it.
    static let debianTessdata = "/usr/share/tesseract-ocr/5/tessdata"

    /// The library OCR opens. Only tests change it, to prove that a machine without Tesseract
    /// still reads text PDFs and says why a scan was not read.
    @TaskLocal static var libraryName = DONDOC_TESSERACT_SONAME

    enum Failure: Error {
        case notInstalled(String)
        case noModel
        case noText
        case outOfTime
    }

    /// Tesseract and Leptonica, opened on first use (CTesseract.h says why they are not linked).
    static func library() -> Result<dondoc_ocr_library, Failure> {
        if libraryName == DONDOC_TESSERACT_SONAME {
            var error: UnsafePointer<CChar>?
            guard let shared = dondoc_ocr_library_shared(&error) else {
                return .failure(.notInstalled(error.map { String(cString: $0) } ?? libraryName))
            }
            return .success(shared.pointee)
        }
        var error = [CChar](repeating: 0, count: 512)
        guard let opened = dondoc_ocr_library_open(libraryName, &error, error.count) else {
            return .failure(.notInstalled(String(decoding: error.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)))
        }
        return .success(opened.pointee)
    }

    /// Reads a 32-bit page as Cairo draws it (one unused or alpha byte per pixel: Tesseract
    /// takes it as RGBA, and the channel order does not matter for black on white).
    static func recognize(pixels: UnsafePointer<UInt8>, width: Int, height: Int, bytesPerLine: Int,
                          dpi: Int, library tess: dondoc_ocr_library, budget: ReadingBudget) -> Result<String, Failure> {
        withEngine(tess, budget: budget) { api in
            tess.TessBaseAPISetImage(api, pixels, Int32(width), Int32(height), 4, Int32(bytesPerLine))
            tess.TessBaseAPISetSourceResolution(api, Int32(dpi))
        }
    }

    /// Reads a Leptonica image (already upright and at a workable size) with the library that
    /// decoded it.
    static func recognize(pix: OpaquePointer, dpi: Int?, library tess: dondoc_ocr_library,
                          budget: ReadingBudget) -> Result<String, Failure> {
        withEngine(tess, budget: budget) { api in
            tess.TessBaseAPISetImage2(api, pix)
            // A photo's own resolution is meaningless; Tesseract estimates it from the text.
            if let dpi { tess.TessBaseAPISetSourceResolution(api, Int32(dpi)) }
        }
    }

    private static func withEngine(_ tess: dondoc_ocr_library, budget: ReadingBudget,
                                   setImage: (OpaquePointer) -> Void) -> Result<String, Failure> {
        guard !budget.exhausted else { return .failure(.outOfTime) }
        guard let api = tess.TessBaseAPICreate() else { return .failure(.noModel) }
        defer { tess.TessBaseAPIDelete(api) }
        guard tess.TessBaseAPIInit3(api, nil, "vie") == 0 || tess.TessBaseAPIInit3(api, debianTessdata, "vie") == 0 else {
            return .failure(.noModel)
        }
        // Tesseract's own chatter ("Estimating resolution…") belongs nowhere.
        _ = tess.TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        tess.TessBaseAPISetPageSegMode(api, DONDOC_PSM_AUTO)
        setImage(api)
        guard let monitor = tess.TessMonitorCreate() else { return .failure(.noModel) }
        defer { tess.TessMonitorDelete(monitor) }
        // Recognition stops itself at the budget's end and keeps what it has read so far.
        tess.TessMonitorSetDeadlineMSecs(monitor, Int32(max(1000, min(Double(Int32.max), budget.remaining * 1000))))
        _ = tess.TessBaseAPIRecognize(api, monitor)
        guard let raw = tess.TessBaseAPIGetUTF8Text(api) else { return .failure(.noText) }
        defer { tess.TessDeleteText(raw) }
        let text = String(cString: raw)
        if ExtractedText.letterCount(text) == 0 {
            return .failure(budget.exhausted ? .outOfTime : .noText)
        }
        return .success(text)
    }
}

extension dondoc_ocr_library {
    /// Leptonica's destructor takes the caller's variable, to clear it.
    func destroy(_ pix: OpaquePointer) {
        var pix: OpaquePointer? = pix
        pixDestroy(&pix)
    }
}

extension OCR.Failure {
    var detail: String {
        switch self {
        case let .notInstalled(reason):
            return "Tesseract could not be loaded (\(reason)); install libtesseract5 to read scans and photos"
        case .noModel: return "Tesseract could not load its Vietnamese model (install tesseract-ocr-vie)"
        case .noText: return "OCR found no text on the page"
        case .outOfTime: return "no time was left to OCR the page"
        }
    }
}
