import Testing
@testable import Nashra

@Suite struct PluralCategoryTests {
    /// CLDR's Arabic integer rules: the noun after 3–10 is plural, after 11–99 singular accusative,
    /// and the last two digits decide for larger numbers.
    @Test(arguments: [
        (0, PluralCategory.zero), (1, .one), (2, .two), (3, .few), (10, .few), (11, .many), (99, .many),
        (100, .other), (101, .other), (102, .other), (103, .few), (110, .few), (111, .many), (199, .many),
        (200, .other), (1000, .other), (1003, .few), (1011, .many),
    ])
    func arabic(count: Int, category: PluralCategory) {
        #expect(PluralCategory(count: count, language: "ar") == category)
        #expect(PluralCategory(count: count, language: "ar-SY") == category)
    }

    @Test(arguments: [
        ("en", 0, PluralCategory.other), ("en", 1, .one), ("en", 2, .other), ("he", 2, .two), ("he", 3, .other),
        ("fa", 0, .one), ("fa", 1, .one), ("fa", 2, .other), ("fr", 1, .one),
    ])
    func otherLanguages(language: String, count: Int, category: PluralCategory) {
        #expect(PluralCategory(count: count, language: language) == category)
    }
}
