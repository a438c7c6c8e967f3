import Foundation
import Testing
import NashraCore

@Suite struct InternetDateTests {
    let modified = Date(timeIntervalSince1970: 784_111_777.6)   // Sun, 06 Nov 1994 08:49:37.6 GMT

    @Test func httpDatesRoundTrip() {
        #expect(InternetDate.http(modified) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(InternetDate.http(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(InternetDate.http(Date(timeIntervalSince1970: 1_803_465_000)) == "Wed, 24 Feb 2027 10:30:00 GMT")
        #expect(InternetDate.parseHTTP("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(InternetDate.parseHTTP("Sat, 29 Feb 2028 23:59:59 GMT") == Date(timeIntervalSince1970: 1_835_481_599))
        #expect(InternetDate.parseHTTP("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(InternetDate.parseHTTP("yesterday") == nil)
    }

    @Test func rfc822ShowsTheOffsetsWallClock() {
        // 2026-11-20T06:30:00Z is 09:30 in Damascus (+03:00) and 01:30 in New York (-05:00).
        let instant: Int64 = 1_795_156_200
        #expect(InternetDate.rfc822(secondsSinceEpoch: instant, offset: 3 * 3600) == "Fri, 20 Nov 2026 09:30:00 +0300")
        #expect(InternetDate.rfc822(secondsSinceEpoch: instant, offset: -5 * 3600) == "Fri, 20 Nov 2026 01:30:00 -0500")
        #expect(InternetDate.rfc822(secondsSinceEpoch: instant, offset: 5 * 3600 + 1800) == "Fri, 20 Nov 2026 12:00:00 +0530")
    }
}
