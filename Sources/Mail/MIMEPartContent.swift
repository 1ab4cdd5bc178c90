import CGMime
import Foundation

/// A leaf part's bytes with the transfer encoding undone, and what could not be undone.
///
/// GMime finds where each body lies; its window onto the message is corrected at the end
/// (`RFC2046Delimiters`), base64 is finished where GMime stops short (`Base64Body`) and
/// uuencode read line by line (`UUDecoding`). Quoted-printable and unencoded bodies are
/// GMime's own. Lives only while the part tree it reads is alive.
struct MIMEPartContent {
    var data: Data
    var damage: MIMEContentDamage?

    init(of part: UnsafeMutablePointer<GMimePart>) {
        guard let wrapper = g_mime_part_get_content(part) else {
            // GMime found a header and then a delimiter or the end of the data.
            self.init(data: Data(), damage: .missingBody)
            return
        }
        let encoding = g_mime_data_wrapper_get_encoding(wrapper)
        guard let stream = g_mime_data_wrapper_get_stream(wrapper), let window = Window(stream) else {
            self.init(data: Self.decodedByGMime(wrapper), damage: nil)
            return
        }
        switch encoding {
        case GMIME_CONTENT_ENCODING_BASE64:
            let (data, damage) = Base64Body.decode(window.bytes)
            self.init(data: data, damage: damage)
        case GMIME_CONTENT_ENCODING_UUENCODE:
            let (data, damage) = UUDecoding.decode(window.bytes)
            self.init(data: data, damage: damage)
        default:
            guard window.isCorrected,
                  let corrected = g_mime_stream_substream(stream, gint64(window.start), gint64(window.start + window.bytes.count)) else {
                self.init(data: Self.decodedByGMime(wrapper), damage: nil)
                return
            }
            defer { dondoc_unref(corrected) }
            guard let correctedWrapper = g_mime_data_wrapper_new_with_stream(corrected, encoding) else {
                self.init(data: Self.decodedByGMime(wrapper), damage: nil)
                return
            }
            defer { dondoc_unref(correctedWrapper) }
            self.init(data: Self.decodedByGMime(correctedWrapper), damage: nil)
        }
    }

    private init(data: Data, damage: MIMEContentDamage?) {
        self.data = data
        self.damage = damage
    }

    /// The encoded body as a window onto the message GMime parsed (GMime persists the stream,
    /// so a part's stream is a bounded view of the parser's memory), ending where RFC 2046
    /// says. Nil when the stream is anything else; GMime's own result then stands.
    private struct Window {
        var bytes: UnsafeRawBufferPointer
        var start: Int
        var isCorrected: Bool

        init?(_ stream: UnsafeMutablePointer<GMimeStream>) {
            guard dondoc_is_stream_mem(stream) != 0,
                  let array = g_mime_stream_mem_get_byte_array(dondoc_as_stream_mem(stream)),
                  let base = array.pointee.data,
                  g_mime_stream_reset(stream) == 0 else { return nil }
            let message = UnsafeRawBufferPointer(start: base, count: Int(array.pointee.len))
            // After a reset a stream stands at its first byte, in the offsets of the memory it views.
            let start = Int(g_mime_stream_tell(stream))
            let length = Int(g_mime_stream_length(stream))
            guard start >= 0, length >= 0, start <= message.count, length <= message.count - start else { return nil }
            let end = RFC2046Delimiters.bodyEnd(in: message, start: start, end: start + length)
            self.bytes = UnsafeRawBufferPointer(rebasing: message[start..<end])
            self.start = start
            self.isCorrected = end != start + length
        }
    }

    /// The wrapper's bytes decoded by GMime, handed to Data without a second copy.
    private static func decodedByGMime(_ wrapper: UnsafeMutablePointer<GMimeDataWrapper>) -> Data {
        // Decoding never makes content longer than its encoded form, so sizing the buffer to the
        // encoded length up front spares the doubling reallocations (and their transient copies)
        // of a growing array; pages never written cost no memory.
        let encodedLength = g_mime_data_wrapper_get_stream(wrapper).map { g_mime_stream_length($0) } ?? -1
        let array = g_byte_array_sized_new(guint(clamping: max(encodedLength, 0)))
        guard let sink = g_mime_stream_mem_new_with_byte_array(array) else { return Data() }
        defer { dondoc_unref(sink) }
        let memory = dondoc_as_stream_mem(sink)
        guard g_mime_data_wrapper_write_to_stream(wrapper, sink) > 0,
              let array = g_mime_stream_mem_get_byte_array(memory) else { return Data() }
        let length = Int(array.pointee.len)
        guard length > 0 else { return Data() }
        // Take the buffer out of the stream so the Data can own it and free it with GLib.
        g_mime_stream_mem_set_owner(memory, 0)
        guard let bytes = g_byte_array_free(array, 0) else { return Data() }
        return Data(bytesNoCopy: bytes, count: length, deallocator: .custom { pointer, _ in g_free(pointer) })
    }
}
