import Testing
@testable import Nashra

@Suite struct TextDirectionTests {
    static let languages: [(language: String, direction: TextDirection)] = [
        ("ar", .rtl),
        ("ar-SY", .rtl),
        ("AR-sy", .rtl),
        ("fa_IR", .rtl),
        ("fa", .rtl),
        ("he", .rtl),
        ("ur", .rtl),
        ("ps", .rtl),
        ("ckb", .rtl),
        ("ckb-IQ", .rtl),
        ("yi", .rtl),
        ("dv", .rtl),
        ("sd", .rtl),
        ("ug", .rtl),
        ("en", .ltr),
        ("fr", .ltr),
        ("en-US", .ltr),
        ("tr", .ltr),
        ("ku", .ltr),
        // The primary subtag is matched whole: Mapuche (arn) is not Arabic.
        ("arn", .ltr),
        ("", .ltr),
    ]

    static let texts: [(text: String, direction: TextDirection?)] = [
        ("دمشق تستضيف القمة", .rtl),
        // Digits are weak: the first letter decides.
        ("123 دمشق", .rtl),
        ("٣٠ ملم من الأمطار", .rtl),
        ("۱۴۰۵ تهران", .rtl),
        ("SolarTech تعلن", .ltr),
        ("iPhone 17 في دمشق", .ltr),
        ("2026 Olympics في باريس", .ltr),
        ("שלום", .rtl),
        ("گزارش", .rtl),
        // A leading harakah is a mark, not a letter; punctuation and the Arabic comma are neutral.
        ("\u{064E}حلب", .rtl),
        ("\u{064E}Aleppo", .ltr),
        ("«عاجل»", .rtl),
        ("\"Breaking\" عاجل", .ltr),
        ("،، Damascus", .ltr),
        ("— ١٢:٣٠ — Reuters", .ltr),
        // Right-to-left mark, Arabic letter mark and left-to-right mark are strong.
        ("\u{200F}iPhone 17 في دمشق", .rtl),
        ("\u{061C}2026 Olympics", .rtl),
        ("\u{200E}دمشق", .ltr),
        ("\u{200F}", .rtl),
        // No strong letter at all.
        ("123 ٤٥", nil),
        ("", nil),
        ("   ", nil),
        ("٣٠، ٤٥ 12:30!", nil),
        // Unlike the Arabic comma, the Arabic question mark and semicolon are strong RTL (bidi class AL).
        ("؟ Damascus", .rtl),
        ("؛ Damascus", .rtl),
    ]

    @Test(arguments: languages)
    func languageDirection(_ language: String, _ expected: TextDirection) {
        #expect(TextDirection(language: language) == expected)
    }

    @Test(arguments: texts)
    func firstStrongDirection(_ text: String, _ expected: TextDirection?) {
        #expect(TextDirection.firstStrong(in: text) == expected)
    }
}
