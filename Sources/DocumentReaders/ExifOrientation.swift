import Documents
import Foundation

/// The EXIF orientation tag of a JPEG (1 to 8; 1 when absent or unreadable).
///
/// Phones store the sensor's pixels as they come and say in this tag how to turn them; a
/// page photographed upright is usually stored sideways (6). Leptonica ignores the tag, and
/// Tesseract reads sideways text as noise, so dondoc applies it first.
enum ExifOrientation {
    static func read(_ data: Data) -> Int {
        let bytes = [UInt8](data.prefix(256 * 1024))
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return 1 }
        var index = 2
        // Walk the markers up to the image data; APP1 "Exif" holds the TIFF structure.
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xDA || marker == 0xD9 { return 1 }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2 else { return 1 }
            let body = index + 4
            if marker == 0xE1, body + 6 <= bytes.count, Array(bytes[body..<(body + 6)]) == Array("Exif\0\0".utf8) {
                return orientation(inTIFF: bytes, at: body + 6, end: min(bytes.count, index + 2 + length))
            }
            index += 2 + length
        }
        return 1
    }

    private static func orientation(inTIFF bytes: [UInt8], at start: Int, end: Int) -> Int {
        guard start + 8 <= end else { return 1 }
        let little: Bool
        switch (bytes[start], bytes[start + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return 1
        }
        func u16(_ at: Int) -> Int? {
            guard at >= start, at + 2 <= end else { return nil }
            let a = Int(bytes[at]), b = Int(bytes[at + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let ifdOffset = u32(start + 4), let count = u16(start + ifdOffset) else { return 1 }
        for entry in 0..<min(count, 200) {
            let at = start + ifdOffset + 2 + entry * 12
            guard let tag = u16(at) else { return 1 }
            if tag == 0x0112, let type = u16(at + 2), type == 3, let value = u16(at + 8), (1...8).contains(value) {
                return value
            }
        }
        return 1
    }
}
