import Mustache

/// The HTML escaping of `{{value}}` in templates: the same five characters as swift-mustache's own
/// (`< > & " '`), done on UTF-8 bytes. swift-mustache's walks grapheme clusters and looks each one
/// up in a dictionary, which was 16% of a build's samples; this one returns the string untouched when
/// there is nothing to escape, which is almost always.
public struct HTMLEscaping: MustacheContentType {
    /// The name under which Nashra registers it; `Theme` selects it in every template with the
    /// `{{% CONTENT_TYPE: NASHRA_HTML }}` pragma.
    static let name = "NASHRA_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    static let register: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// Escapes `< > & " '` for HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        let needsEscaping = text.withUTF8Bytes { bytes in
            bytes.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        }
        guard needsEscaping else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "\""): escaped += "&quot;".utf8
            case UInt8(ascii: "'"): escaped += "&#39;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
