import Foundation
import NashraCore

/// Text for XML and JSON outputs, where a reader cannot use HTML.
enum XMLText {
    /// `& < > " '` as entities; what XML 1.0's `Char` production leaves out (control characters
    /// other than tab and newlines, U+FFFE, U+FFFF; Swift strings hold no surrogates) is dropped,
    /// so feeds and sitemaps stay well-formed whatever a title or body holds.
    static func escape(_ text: String) -> String { escaper.escape(text) }

    private static let escaper: ByteEscaper = {
        var table: [UInt8: String] = [UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
                                      UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&apos;"]
        for control in UInt8(0)..<0x20 where control != 0x09 && control != 0x0A && control != 0x0D { table[control] = "" }
        return ByteEscaper(table, droppingFFFEAndFFFF: true)
    }()

    /// A headline that mixes right-to-left and left-to-right words, wrapped in first-strong
    /// isolates (U+2068 … U+2069), so that a feed reader showing plain text keeps its order.
    static func isolated(_ title: String) -> String {
        var hasRTL = false, hasLTR = false
        for scalar in title.unicodeScalars {
            if TextDirection.isStrongRightToLeft(scalar) { hasRTL = true }
            else if scalar.properties.isAlphabetic && scalar.properties.generalCategory != .nonspacingMark { hasLTR = true }
            if hasRTL && hasLTR { return "\u{2068}" + title + "\u{2069}" }
        }
        return title
    }

    /// RFC 822 date for RSS: `Fri, 20 Nov 2026 09:30:00 +0300`.
    static func rfc822(_ date: BulletinDate, offset: Int) -> String {
        InternetDate.rfc822(secondsSinceEpoch: date.secondsSinceEpoch, offset: offset)
    }

    /// A JSON string literal (for JSON Feed and JSON-LD). `<`, `>` and `&` are escaped too, so
    /// that the text is also safe inside an HTML `<script>` element.
    static func json(_ text: String) -> String {
        var result: [UInt8] = []
        json(text, into: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// `json(text)` appended to `result` as UTF-8 (for a file written by hand into one buffer).
    static func json(_ text: String, into result: inout [UInt8]) {
        // On UTF-8 bytes, the bytes between two that need escaping copied as one run: bodies are
        // long and nearly all of their bytes stay as they are.
        // U+2028 and U+2029 are the bytes E2 80 A8 and E2 80 A9.
        text.withUTF8Bytes { bytes in
            result.reserveCapacity(result.count + bytes.count + bytes.count / 8 + 2)
            result.append(UInt8(ascii: "\""))
            let count = bytes.count
            var index = 0, copied = 0
            jsonSpecial.withUnsafeBufferPointer { special in
                while index < count {
                    let byte = bytes[index]
                    guard special[Int(byte)] else {
                        index += 1
                        continue
                    }
                    if copied < index { result.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<index])) }
                    switch byte {
                    case UInt8(ascii: "\""): result += "\\\"".utf8
                    case UInt8(ascii: "\\"): result += "\\\\".utf8
                    case UInt8(ascii: "\n"): result += "\\n".utf8
                    case UInt8(ascii: "\r"): result += "\\r".utf8
                    case UInt8(ascii: "\t"): result += "\\t".utf8
                    case UInt8(ascii: "<"): result += "\\u003c".utf8
                    case UInt8(ascii: ">"): result += "\\u003e".utf8
                    case UInt8(ascii: "&"): result += "\\u0026".utf8
                    case ..<0x20:
                        result += "\\u00".utf8
                        result.append(hexDigits[Int(byte >> 4)])
                        result.append(hexDigits[Int(byte & 0xF)])
                    case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                        result += (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                        index += 2
                    default:
                        result.append(byte)
                    }
                    index += 1
                    copied = index
                }
            }
            if copied < count { result.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<count])) }
            result.append(UInt8(ascii: "\""))
        }
    }

    /// The bytes `json` looks at: control characters, `" \ < > &`, and E2, which begins U+2028 and U+2029.
    private static let jsonSpecial: [Bool] = (0..<256).map { byte in
        byte < 0x20 || [0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2].contains(byte)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
