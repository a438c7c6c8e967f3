import Foundation
import Testing
@testable import Nashra

@Suite struct BulletinDateTests {
    // Expected instants computed independently (Python's calendar.timegm and zoneinfo). Damascus
    // was UTC+3 in October 2017 (summer time) and UTC+2 in January 2017; it has kept UTC+3 all year
    // since late 2022.
    static let valid: [(text: String, zone: String, seconds: Int64, hasTime: Bool)] = [
        ("2017-10-14", "UTC", 1_507_939_200, false),
        ("2017-10-14", "Asia/Damascus", 1_507_928_400, false),
        ("2017-10-14 09:30", "UTC", 1_507_973_400, true),
        ("2017-10-14 09:30", "Asia/Damascus", 1_507_962_600, true),
        ("2017-10-14T09:30", "Asia/Damascus", 1_507_962_600, true),
        ("2017-10-14t09:30", "Asia/Damascus", 1_507_962_600, true),
        ("2017-10-14T09:30:00", "UTC", 1_507_973_400, true),
        ("2017-10-14T09:30:15", "UTC", 1_507_973_415, true),
        ("2017-01-10 09:30", "Asia/Damascus", 1_484_033_400, true),
        ("2026-11-20 09:30", "Asia/Damascus", 1_795_156_200, true),
        ("2026-11-20 09:30", "UTC", 1_795_167_000, true),
        // 00:30 on 31 March 2017 never happened in Damascus (clocks went from 00:00 to 01:00): the
        // time moves forward to 01:30 summer time.
        ("2017-03-31 00:30", "Asia/Damascus", 1_490_913_000, true),
        ("  2017-10-14  ", "UTC", 1_507_939_200, false),
        ("2024-02-29", "UTC", 1_709_164_800, false),
        // An offset or Z wins over the given zone.
        ("2017-10-14T09:30:00+03:00", "UTC", 1_507_962_600, true),
        ("2017-10-14T09:30:00+03:00", "America/New_York", 1_507_962_600, true),
        ("2017-10-14T09:30:00+0300", "UTC", 1_507_962_600, true),
        ("2017-10-14T09:30:00+03", "UTC", 1_507_962_600, true),
        ("2017-10-14T09:30:00+05:45", "UTC", 1_507_952_700, true),
        ("2017-10-14T09:30+03:00", "UTC", 1_507_962_600, true),
        ("2017-10-14T09:30:00-04:30", "UTC", 1_507_989_600, true),
        ("2017-10-14T09:30:00Z", "Asia/Damascus", 1_507_973_400, true),
        ("2017-10-14T09:30Z", "Asia/Damascus", 1_507_973_400, true),
        // Fractional seconds are read and dropped.
        ("2017-10-14T09:30:00.250Z", "Asia/Damascus", 1_507_973_400, true),
        ("2017-10-14T09:30:15.5+03:00", "UTC", 1_507_962_615, true),
        ("2017-10-14T09:30:00,123456Z", "UTC", 1_507_973_400, true),
    ]

    @Test(arguments: valid)
    func parses(_ text: String, _ zone: String, _ seconds: Int64, _ hasTime: Bool) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let date = try #require(BulletinDate.parse(text, in: timeZone))
        #expect(date.secondsSinceEpoch == seconds)
        #expect(date.hasTime == hasTime)
    }

    @Test(arguments: [
        "2026-02-30",
        "2025-02-29",
        "2100-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-1-5",
        "26-11-20",
        "yesterday",
        "أمس",
        "",
        "2026-11-20 25:00",
        "2026-11-20 24:00",
        "2026-11-20 09:60",
        "2026-11-20 9:30",
        "2026-11-20T",
        "2026-11-20x",
        "2026-11-20 09:30 غداً",
        "2026-11-20T09:30:00+03:00junk",
        "2026-11-20T09:30:00Zz",
        "2026-11-20T09:30:00.",
        "2026-11-20T09:30:00+3",
        "2026-11-20T09:30:00+03:",
        "2026-11-20T09:30:00+03:5",
        "2026-11-20T09:30:00+24:00",
        "2026-11-20T09:30:00+03:60",
        "2026-11-20T09:30:00+0375",
        "2026/11/20",
    ])
    func rejects(_ text: String) throws {
        let timeZone = try #require(TimeZone(identifier: "Asia/Damascus"))
        #expect(BulletinDate.parse(text, in: timeZone) == nil)
    }

    @Test func ordersByInstantAlone() {
        let midnight = BulletinDate(secondsSinceEpoch: 100, hasTime: false)
        let later = BulletinDate(secondsSinceEpoch: 101, hasTime: true)
        #expect(midnight < later)
        #expect(!(later < midnight))
        #expect(later.foundationDate == Date(timeIntervalSince1970: 101))
    }
}
