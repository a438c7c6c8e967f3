import Testing
@testable import Nashra

@Suite struct SlugTests {
    // Compared scalar by scalar: String's `==` treats canonically equivalent strings as equal, so
    // it could not tell a composed أ from ا + hamza above.
    @Test(arguments: [
        // Arabic is kept as it is.
        ("أمطار غزيرة في حلب", "أمطار-غزيرة-في-حلب"),
        // Harakat, tanween, sukun, shadda and superscript alef are removed.
        ("حَلَب", "حلب"),
        ("مَسْجِد", "مسجد"),
        ("شكراً", "شكرا"),
        ("مُدَّة", "مدة"),
        ("هٰذا", "هذا"),
        // Tatweel is removed.
        ("اقتصـاد", "اقتصاد"),
        ("الاقتصــــاد", "الاقتصاد"),
        // Hamza letters stay as written: not folded to bare alef, waw or yeh.
        ("أحمد", "أحمد"),
        ("إدلب", "إدلب"),
        ("آذار", "آذار"),
        ("مسؤول", "مسؤول"),
        ("رئيس", "رئيس"),
        ("سماء", "سماء"),
        // Spaces and Arabic punctuation become one '-'; no '-' at either end.
        ("حلب، دمشق؛ حمص؟", "حلب-دمشق-حمص"),
        ("  حلب   --  دمشق  ", "حلب-دمشق"),
        ("«عاجل»: انفجار في المرفأ", "عاجل-انفجار-في-المرفأ"),
        ("حلب\u{00A0}\u{00A0}دمشق", "حلب-دمشق"),
        ("؟ حلب ؟", "حلب"),
        // Latin is lowercased.
        ("SolarTech Announces", "solartech-announces"),
        ("iPhone 17 في دمشق", "iphone-17-في-دمشق"),
        ("ÉCOLE", "école"),
        // Western, Arabic-Indic and Persian digits are kept.
        ("2026 ٢٠٢٦ ۱۴۰۵", "2026-٢٠٢٦-۱۴۰۵"),
        ("قمة ٢٠٢٦", "قمة-٢٠٢٦"),
        // Persian letters are kept; the zero-width non-joiner is dropped without a separator.
        ("گزارش پایانی", "گزارش-پایانی"),
        ("می\u{200C}خواهد", "میخواهد"),
        // NFC: decomposed input gives the composed letters.
        ("\u{0627}\u{0654}\u{0645}\u{0644}", "\u{0623}\u{0645}\u{0644}"),
        ("\u{0627}\u{0653}\u{0630}\u{0627}\u{0631}", "\u{0622}\u{0630}\u{0627}\u{0631}"),
        ("\u{064A}\u{0654}", "\u{0626}"),
        ("Cafe\u{0301}", "caf\u{00E9}"),
        // Never a path: no '/', no '..', no control characters.
        ("../../etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("\u{0000}x\u{0007}", "x"),
        ("..", ""),
        ("حلب/../دمشق", "حلب-دمشق"),
        // Nothing to keep gives "".
        ("", ""),
        ("   ", ""),
        ("؟!،؛", ""),
        ("\u{064E}\u{0651}\u{0640}", ""),
    ])
    func slug(_ title: String, _ expected: String) {
        let slug = Slug.make(title)
        #expect(Array(slug.unicodeScalars) == Array(expected.unicodeScalars), "\(title) → \(slug), expected \(expected)")
    }

    @Test(arguments: [
        "../../etc/passwd",
        "a/b",
        "\u{0000}x\u{0007}",
        "..\\..\\windows",
        "./.hidden/..",
        "حلب\n\r\tدمشق\u{007F}",
        "/أخبار/../../عاجل/",
        "...",
        "a..b",
    ])
    func slugIsNeverAPath(_ title: String) {
        let slug = Slug.make(title)
        #expect(!slug.contains("/"))
        #expect(!slug.contains("\\"))
        #expect(!slug.contains(".."))
        #expect(!slug.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-"))
        #expect(!slug.contains("--"))
    }

    @Test func longTitleIsCutAtAHyphenWithin180Bytes() {
        // كلمة is 8 UTF-8 bytes; n words joined by '-' take 9n - 1 bytes, so 20 words (179 bytes) fit
        // and the 21st (188) does not.
        let title = Array(repeating: "كلمة", count: 40).joined(separator: " ")
        let slug = Slug.make(title)
        #expect(slug.utf8.count == 179)
        #expect(slug == Array(repeating: "كلمة", count: 20).joined(separator: "-"))
        #expect(!slug.hasSuffix("-"))
    }

    @Test func longTitleWithHarakatIsMeasuredAfterTheyAreRemoved() {
        // The marks go first, so the budget counts only what stays in the slug.
        let title = Array(repeating: "كَلِمَة", count: 40).joined(separator: " ")
        #expect(Slug.make(title) == Array(repeating: "كلمة", count: 20).joined(separator: "-"))
    }

    @Test func shortEnoughSlugIsNotCut() {
        // 20 words: exactly the longest that fits.
        let title = Array(repeating: "كلمة", count: 20).joined(separator: " ")
        #expect(Slug.make(title) == Array(repeating: "كلمة", count: 20).joined(separator: "-"))
    }

    @Test func longWordWithoutHyphenIsCutOnALetterBoundary() {
        let slug = Slug.make(String(repeating: "ب", count: 200))
        #expect(slug.utf8.count == 180)
        #expect(slug == String(repeating: "ب", count: 90))
    }
}
