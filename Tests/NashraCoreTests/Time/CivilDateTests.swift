import Testing
@testable import NashraCore

@Suite struct CivilDateTests {
    // Expected seconds computed independently with Python's calendar.timegm.
    static let instants: [(date: CivilDate, seconds: Int64)] = [
        (CivilDate(year: 1970, month: 1, day: 1), 0),
        (CivilDate(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59), -1),
        (CivilDate(year: 1969, month: 12, day: 31), -86_400),
        (CivilDate(year: 1960, month: 2, day: 29), -310_521_600),
        (CivilDate(year: 1900, month: 3, day: 1), -2_203_891_200),
        (CivilDate(year: 1899, month: 12, day: 31, hour: 23, minute: 59, second: 59), -2_208_988_801),
        (CivilDate(year: 1600, month: 2, day: 29), -11_670_998_400),
        (CivilDate(year: 1, month: 1, day: 1), -62_135_596_800),
        (CivilDate(year: 1999, month: 12, day: 31, hour: 23, minute: 59, second: 59), 946_684_799),
        (CivilDate(year: 2000, month: 2, day: 29, hour: 12), 951_825_600),
        (CivilDate(year: 2017, month: 10, day: 14, hour: 6, minute: 30, second: 15), 1_507_962_615),
        (CivilDate(year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 59), 1_735_689_599),
        (CivilDate(year: 2026, month: 11, day: 20, hour: 9, minute: 30), 1_795_167_000),
        (CivilDate(year: 2100, month: 3, day: 1), 4_107_542_400),
    ]

    @Test(arguments: instants)
    func roundTripThroughSecondsAsUTC(_ date: CivilDate, _ seconds: Int64) {
        #expect(date.secondsSinceEpochAsUTC == seconds)
        #expect(CivilDate(secondsSinceEpochAsUTC: seconds) == date)
    }

    @Test func everyDayFrom1890To2110FollowsTheOneBefore() {
        // Walks day by day across leap days, year ends and 1970, in both directions of the epoch.
        var previous = CivilDate(secondsSinceEpochAsUTC: Int64(CivilDate.daysFromCivil(year: 1890, month: 1, day: 1)) * 86_400)
        #expect(previous == CivilDate(year: 1890, month: 1, day: 1))
        let first = CivilDate.daysFromCivil(year: 1890, month: 1, day: 2)
        let last = CivilDate.daysFromCivil(year: 2110, month: 12, day: 31)
        for day in first...last {
            let date = CivilDate(secondsSinceEpochAsUTC: Int64(day) * 86_400 + 45_296)
            let endOfMonth = previous.day == CivilDate.daysInMonth(year: previous.year, month: previous.month)
            let expected = !endOfMonth
                ? CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month == 12
                    ? CivilDate(year: previous.year + 1, month: 1, day: 1)
                    : CivilDate(year: previous.year, month: previous.month + 1, day: 1)
            let dateOnly = CivilDate(year: date.year, month: date.month, day: date.day)
            guard dateOnly == expected, (date.hour, date.minute, date.second) == (12, 34, 56),
                  CivilDate.daysFromCivil(year: date.year, month: date.month, day: date.day) == day else {
                Issue.record("day \(day) reads as \(date), expected \(expected) 12:34:56")
                return
            }
            previous = dateOnly
        }
        #expect(previous == CivilDate(year: 2110, month: 12, day: 31))
    }

    @Test(arguments: [
        (CivilDate(year: 2024, month: 2, day: 29), true),
        (CivilDate(year: 2000, month: 2, day: 29), true),
        (CivilDate(year: 2023, month: 2, day: 29), false),
        (CivilDate(year: 1900, month: 2, day: 29), false),
        (CivilDate(year: 2100, month: 2, day: 29), false),
        (CivilDate(year: 2026, month: 2, day: 28), true),
        (CivilDate(year: 2026, month: 4, day: 30), true),
        (CivilDate(year: 2026, month: 4, day: 31), false),
        (CivilDate(year: 2026, month: 12, day: 31), true),
        (CivilDate(year: 2026, month: 0, day: 1), false),
        (CivilDate(year: 2026, month: 13, day: 1), false),
        (CivilDate(year: 2026, month: 1, day: 0), false),
        (CivilDate(year: 2026, month: 1, day: 1, hour: 23, minute: 59, second: 59), true),
        (CivilDate(year: 2026, month: 1, day: 1, hour: 24), false),
        (CivilDate(year: 2026, month: 1, day: 1, minute: 60), false),
        (CivilDate(year: 2026, month: 1, day: 1, hour: -1), false),
    ])
    func validity(_ date: CivilDate, _ isValid: Bool) {
        #expect(date.isValid == isValid)
    }
}
