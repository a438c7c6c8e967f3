import Testing
@testable import Nashra
import NashraCore

@Suite struct DateStyleTests {
    struct Display: Sendable, CustomTestStringConvertible {
        var months: DateStyle.Months = .levantine
        var digits: DateStyle.Digits = .arabicIndic
        var date: CivilDate
        var hasTime = false
        var language = "ar"
        var expected: String

        var testDescription: String { expected }
    }

    static let november20 = CivilDate(year: 2026, month: 11, day: 20, hour: 9, minute: 30)

    static let displays: [Display] = [
        // Levantine month names, Arabic-Indic digits: the defaults.
        Display(date: november20, expected: "٢٠ تشرين الثاني ٢٠٢٦"),
        Display(date: november20, hasTime: true, expected: "٢٠ تشرين الثاني ٢٠٢٦، ٠٩:٣٠"),
        Display(date: CivilDate(year: 2026, month: 1, day: 5, hour: 7, minute: 5), hasTime: true,
                expected: "٥ كانون الثاني ٢٠٢٦، ٠٧:٠٥"),
        Display(date: CivilDate(year: 2025, month: 12, day: 31, hour: 23, minute: 59), hasTime: true,
                expected: "٣١ كانون الأول ٢٠٢٥، ٢٣:٥٩"),
        Display(date: CivilDate(year: 2026, month: 3, day: 1), language: "ar-SY", expected: "١ آذار ٢٠٢٦"),
        // Egyptian/Gulf, Maghrebi and both.
        Display(months: .egyptian, date: november20, language: "ar-EG", expected: "٢٠ نوفمبر ٢٠٢٦"),
        Display(months: .egyptian, date: CivilDate(year: 2026, month: 8, day: 1), expected: "١ أغسطس ٢٠٢٦"),
        Display(months: .maghrebi, date: november20, language: "ar_MA", expected: "٢٠ نونبر ٢٠٢٦"),
        Display(months: .maghrebi, date: CivilDate(year: 2026, month: 8, day: 1), expected: "١ غشت ٢٠٢٦"),
        Display(months: .maghrebi, date: CivilDate(year: 2026, month: 5, day: 1), expected: "١ ماي ٢٠٢٦"),
        Display(months: .both, date: november20, expected: "٢٠ تشرين الثاني/نوفمبر ٢٠٢٦"),
        Display(months: .both, date: CivilDate(year: 2026, month: 1, day: 1), expected: "١ كانون الثاني/يناير ٢٠٢٦"),
        // Digits.
        Display(digits: .latin, date: november20, expected: "20 تشرين الثاني 2026"),
        Display(digits: .latin, date: november20, hasTime: true, expected: "20 تشرين الثاني 2026، 09:30"),
        Display(digits: .persian, date: november20, hasTime: true, expected: "۲۰ تشرين الثاني ۲۰۲۶، ۰۹:۳۰"),
        // English ignores the Arabic month names and digits.
        Display(date: november20, language: "en", expected: "20 November 2026"),
        Display(date: november20, hasTime: true, language: "en", expected: "20 November 2026, 09:30"),
        Display(months: .both, digits: .persian, date: november20, language: "en-GB", expected: "20 November 2026"),
        Display(date: CivilDate(year: 2026, month: 1, day: 5), language: "en", expected: "5 January 2026"),
    ]

    @Test(arguments: displays)
    func display(_ row: Display) {
        let style = DateStyle(months: row.months, digits: row.digits)
        #expect(style.display(row.date, hasTime: row.hasTime, language: row.language) == row.expected)
    }

    @Test func otherLanguagesUseTheirOwnLongDate() {
        // Left to Foundation's locale data: checked loosely, but it must not be the Arabic or the
        // English form.
        let text = DateStyle().display(Self.november20, hasTime: false, language: "fr")
        #expect(text.contains("novembre"))
        #expect(text.contains("2026"))
        #expect(!text.contains("٢"))
    }

    @Test(arguments: [
        (DateStyle.Digits.latin, "2026-11-20 09:30", "2026-11-20 09:30"),
        (.arabicIndic, "2026-11-20 09:30", "٢٠٢٦-١١-٢٠ ٠٩:٣٠"),
        (.persian, "0123456789", "۰۱۲۳۴۵۶۷۸۹"),
        (.arabicIndic, "0123456789", "٠١٢٣٤٥٦٧٨٩"),
        (.arabicIndic, "صفحة ٣ من 12", "صفحة ٣ من ١٢"),
    ])
    func localizedDigits(_ digits: DateStyle.Digits, _ text: String, _ expected: String) {
        #expect(DateStyle(digits: digits).localizedDigits(text) == expected)
    }

    @Test func numberUsesTheStyleDigits() {
        #expect(DateStyle(digits: .arabicIndic).number(2026) == "٢٠٢٦")
        #expect(DateStyle(digits: .persian).number(-7) == "-۷")
        #expect(DateStyle(digits: .latin).number(42) == "42")
    }

    @Test(arguments: [
        (CivilDate(year: 2026, month: 11, day: 20, hour: 9, minute: 30), 10_800, "2026-11-20T09:30:00+03:00"),
        (CivilDate(year: 2026, month: 11, day: 20, hour: 9, minute: 30, second: 5), 0, "2026-11-20T09:30:05+00:00"),
        (CivilDate(year: 2026, month: 1, day: 2, hour: 3, minute: 4), -18_000, "2026-01-02T03:04:00-05:00"),
        (CivilDate(year: 2026, month: 3, day: 8, hour: 23, minute: 59, second: 59), -12_600, "2026-03-08T23:59:59-03:30"),
        (CivilDate(year: 2026, month: 6, day: 30), 20_700, "2026-06-30T00:00:00+05:45"),
        (CivilDate(year: 2026, month: 6, day: 30), 7_200, "2026-06-30T00:00:00+02:00"),
    ])
    func iso(_ date: CivilDate, _ offset: Int, _ expected: String) {
        #expect(DateStyle.iso(date, offset: offset) == expected)
    }
}
