import Foundation

/// How two spellings of a place (or tag) name are found to be the same: the key both reduce to.
///
/// Arabic: tashkeel, shadda and tatweel dropped; hamza forms (أ إ آ ٱ ؤ ئ ء) reduced to their
/// carrier; ة read as ه and ى as ي; Persian ی ک as ي ك; a leading ال dropped. Latin: case and
/// accents folded (Ḩalab, Halab), `ʿ ʾ '` dropped, a leading `al-`/`el-` (and its assimilated forms
/// `ad-`, `ar-`, `as-`, `ash-`, `at-`, `az-`, `an-`) dropped. Runs of spaces and hyphens become one space.
public enum PlaceName {
    public static func key(_ text: String) -> String {
        withoutArticle(keyKeepingArticle(text))
    }

    /// The key with its article: running text is matched on it, so the word جديد (new) is not the
    /// Libyan town الجديد, while بالقاهرة and للقاهرة still find القاهرة once their clitics are off.
    static func keyKeepingArticle(_ text: String) -> String {
        // Built as UTF-8 bytes, scalar by scalar, without Foundation's normalization: a build
        // reduces every spelling of thousands of places and every word of every body. ASCII and
        // the Arabic letters (no case, always alphabetic) skip the Unicode property tables.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func appendLetter(_ scalar: Unicode.Scalar) {
            if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
        for scalar in text.unicodeScalars {
            guard let mapped = reduced(scalar) else { continue }
            let value = mapped.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: appendLetter(Unicode.Scalar(value + 0x20)!)
                case 0x61...0x7A, 0x30...0x39: appendLetter(mapped)
                default: pendingSpace = true
                }
            } else if (0x0621...0x063A).contains(value) || (0x0641...0x064A).contains(value) {
                appendLetter(mapped)
            } else if mapped.properties.isAlphabetic || mapped.properties.numericType != nil {
                if mapped.properties.changesWhenLowercased {
                    for lower in mapped.properties.lowercaseMapping.unicodeScalars { appendLetter(lower) }
                } else {
                    appendLetter(mapped)
                }
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What a scalar counts as in a key; nil: nothing (a mark, hamza alone, an apostrophe).
    private static func reduced(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        switch value {
        // Latin accents and Arabic harakat, shadda, tatweel, hamza above and below, madda.
        case 0x0300...0x036F, 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED, 0x0640: return nil
        case 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x0027, 0x2018, 0x2019, 0x0060, 0x00B4, 0x0621: return nil  // ʿ ʾ ' ` ء
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"   // آ أ إ ٱ → ا
        case 0x0624: return "\u{0648}"                           // ؤ → و
        case 0x0626, 0x0649, 0x06CC: return "\u{064A}"           // ئ ى ی → ي
        case 0x0629: return "\u{0647}"                           // ة → ه
        case 0x06A9: return "\u{0643}"                           // ک → ك
        case 0x00C0...0x024F, 0x1E00...0x1EFF: return latinBase[value] ?? scalar
        default: return scalar
        }
    }

    /// Accented Latin letters → their base letter (Ḩ → H, é → e), made once with Foundation.
    private static let latinBase: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        for value in Array(0x00C0...0x024F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)),
                  let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first, base != scalar else { continue }
            table[UInt32(value)] = base
        }
        return table
    }()

    static let latinArticles = ["al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ad-", "adh "]

    /// The key without a leading Arabic or Latin definite article, when enough of the name is left.
    static func withoutArticle(_ key: String) -> String {
        // A key of ASCII and Arabic letters (almost every one) is one character a scalar, none
        // equivalent to another: its prefixes and length are compared on bytes and scalars,
        // without the grapheme and canonical-equivalence rules `String` applies.
        guard let count = simpleCount(key) else {
            if key.hasPrefix("ال"), key.count > 4 { return String(key.dropFirst(2)) }
            for article in latinArticles where key.hasPrefix(article) && key.count > article.count + 2 {
                return String(key.dropFirst(article.count))
            }
            return key
        }
        if key.utf8.starts(with: "ال".utf8), count > 4 { return String(Substring(key.unicodeScalars.dropFirst(2))) }
        for article in latinArticles where key.utf8.starts(with: article.utf8) && count > article.utf8.count + 2 {
            return String(Substring(key.unicodeScalars.dropFirst(article.utf8.count)))
        }
        return key
    }

    /// The number of scalars of `key` if every one is ASCII other than CR or an Arabic letter
    /// (each then a character of its own); nil otherwise.
    static func simpleCount(_ key: String) -> Int? {
        var count = 0
        for scalar in key.unicodeScalars {
            let value = scalar.value
            guard (value < 0x80 && value != 0x0D) || (0x0621...0x063A).contains(value) || (0x0641...0x064A).contains(value) else {
                return nil
            }
            count += 1
        }
        return count
    }

    /// The keys a word of running Arabic text may stand for once its clitics are taken off:
    /// و ف (and), ب ل ك (in, to, like), and لل (ل + ال): `وبدمشق` → `دمشق`, `للقاهرة` → `قاهره`.
    /// The word itself comes first; each reading keeps at least three letters.
    static func cliticReadings(_ word: String) -> [String] {
        var readings = [word]
        let letters = Array(word)
        var prefixes: [String] = []
        for conjunction in ["", "و", "ف"] {
            for preposition in ["", "ب", "ل", "ك", "لل"] where !(conjunction.isEmpty && preposition.isEmpty) {
                prefixes.append(conjunction + preposition)
            }
        }
        for prefix in prefixes where word.hasPrefix(prefix) && letters.count - prefix.count >= 3 {
            var rest = String(letters.dropFirst(prefix.count))
            // ل + ال is written لل: the article's alef is gone, so put it back before reducing.
            if prefix.hasSuffix("لل") { rest = "ال" + rest }
            readings.append(rest)
        }
        return readings
    }
}
