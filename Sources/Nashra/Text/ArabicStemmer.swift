/// A light Arabic stemmer in the manner of Larkey's light10, on words already folded by
/// `SearchText`: proclitics and the article go, then common suffixes, each only when enough of
/// the word remains. A name the site knows (`names`: its locations' and tags' words, and a few
/// countries and capitals) is never cut: ببيروت → بيروت, and بيروت stays بيروت.
///
/// سورية and سوريا are one name: a word ending in ـيه whose ـيا form is a known name becomes it.
public struct ArabicStemmer: Sendable {
    public let names: Set<String>

    public init(names: some Sequence<String>) {
        self.names = Set(names)
    }

    /// Article forms, longest first: with و ف ب ك before it, or ل fused into لل.
    static let articles = ["وبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال"]
    /// One-letter proclitics; و needs 3 letters after it (as in light10), the others 4, since
    /// many words start with ب ك ل ف.
    static let clitics: [(String, Int)] = [("و", 3), ("ف", 4), ("ب", 4), ("ك", 4), ("ل", 4)]
    /// Suffixes in light10's order, each taken at most once, and the letters each must leave:
    /// 4 for the plural and dual endings, so that اعلان keeps its ان (light10's 2 made اعل of
    /// it while الاعلانات gave اعلان).
    static let suffixes: [(String, Int)] = [("ها", 3), ("ان", 4), ("ات", 4), ("ون", 4), ("ين", 4), ("يه", 3), ("ه", 3), ("ي", 3)]

    public func stem(_ word: String) -> String {
        guard word.unicodeScalars.count >= 2 else { return word }
        if let name = name(word) { return name }
        var word = word
        var stripped = false
        for article in Self.articles where word.hasPrefix(article) {
            let rest = String(word.dropFirst(article.count))
            if let name = name(rest) { return name }
            if let name = name("ال" + rest) { return name }
            if rest.count >= 2 {
                word = rest
                stripped = true
            }
            break
        }
        if !stripped {
            // At most two proclitics (وب, فل …).
            for _ in 0..<2 {
                guard let (clitic, minimum) = Self.clitics.first(where: { word.hasPrefix($0.0) }) else { break }
                let rest = String(word.dropFirst(clitic.count))
                if let name = name(rest) { return name }
                if let name = name("ال" + rest) { return name }
                guard rest.count >= minimum else { break }
                word = rest
            }
        }
        if let name = name(word) { return name }
        for (suffix, minimum) in Self.suffixes where word.hasSuffix(suffix) && word.count - suffix.count >= minimum {
            word.removeLast(suffix.count)
        }
        return word
    }

    /// `word` or its ـيا spelling, if the site knows it as a name.
    func name(_ word: String) -> String? {
        if names.contains(word) { return word }
        if word.hasSuffix("يه"), word.count > 3 {
            let alternative = String(word.dropLast(2)) + "يا"
            if names.contains(alternative) { return alternative }
        }
        return nil
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
