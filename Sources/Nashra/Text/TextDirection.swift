/// The base direction of a language or a piece of text.
public enum TextDirection: String, Sendable {
    case ltr, rtl

    /// Languages written right to left, by primary subtag.
    static let rightToLeftLanguages: Set<String> = ["ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "sd", "ug"]

    /// The direction of a BCP 47 language tag: `ar`, `ar-SY`, `fa_IR` are RTL; `en`, `fr` are LTR.
    public init(language: String) {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        self = Self.rightToLeftLanguages.contains(primary) ? .rtl : .ltr
    }

    /// The direction of the first strong character (Unicode bidi rules P2–P3), or nil when the text
    /// has none (digits, punctuation, whitespace only).
    ///
    /// Foundation has no public bidi-class API, so RTL is decided by a table of the strong RTL
    /// blocks, and LTR by any other alphabetic character.
    public static func firstStrong(in text: String) -> TextDirection? {
        for scalar in text.unicodeScalars {
            // The invisible marks are strong too: they are how an author sets a headline's direction.
            switch scalar {
            case "\u{200F}", "\u{061C}": return .rtl
            case "\u{200E}": return .ltr
            default: break
            }
            if isStrongRightToLeft(scalar) { return .rtl }
            if scalar.value < 0x80 {
                if (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A { return .ltr }
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic && properties.generalCategory != .nonspacingMark
                && properties.generalCategory != .spacingMark && properties.generalCategory != .enclosingMark {
                return .ltr
            }
        }
        return nil
    }

    static func isStrongRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF:
            break
        default:
            return false
        }
        // Inside those blocks, digits, separators and combining marks are weak or neutral.
        switch v {
        case 0x0600...0x0605, 0x060C, 0x0660...0x0669, 0x066B, 0x066C, 0x06DD, 0x06F0...0x06F9, 0x08E2:
            return false
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .decimalNumber, .otherNumber:
            return false
        default:
            return true
        }
    }
}
