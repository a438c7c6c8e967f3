/// How search sees text: the one normalization that index and query share (the theme's
/// `search.js` repeats it, and `Tests/Fixtures/search-analysis/cases.json` holds both to it).
///
/// NFC; tashkeel, Quranic marks and tatweel dropped; أ إ آ ٱ → ا; ى and Persian ی → ي, Persian
/// ک → ك; ؤ → و, ئ → ي; ة → ه at the end of a word; Arabic-Indic and Persian digits → 0–9; Latin
/// lower-cased. A ZWNJ inside a word is kept (Persian می‌خواهم is one word); other format
/// characters (bidi marks, ZWJ, soft hyphen) are dropped.
public enum SearchText {
    /// Longest word kept, in scalars: a longer run is cut (a 10 KB "word" is not a word).
    public static let maximumWordLength = 40

    /// The words of `text`, normalized, in order. A word is a run of letters, digits and marks
    /// (and ZWNJ between them); everything else separates words.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            while current.last == zwnj { current.removeLast() }
            if !current.isEmpty { words.append(normalizedWord(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.nfc.unicodeScalars {
            if scalar == zwnj {
                if !current.isEmpty { current.append(scalar) }
            } else if isDropped(scalar) {
                continue
            } else if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words.filter { !$0.isEmpty }
    }

    static let zwnj: Unicode.Scalar = "\u{200C}"

    /// Bidi marks and embeddings, ZWJ, BOM, soft hyphen: invisible, never part of a word's
    /// spelling, and never a word boundary either (a mark inside a word must not split it).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B, 0x200D, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x061C: true
        default: false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            true
        default:
            false
        }
    }

    /// One word's spelling folded as described above.
    static func normalizedWord(_ word: String.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        for scalar in word {
            let value = scalar.value
            switch value {
            case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: continue
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")
            case 0x0649, 0x06CC, 0x0626: out.append("\u{064A}")
            case 0x06A9: out.append("\u{0643}")
            case 0x0624: out.append("\u{0648}")
            case 0x0660...0x0669: out.append(Unicode.Scalar(value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: out.append(Unicode.Scalar(value - 0x06F0 + 0x30)!)
            case 0x41...0x5A: out.append(Unicode.Scalar(value + 0x20)!)
            case 0..<0x80: out.append(scalar)
            default:
                if scalar.properties.isCased {
                    out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
                    // Combining marks of other scripts stay (they are part of the letter).
                    out.append(scalar)
                } else {
                    out.append(scalar)
                }
            }
        }
        while out.last == zwnj { out.removeLast() }
        if out.last == "\u{0629}" {
            out.removeLast()
            out.append("\u{0647}")
        }
        if out.count > maximumWordLength { out = String.UnicodeScalarView(out.prefix(maximumWordLength)) }
        return String(out)
    }
}
