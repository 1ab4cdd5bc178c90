import Foundation

extension ReportHTML {
    /// Text made safe to put between tags or inside a quoted attribute, in HTML and in
    /// inline SVG alike. Everything that came from mail or from the campaign file goes
    /// through here: a subject is whatever a stranger typed.
    ///
    /// Control characters (other than tab and line breaks) become U+FFFD: they are not
    /// allowed in HTML text, and a browser that meets one inside SVG may stop drawing.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
