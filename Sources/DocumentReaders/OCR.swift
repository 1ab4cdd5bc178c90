import CTesseract
import Documents
import Foundation

/// Tesseract with Debian's Vietnamese model, for scans and photos.
enum OCR {
    /// Debian's tesseract-ocr-vie puts the model here; Tesseract's compiled-in default is the
    /// same, so this is only tried when TESSDATA_PREFIX points somewhere without it.
    static let debianTessdata = "/usr/share/tesseract-ocr/5/tessdata"

    enum Failure: Error {
        case noModel
        case noText
        case outOfTime
    }

    /// Reads a 32-bit page as Cairo draws it (one unused or alpha byte per pixel: Tesseract
    /// takes it as RGBA, and the channel order does not matter for black on white).
    static func recognize(pixels: UnsafePointer<UInt8>, width: Int, height: Int, bytesPerLine: Int,
                          dpi: Int, budget: ReadingBudget) -> Result<String, Failure> {
        withEngine(budget: budget) { api in
            TessBaseAPISetImage(api, pixels, Int32(width), Int32(height), 4, Int32(bytesPerLine))
            TessBaseAPISetSourceResolution(api, Int32(dpi))
        }
    }

    /// Reads a Leptonica image (already upright and at a workable size).
    static func recognize(pix: UnsafeMutablePointer<PIX>, dpi: Int?, budget: ReadingBudget) -> Result<String, Failure> {
        withEngine(budget: budget) { api in
            TessBaseAPISetImage2(api, pix)
            // A photo's own resolution is meaningless; Tesseract estimates it from the text.
            if let dpi { TessBaseAPISetSourceResolution(api, Int32(dpi)) }
        }
    }

    private static func withEngine(budget: ReadingBudget, setImage: (OpaquePointer) -> Void) -> Result<String, Failure> {
        guard !budget.exhausted else { return .failure(.outOfTime) }
        guard let api = TessBaseAPICreate() else { return .failure(.noModel) }
        defer { TessBaseAPIDelete(api) }
        guard TessBaseAPIInit3(api, nil, "vie") == 0 || TessBaseAPIInit3(api, debianTessdata, "vie") == 0 else {
            return .failure(.noModel)
        }
        // Tesseract's own chatter ("Estimating resolution…") belongs nowhere.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        setImage(api)
        guard let monitor = TessMonitorCreate() else { return .failure(.noModel) }
        defer { TessMonitorDelete(monitor) }
        // Recognition stops itself at the budget's end and keeps what it has read so far.
        TessMonitorSetDeadlineMSecs(monitor, Int32(max(1000, min(Double(Int32.max), budget.remaining * 1000))))
        _ = TessBaseAPIRecognize(api, monitor)
        guard let raw = TessBaseAPIGetUTF8Text(api) else { return .failure(.noText) }
        defer { TessDeleteText(raw) }
        let text = String(cString: raw)
        if ExtractedText.letterCount(text) == 0 {
            return .failure(budget.exhausted ? .outOfTime : .noText)
        }
        return .success(text)
    }
}

extension OCR.Failure {
    var detail: String {
        switch self {
        case .noModel: return "Tesseract could not load its Vietnamese model (install tesseract-ocr-vie)"
        case .noText: return "OCR found no text on the page"
        case .outOfTime: return "no time was left to OCR the page"
        }
    }
}
