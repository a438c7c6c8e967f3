/// A light Arabic stemmer in the manner of Larkey's light10, on words already folded by
/// `SearchText`: proclitics and the article go, then common suffixes, each only when enough of
/// the word remains. A name the site knows (`names`: its locations' and tags' words, and a few
/// countries and capitals) is never cut: ببيروت → بيروت, and بيروت stays بيروت.
///
/// سورية and سوريا are one name: a word ending in ـيه whose ـيا form is a known name becomes it.
///
/// It works on UTF-8 bytes and counts letters as scalars (as `search.js` counts UTF-16 units):
/// the index stems every word of the archive through here.
public struct ArabicStemmer: Sendable {
    public let names: Set<String>
    let nameBytes: Set<[UInt8]>

    public init(names: some Sequence<String>) {
        self.names = Set(names)
        nameBytes = Set(self.names.map { Array($0.utf8) })
    }

    /// Article forms, longest first: with و ف ب ك before it, or ل fused into لل.
    static let articles = ["وبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"].map { Array($0.utf8) }
    /// One-letter proclitics; و needs 3 letters after it (as in light10), the others 4, since
    /// many words start with ب ك ل ف.
    static let clitics: [([UInt8], Int)] = [("و", 3), ("ف", 4), ("ب", 4), ("ك", 4), ("ل", 4)].map { (Array($0.0.utf8), $0.1) }
    /// Suffixes in light10's order, each taken at most once, and the letters each must leave:
    /// 4 for the plural and dual endings, so that اعلان keeps its ان (light10's 2 made اعل of
    /// it while الاعلانات gave اعلان).
    static let suffixes: [([UInt8], Int)] = [("ها", 3), ("ان", 4), ("ات", 4), ("ون", 4), ("ين", 4), ("يه", 3), ("ه", 3), ("ي", 3)]
        .map { (Array($0.0.utf8), $0.1) }
    static let article = Array("ال".utf8)
    static let yehHeh = Array("يه".utf8)
    static let yehAlef = Array("يا".utf8)

    public func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// `stem` on a folded word's UTF-8 bytes.
    func stem(_ original: [UInt8]) -> [UInt8] {
        guard Self.letters(original[...]) >= 2 else { return original }
        if let name = name(original[...]) { return name }
        var word = original[...]
        var stripped = false
        for article in Self.articles where word.starts(with: article) {
            let rest = word.dropFirst(article.count)
            if let name = name(rest) { return name }
            if let name = name((Self.article + rest)[...]) { return name }
            if Self.letters(rest) >= 2 {
                word = rest
                stripped = true
            }
            break
        }
        if !stripped {
            // At most two proclitics (وب, فل …).
            for _ in 0..<2 {
                guard let (clitic, minimum) = Self.clitics.first(where: { word.starts(with: $0.0) }) else { break }
                let rest = word.dropFirst(clitic.count)
                if let name = name(rest) { return name }
                if let name = name((Self.article + rest)[...]) { return name }
                guard Self.letters(rest) >= minimum else { break }
                word = rest
            }
        }
        if let name = name(word) { return name }
        for (suffix, minimum) in Self.suffixes where word.count > suffix.count && word.suffix(suffix.count).elementsEqual(suffix)
            && Self.letters(word) - suffix.count / 2 >= minimum {
            word.removeLast(suffix.count)
        }
        return Array(word)
    }

    /// `word` or its ـيا spelling, if the site knows it as a name.
    func name(_ word: ArraySlice<UInt8>) -> [UInt8]? {
        let whole = Array(word)
        if nameBytes.contains(whole) { return whole }
        if word.count > Self.yehHeh.count, word.suffix(Self.yehHeh.count).elementsEqual(Self.yehHeh), Self.letters(word) > 3 {
            let alternative = Array(word.dropLast(Self.yehHeh.count)) + Self.yehAlef
            if nameBytes.contains(alternative) { return alternative }
        }
        return nil
    }

    /// Letters as scalars: every UTF-8 byte but continuation bytes.
    static func letters(_ word: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in word where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Country and capital names protected on every site, folded as `SearchText` folds them.
    public static let commonNames: [String] = [
        "سوريا", "لبنان", "فلسطين", "الاردن", "العراق", "مصر", "ليبيا", "تونس", "الجزاير", "المغرب", "السودان", "اليمن",
        "السعوديه", "الكويت", "قطر", "البحرين", "الامارات", "عمان", "تركيا", "ايران", "اسراييل", "روسيا", "امريكا",
        "فرنسا", "بريطانيا", "المانيا", "الصين", "بيروت", "دمشق", "حلب", "حمص", "بغداد", "القدس", "غزه", "القاهره",
        "الرياض", "طرابلس", "الرقه", "ادلب", "الموصل", "عمان", "صنعاء", "الخرطوم", "الدوحه", "انقره", "باريس", "لندن",
        "موسكو", "واشنطن", "جنيف", "نيويورك", "بنغازي", "الاسكندريه", "دبي", "ابوظبي", "طهران", "اسطنبول",
        "حماه", "اللاذقيه", "طرطوس", "درعا", "دير", "الزور", "السويداء", "الحسكه", "القامشلي", "صيدا", "اربد",
        "الزرقاء", "البصره", "اربيل", "كركوك", "النجف", "كربلاء", "عدن", "تعز", "الحديده", "جده", "نابلس", "الخليل",
        "جنين",
    ]
}
