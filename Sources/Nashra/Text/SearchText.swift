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
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with each word of `text`, normalized, as UTF-8 bytes, in order. The index
    /// tokenizes the whole archive through here: it works scalar by scalar into reused buffers,
    /// with no `String` or `Character` per word (`words` is this, collected).
    /// `lineBreak`, if given, is called at each line feed, after the word before it.
    static func forEachWord(in text: String, lineBreak: (() -> Void)? = nil, _ body: ([UInt8]) -> Void) {
        var current: [Unicode.Scalar] = []
        var scratch: [Unicode.Scalar] = []
        var folded: [UInt8] = []
        func finish() {
            while current.last == zwnj { current.removeLast() }
            if !current.isEmpty {
                fold(current, into: &folded, scratch: &scratch)
                if !folded.isEmpty { body(folded) }
            }
            current.removeAll(keepingCapacity: true)
        }
        let text = text.unicodeScalars.allSatisfy(isSearchNFC) ? text : text.nfc
        for scalar in text.unicodeScalars {
            if scalar == zwnj {
                if !current.isEmpty { current.append(scalar) }
            } else if isDropped(scalar) {
                continue
            } else if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                finish()
                if scalar == "\n" { lineBreak?() }
            }
        }
        finish()
    }

    static let zwnj: Unicode.Scalar = "\u{200C}"

    /// Scalars that NFC leaves alone as far as search can tell: those `String.nfc` passes, and
    /// harakat, shadda, sukun and superscript alef, which compose with nothing and which `fold`
    /// drops whatever order NFC would put them in. Most Arabic bodies carry a few of these, and
    /// would otherwise go through Foundation's normalization whole.
    static func isSearchNFC(_ scalar: Unicode.Scalar) -> Bool {
        isSearchNFC(value: scalar.value)
    }

    /// `isSearchNFC` of the scalar whose value is `value`.
    @inline(__always)
    static func isSearchNFC(value: UInt32) -> Bool {
        switch value {
        // General punctuation (smart quotes, dashes, ellipsis: cmark's smart punctuation puts
        // them in most bodies) has no canonical mapping, except U+2000 and U+2001.
        case 0..<0x0300, 0x0600...0x060F, 0x061B...0x0652, 0x0660...0x06D5, 0x06EE...0x06FF, 0x2002...0x206F: true
        default: false
        }
    }

    /// Bidi marks and embeddings, ZWJ, BOM, soft hyphen: invisible, never part of a word's
    /// spelling, and never a word boundary either (a mark inside a word must not split it).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x200B, 0x200D, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x061C: true
        default: false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII first: its only word scalars are letters and digits.
        let value = scalar.value
        if value < 0x80 { return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        // Arabic letters, tatweel, harakat and digits: most of what an Arabic archive says,
        // without the Unicode property lookup.
        if (0x0620...0x0669).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// One word's spelling folded as described above, into `out` as UTF-8 (emptied first);
    /// `scalars` is a buffer reused from word to word.
    static func fold(_ word: [Unicode.Scalar], into out: inout [UInt8], scratch scalars: inout [Unicode.Scalar]) {
        scalars.removeAll(keepingCapacity: true)
        for scalar in word {
            let value = scalar.value
            switch value {
            case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x0640: continue
            case 0x0622, 0x0623, 0x0625, 0x0671: scalars.append("\u{0627}")
            case 0x0649, 0x06CC, 0x0626: scalars.append("\u{064A}")
            case 0x06A9: scalars.append("\u{0643}")
            case 0x0624: scalars.append("\u{0648}")
            case 0x0660...0x0669: scalars.append(Unicode.Scalar(value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: scalars.append(Unicode.Scalar(value - 0x06F0 + 0x30)!)
            case 0x41...0x5A: scalars.append(Unicode.Scalar(value + 0x20)!)
            case 0..<0x80, 0x0600...0x06FF: scalars.append(scalar)  // nothing cased in the Arabic block
            default:
                if scalar.properties.isCased {
                    scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else {
                    // Combining marks of other scripts stay (they are part of the letter).
                    scalars.append(scalar)
                }
            }
        }
        while scalars.last == zwnj { scalars.removeLast() }
        if scalars.last == "\u{0629}" { scalars[scalars.count - 1] = "\u{0647}" }
        if scalars.count > maximumWordLength { scalars.removeLast(scalars.count - maximumWordLength) }
        out.removeAll(keepingCapacity: true)
        for scalar in scalars {
            let value = scalar.value
            switch value {
            case ..<0x80:
                out.append(UInt8(value))
            case ..<0x800:
                out.append(UInt8(0xC0 | value >> 6)); out.append(UInt8(0x80 | value & 0x3F))
            case ..<0x10000:
                out.append(UInt8(0xE0 | value >> 12)); out.append(UInt8(0x80 | value >> 6 & 0x3F)); out.append(UInt8(0x80 | value & 0x3F))
            default:
                out.append(UInt8(0xF0 | value >> 18)); out.append(UInt8(0x80 | value >> 12 & 0x3F))
                out.append(UInt8(0x80 | value >> 6 & 0x3F)); out.append(UInt8(0x80 | value & 0x3F))
            }
        }
    }
}
