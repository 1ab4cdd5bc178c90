import CTesseract
import Documents
import Foundation

/// Photos and scans sent as images: decoded by Leptonica, turned upright as the phone said,
/// shrunk to a size Tesseract reads well, then OCR'd.
enum ImageReader {
    /// Past this on the longer side, OCR is slower and no better: 3000 px is a page at ~250 dpi.
    static let maxSide = 3000
    /// Refused before decoding: a header claiming more is a decompression bomb, not a page.
    static let maxPixels = 80_000_000

    static func read(_ data: Data, budget: ReadingBudget) -> DocumentReading {
        // Leptonica comes with Tesseract: without it an image cannot even be decoded.
        switch OCR.library() {
        case let .success(library): return read(data, library: library, budget: budget)
        case let .failure(failure): return .unreadable(failure.detail, method: "ocr-image")
        }
    }

    private static func read(_ data: Data, library lept: dondoc_ocr_library, budget: ReadingBudget) -> DocumentReading {
        data.withUnsafeBytes { bytes -> DocumentReading in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
                return .unreadable("empty image")
            }
            var format: Int32 = 0, width: Int32 = 0, height: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, colormap: Int32 = 0
            guard lept.pixReadHeaderMem(base, bytes.count, &format, &width, &height, &bps, &spp, &colormap) == 0 else {
                return .unreadable("not an image Leptonica can decode")
            }
            guard width > 0, height > 0, Int(width) * Int(height) <= maxPixels else {
                return .unreadable("image of \(width)×\(height) pixels is too large to read")
            }
            guard let decoded = lept.pixReadMem(base, bytes.count) else {
                return .unreadable("damaged image")
            }
            let pix = prepared(decoded, orientation: ExifOrientation.read(data), library: lept)
            defer { lept.destroy(pix) }
            switch OCR.recognize(pix: pix, dpi: nil, library: lept, budget: budget) {
            case let .success(text):
                return DocumentReading(status: .read, method: "ocr-image", text: ExtractedText.tidy(text), pageCount: 1)
            case let .failure(failure):
                return .unreadable(failure.detail, method: "ocr-image")
            }
        }
    }

    /// Upright, grey or colour (never 1-bit, which scales badly), longer side at most `maxSide`.
    /// Consumes `pix`.
    private static func prepared(_ pix: OpaquePointer, orientation: Int, library lept: dondoc_ocr_library) -> OpaquePointer {
        var current = pix
        func replace(_ next: OpaquePointer?) {
            guard let next, next != current else { return }
            lept.destroy(current)
            current = next
        }
        switch orientation {
        case 2: replace(lept.pixFlipLR(nil, current))
        case 3: replace(lept.pixRotateOrth(current, 2))
        case 4: replace(lept.pixFlipTB(nil, current))
        case 5: replace(lept.pixRotateOrth(current, 1)); replace(lept.pixFlipLR(nil, current))
        case 6: replace(lept.pixRotateOrth(current, 1))
        case 7: replace(lept.pixRotateOrth(current, 1)); replace(lept.pixFlipTB(nil, current))
        case 8: replace(lept.pixRotateOrth(current, 3))
        default: break
        }
        if lept.pixGetDepth(current) < 8 || lept.pixGetColormap(current) != nil {
            replace(lept.pixConvertTo8(current, 0))
        }
        let longer = max(lept.pixGetWidth(current), lept.pixGetHeight(current))
        if longer > maxSide {
            let factor = Float(maxSide) / Float(longer)
            replace(lept.pixScale(current, factor, factor))
        }
        return current
    }
}
