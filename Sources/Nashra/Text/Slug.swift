import NashraCore
/// URL-safe names for bulletins and terms that keep Arabic letters as they are.
///
/// Rules: NFC; tashkeel (harakat, shadda, sukun, superscript alef, Quranic marks) and tatweel removed;
/// every run of characters that is not a letter or a digit (spaces, ، ؛ ؟, `/`, `.`, control
/// characters…) becomes one `-`; Latin lowercased. A slug therefore never holds `/`, `..` or a
/// control character, and is capped at 180 UTF-8 bytes so it fits in a file name.
///
/// We remove the marks by table rather than with `applyingTransform(.stripDiacritics)`: that
/// transform also decomposes letters (أ → ا, آ → ا), which changes the word, and it is far slower.
public enum Slug {
    static let maximumUTF8Length = 180

    public static func make(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSeparator = false
        for scalar in text.nfc.unicodeScalars {
            if isRemovedMark(scalar) { continue }
            if isKept(scalar) {
                if pendingSeparator && !result.isEmpty { result.append("-") }
                pendingSeparator = false
                if scalar.value < 0x80 {
                    result.append(Unicode.Scalar(UInt8(ascii: scalar) | (isASCIIUpper(scalar) ? 0x20 : 0)))
                } else if scalar.properties.changesWhenLowercased {
                    result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                } else {
                    result.append(scalar)
                }
            } else if scalar.properties.generalCategory != .format {
                pendingSeparator = true
            }
        }
        // At its exact size: every bulletin keeps its slug (appending scalars leaves spare capacity).
        return truncated(String(joining: String(result)[...]))
    }

    static func isRemovedMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640:
            return true
        default:
            return false
        }
    }

    static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isASCIIUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x41 && scalar.value <= 0x5A }

    /// Cuts at the last `-` that keeps the slug within the file-name budget.
    static func truncated(_ slug: String) -> String {
        guard slug.utf8.count > maximumUTF8Length else { return slug }
        var cut = slug.utf8.startIndex
        var lastHyphen: String.Index?
        for index in slug.unicodeScalars.indices {
            if slug.utf8.distance(from: slug.utf8.startIndex, to: index) > maximumUTF8Length { break }
            cut = index
            if slug.unicodeScalars[index] == "-" { lastHyphen = index }
        }
        return String(slug[..<(lastHyphen ?? cut)])
    }
}
