import Mustache

/// The HTML escaping of `{{value}}` in templates: the same five characters as swift-mustache's own
/// (`< > & " '`), done on UTF-8 bytes. swift-mustache's walks grapheme clusters and looks each one
/// up in a dictionary, for every value of every page; this one returns the string untouched when
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
    public static func escape(_ text: String) -> String { escaper.escape(text) }

    private static let escaper = ByteEscaper([
        UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;", UInt8(ascii: "&"): "&amp;",
        UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&#39;",
    ])
}
