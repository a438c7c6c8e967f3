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
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            // Combining marks: Latin accents and Arabic harakat (after decomposition, hamza above/below
            // and madda are marks too: أ = ا + ٔ).
            if (0x0300...0x036F).contains(value) || Slug.isRemovedMark(scalar) || (0x0653...0x0655).contains(value) { continue }
            switch value {
            case 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x0027, 0x2018, 0x2019, 0x0060, 0x00B4, 0x0621: continue  // ʿ ʾ ' ` ء
            default: break
            }
            let mapped: Unicode.Scalar
            switch value {
            case 0x0671: mapped = "\u{0627}"          // ٱ → ا
            case 0x0629: mapped = "\u{0647}"          // ة → ه
            case 0x0649, 0x06CC, 0x064A: mapped = "\u{064A}"  // ى ی → ي
            case 0x06A9: mapped = "\u{0643}"          // ک → ك
            default: mapped = scalar
            }
            if mapped.properties.isAlphabetic || mapped.properties.numericType != nil {
                if pendingSpace && !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                if mapped.properties.changesWhenLowercased {
                    scalars.append(contentsOf: mapped.properties.lowercaseMapping.unicodeScalars)
                } else {
                    scalars.append(mapped)
                }
            } else {
                pendingSpace = true
            }
        }
        return String(scalars)
    }

    static let latinArticles = ["al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ad-", "adh "]

    /// The key without a leading Arabic or Latin definite article, when enough of the name is left.
    static func withoutArticle(_ key: String) -> String {
        if key.hasPrefix("ال"), key.count > 4 { return String(key.dropFirst(2)) }
        for article in latinArticles where key.hasPrefix(article) && key.count > article.count + 2 {
            return String(key.dropFirst(article.count))
        }
        return key
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
