import Testing
@testable import Nashra

@Suite struct DatelineTests {
    /// line → (location, agency, what follows on the line), or nil when the line has no dateline.
    static let rows: [(line: String, expected: (String, String?, String)?)] = [
        ("دمشق-سانا", ("دمشق", "سانا", "")),
        ("حلب - سانا", ("حلب", "سانا", "")),
        ("دير الزور - سانا", ("دير الزور", "سانا", "")),
        ("حمص - سانا أعلنت مؤسسة المياه", ("حمص", "سانا", "أعلنت مؤسسة المياه")),
        ("بيروت (رويترز) - يقام المهرجان", ("بيروت", "رويترز", "يقام المهرجان")),
        ("بيروت (أ ف ب)", ("بيروت", "أ ف ب", "")),
        ("القاهرة، أ ش أ: تنطلق غداً", ("القاهرة", "أ ش أ", "تنطلق غداً")),
        ("Damascus, SANA- The fair opened", ("Damascus", "SANA", "The fair opened")),
        ("Damascus, SANA -", ("Damascus", "SANA", "")),
        ("BEIRUT, Nov 27 (Reuters) - Lebanon's", ("BEIRUT", "Reuters", "Lebanon's")),
        ("Al-Hasakah, SANA – Farmers", ("Al-Hasakah", "SANA", "Farmers")),
        // Prose and headlines, not datelines.
        ("أعلنت وزارة الزراعة اليوم أن الموسم جيد.", nil),
        ("مهرجان للموسيقى الشعبية في بيروت", nil),
        ("مهرجان (للموسيقى) في بيروت", nil),
        ("Damascus, the capital, woke up to snow.", nil),
        ("Oil, gas prices rise - report", nil),
        ("في الساعة 9:30 صباحاً", nil),
        ("وقالت الوزارة في بيان - صدر اليوم - إن", nil),
    ]

    @Test(arguments: rows.indices)
    func readsTheDateline(_ index: Int) {
        let row = Self.rows[index]
        let parsed = Dateline.parse(Substring(row.line))
        if let (location, agency, rest) = row.expected {
            #expect(parsed?.dateline == Dateline(location: location, agency: agency), "\(row.line)")
            #expect(parsed.map { String($0.rest).trimmed() } == rest, "\(row.line)")
        } else {
            #expect(parsed == nil, "\(row.line) read as \(String(describing: parsed?.dateline))")
        }
    }

    @Test func theRestKeepsTheLinesBelow() throws {
        let parsed = try #require(Dateline.parse("دمشق-سانا\nبدأت الوزارة"))
        #expect(String(parsed.rest).trimmed() == "بدأت الوزارة")
    }
}
