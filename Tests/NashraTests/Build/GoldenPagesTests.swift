import Foundation
import Testing
@testable import Nashra

/// A handful of pages whose exact bytes matter, compared with the files recorded under
/// `Tests/Fixtures/golden/<fixture>/`. After a change meant to alter them, record them again with
/// `NASHRA_RECORD_GOLDEN=1 swift test --filter GoldenPagesTests` and review the diff in git before
/// committing it: a golden file is only as good as the reading of its last diff.
@Suite struct GoldenPagesTests {
    static let recording = ProcessInfo.processInfo.environment["NASHRA_RECORD_GOLDEN"] != nil
    static let goldenRoot = Fixtures.root.appendingPathComponent("golden")

    static let pages: [(fixture: String, path: String)] = [
        ("ar-basic", "index.html"),
        ("ar-basic", "2026/11/aleppo-rain/index.html"),
        ("ar-basic", "tags/طقس/index.html"),
        ("ar-basic", "locations/حلب/index.html"),
        ("ar-basic", "index.xml"),
        ("ar-basic", "atom.xml"),
        ("ar-basic", "feed.json"),
        ("ar-basic", "2026/11/aleppo-rain/ninjs.json"),
        ("mixed-bidi", "index.html"),
        ("pages-sections", "رياضة/index.html"),
        ("pages-sections", "رياضة/index.xml"),
        ("pages-sections", "about/index.html"),
        ("pages-sections", "2026/11/match-2/index.html"),
    ]

    /// Each fixture is built once, with a fixed "now" (2027-01-15) so that nothing depends on the day.
    static let built: [String: URL] = {
        var outputs: [String: URL] = [:]
        for fixture in Set(pages.map(\.fixture)) {
            let scratch = Fixtures.scratch()
            let output = scratch.appendingPathComponent("site")
            var options = BuildOptions(siteFolder: Fixtures.site(fixture), outputFolder: output,
                                       rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)),
                                       displayPrefix: fixture)
            if !FileManager.default.fileExists(atPath: Fixtures.site(fixture).appendingPathComponent("nashra.yaml").path) {
                options = BuildOptions(siteFolder: nil, contentFolder: Fixtures.site(fixture), outputFolder: output,
                                       rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)),
                                       displayPrefix: fixture)
            }
            options.cacheFolder = scratch.appendingPathComponent("cache")
            _ = try! Builder.build(options)
            outputs[fixture] = output
        }
        return outputs
    }()

    @Test(arguments: pages.map { "\($0.fixture)/\($0.path)" })
    func pageMatchesItsGoldenFile(_ page: String) throws {
        let fixture = String(page.prefix { $0 != "/" })
        let path = String(page.dropFirst(fixture.count + 1))
        let output = try #require(Self.built[fixture])
        let actual = try Data(contentsOf: output.appendingPathComponent(path))
        let golden = Self.goldenRoot.appendingPathComponent(fixture).appendingPathComponent(path)
        if Self.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: golden.path),
                                    "no golden file \(golden.path): record it with NASHRA_RECORD_GOLDEN=1")
        if actual != expected {
            let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(page) differs from its golden file at line \(line + 1):
                  expected: \(line < expectedLines.count ? String(expectedLines[line]) : "(end of file)")
                  actual:   \(line < actualLines.count ? String(actualLines[line]) : "(end of file)")
                if the change is intended, record again with NASHRA_RECORD_GOLDEN=1 and review the diff
                """)
        }
    }
}
