import Foundation
import Testing

extension OneAtATime {
    /// The search page in a real headless Chromium (`search_browser.py`, selenium) on the
    /// `search` fixture as `nashra build` writes it: `/search/?q=…` with Arabic variant spellings
    /// finds the expected bulletins, newest first among equals; hostile queries say "no results";
    /// typing finds results; corrupt shards show a message; the console stays clean.
    @Suite struct SearchBrowserTests {
        static let script = ServeFixtures.testSources.appendingPathComponent("Browser/search_browser.py")

        @Test(.enabled(if: ContrastTests.browserPresent, "needs Chromium, chromedriver and selenium"))
        func variantSpellingsFindTheirBulletins() async throws {
            let scratch = ServeFixtures.scratch()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let site = try ServeFixtures.copy("search")
            defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
            let output = scratch.appendingPathComponent("out")
            #expect(ContrastTests.succeeds([ServeFixtures.binary.path, "build", "--quiet", "--source", site.path, "--output", output.path]))
            // The page without its script says what to do instead.
            let page = try String(contentsOf: output.appendingPathComponent("search/index.html"), encoding: .utf8)
            #expect(page.contains("<noscript>") && page.contains("JavaScript"))

            let broken = scratch.appendingPathComponent("broken")
            try FileManager.default.copyItem(at: output, to: broken)
            for shard in try FileManager.default.contentsOfDirectory(atPath: broken.appendingPathComponent("search/t").path) {
                try Data("{\"not json".utf8).write(to: broken.appendingPathComponent("search/t/\(shard)"))
            }

            let cases: [[String: Any]] = [
                ["q": "الرقه", "expect": ["raqqa-water"]],
                ["q": "ببيروت", "expect": ["beirut-port"]],
                ["q": "سوريا", "expect": ["syria-wheat"]],
                ["q": "اعلان", "expect": ["beirut-port"]],
                ["q": "٢٠٣٠", "expect": ["raqqa-water", "syria-wheat"]],
                ["q": "الشرقية", "expect": ["raqqa-water", "aleppo-rain"]],
                ["q": "\"وزير النقل\"", "expect": ["beirut-port"]],
                ["q": "harvest", "expect": ["english-report"]],
                ["q": "الموازنة", "expect": [String]()],
                ["q": "😀 !!! \u{200F}", "expect": [String]()],
                ["q": String(repeating: "كلمة ", count: 2_000), "expect": [String]()],
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: cases), as: UTF8.self)
            let run = try await BoundedRun.python([
                Self.script.path, "--root", output.path, "--cases", json, "--type", "حلب", "--type-expect", "aleppo-rain",
                "--broken-root", broken.path,
            ], timeout: .seconds(240))
            if run.status == 2 {
                Issue.record("the browser could not start: \(run.output) \(run.errors)")
                return
            }
            #expect(run.status == 0, "\(run.output)\n\(run.errors)")
            #expect(run.output.contains("\"broken\": \"تعذّر تحميل فهرس البحث"), "\(run.output)")
        }
    }
}
