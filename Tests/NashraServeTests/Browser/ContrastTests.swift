import Foundation
import Testing

extension OneAtATime {
    /// The default theme's text reaches WCAG AA in both colour schemes, measured in a real headless
    /// Chromium (`contrast_browser.py`) on the example site as `nashra build` writes it: a bulletin
    /// with the urgent badge and related list, one with corrections, an English one, the home page,
    /// a tag page and a location page. Skipped only where Chromium, chromedriver or selenium is
    /// absent (scripts/install-serve-test-deps installs them) or NASHRA_SKIP_BROWSER_TESTS is set.
    @Suite struct ContrastTests {
        static let script = ServeFixtures.testSources.appendingPathComponent("Browser/contrast_browser.py")
        static let exampleSite = ServeFixtures.root.deletingLastPathComponent().deletingLastPathComponent()

        static var browserPresent: Bool {
            guard ProcessInfo.processInfo.environment["NASHRA_SKIP_BROWSER_TESTS"] == nil else { return false }
            let hasChromium = ["chromium", "chromium-browser"].contains { Self.onPath($0) }
            return hasChromium && onPath("chromedriver") && succeeds(["python3", "-c", "import selenium"])
        }

        @Test(.enabled(if: browserPresent, "needs Chromium, chromedriver and selenium"))
        func everyTextReachesAAInBothColourSchemes() async throws {
            let scratch = ServeFixtures.scratch()
            defer { try? FileManager.default.removeItem(at: scratch) }
            let source = scratch.appendingPathComponent("site")
            let output = scratch.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            for part in ["nashra.yaml", "content", "themes", "static"] {
                try FileManager.default.copyItem(at: Self.exampleSite.appendingPathComponent(part),
                                                 to: source.appendingPathComponent(part))
            }
            // No example bulletin has corrections; the box has its own background, so one is added.
            try ServeFixtures.write(["content/bulletins/2026/corrected.md": """
                ---
                title: تصحيح في نشرة الطقس
                date: 2026-11-22
                location: حلب
                tags: [طقس]
                corrections:
                  - date: 2026-11-23
                    text: ذكرت نسخة سابقة أن الأمطار بلغت ٥٠ ملم، والصحيح ٤٠ ملم.
                ---

                نص الخبر بعد التصحيح.
                """], in: source)
            #expect(Self.succeeds([ServeFixtures.binary.path, "build", "--quiet", "--drafts", "--source", source.path, "--output", output.path]))

            let bulletins = try Self.pages(in: output, under: "2026")
            let urgent = bulletins.first { $0.html.contains("class=\"urgent-line\"") && $0.html.contains("class=\"related\"") }
            let corrected = bulletins.first { $0.html.contains("class=\"corrections\"") }
            // The example's English bulletins are its English edition's, under /en/.
            let english = try Self.pages(in: output, under: "en/2026").first { $0.html.contains("<html lang=\"en\"") }
            let tag = try Self.pages(in: output, under: "tags").first { $0.path != "/tags/" }
            let location = try Self.pages(in: output, under: "locations").first { $0.path != "/locations/" }
            let chosen = [urgent, corrected, english, tag, location].compactMap { $0?.path }
            #expect(chosen.count == 5, "the example site lacks a page this test measures: \(chosen)")

            let run = try await BoundedRun.python(
                [Self.script.path, "--root", output.path, "--page", "/"] + chosen.flatMap { ["--page", $0] },
                timeout: .seconds(240))
            if run.status == 2 {
                Issue.record("the browser could not start: \(run.output) \(run.errors)")
                return
            }
            #expect(run.status == 0, "text under WCAG AA contrast:\n\(run.output)\n\(run.errors)")
            // Each page and scheme measured some text: an empty page would pass for nothing.
            let report = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
            let checked = report?["checked"] as? [String: Int] ?? [:]
            #expect(checked.count == 2 * (chosen.count + 1), "\(checked)")
            #expect(checked.values.allSatisfy { $0 > 10 }, "\(checked)")
        }

        struct BuiltPage {
            var path: String
            var html: String
        }

        /// The HTML pages below `folder` of the built site, by the path a browser asks for.
        static func pages(in site: URL, under folder: String) throws -> [BuiltPage] {
            let base = site.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
            var pages: [BuiltPage] = []
            for case let file as URL in walk where file.lastPathComponent == "index.html" {
                let relative = file.deletingLastPathComponent().path.dropFirst(site.path.count)
                pages.append(BuiltPage(path: relative + "/", html: try String(contentsOf: file, encoding: .utf8)))
            }
            return pages.sorted { $0.path < $1.path }
        }

        static func onPath(_ command: String) -> Bool {
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/\(command)")
            }
        }

        static func succeeds(_ command: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }
}
