import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import NashraServe

extension OneAtATime {
    /// Saving files while the preview runs: rebuilds, reload events, new pages, errors and recovery.
    @Suite struct LiveReloadTests {
        static let rain = "content/bulletins/aleppo-rain.md"
        static let wheat = "content/bulletins/damascus-wheat.md"

        @Test func aSavedBulletinSendsAReloadEvent() async throws {
            try await LivePreview.run { live in
                let events = try await live.events()
                let clock = ContinuousClock()
                let saved = clock.now
                try live.save(Self.rain, try live.read(Self.rain) + "\nوصلت فرق الدفاع المدني إلى الأحياء المتضررة.\n")
                #expect(try await events.waitFor("event: reload", timeout: .seconds(5)), "\(events.text)")
                let elapsed = clock.now - saved
                print("save → reload event: \(elapsed.milliseconds) ms")
                // About 100 ms on an idle machine (50 ms of quiet, then a ~40 ms build); the bound is
                // loose because CI runs the other test targets beside this one on two cores.
                #expect(elapsed < .seconds(3))

                let page = String(buffer: try await live.get("/news/2026/11/aleppo-rain/").body)
                #expect(page.contains("وصلت فرق الدفاع المدني"))
            }
        }

        /// After the first, a save is built from the paths the watcher reported, without walking
        /// the content folder (the first walks: the watcher started after the first build).
        @Test func savesAreBuiltFromTheWatchersReport() async throws {
            try await LivePreview.run { live in
                for (round, (path, slug)) in [(Self.rain, "aleppo-rain"), (Self.wheat, "damascus-wheat"), (Self.rain, "aleppo-rain")].enumerated() {
                    let line = "سطر جديد رقم \(round)."
                    try live.save(path, try live.read(path) + "\n\(line)\n")
                    #expect(await eventually { (try? await live.get("/news/2026/11/\(slug)/")).map { String(buffer: $0.body).contains(line) } ?? false })
                }
                #expect(await live.preview.builder.lastReport?.contentPatched == true)
                #expect(String(buffer: try await live.get("/news/2026/11/aleppo-rain/").body).contains("سطر جديد رقم 0."))
            }
        }

        @Test func aBurstOfSavesGivesOneRebuild() async throws {
            try await LivePreview.run { live in
                let events = try await live.events()
                let before = await live.generation
                // Five files saved within a few milliseconds, as "save all" in an editor does.
                for (index, name) in ["aleppo-rain", "aleppo-music", "damascus-wheat", "beirut-storage", "draft-fares"].enumerated() {
                    let path = "content/bulletins/\(name).md"
                    try live.save(path, try live.read(path) + "\nسطر \(index).\n")
                }
                #expect(await eventually { await live.generation == before + 1 })
                try await Task.sleep(for: .milliseconds(600))
                #expect(await live.generation == before + 1)
                #expect(try await events.waitFor("event: reload", timeout: .seconds(2)))
                #expect(!(try await events.waitFor("event: reload", occurrence: 2, timeout: .milliseconds(300))))
            }
        }

        @Test func aNewTagPageAppearsWhenABulletinGainsTheTag() async throws {
            try await LivePreview.run { live in
                let dams = "/news/tags/%D8%B3%D8%AF%D9%88%D8%AF/"
                #expect(try await live.get(dams).status == .notFound)
                let events = try await live.events()
                try live.save(Self.wheat, try live.read(Self.wheat).replacingOccurrences(of: "tags: [زراعة, اقتصـاد]", with: "tags: [زراعة, اقتصـاد, سدود]"))
                #expect(try await events.waitFor("event: reload", timeout: .seconds(5)))
                let page = try await live.get(dams)
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("موسم القمح في ريف دمشق"))
                #expect(String(buffer: try await live.get("/news/tags/").body).contains("سدود"))
            }
        }

        @Test func aBrokenSaveShowsTheErrorsAndTheNextGoodSaveClearsThem() async throws {
            try await LivePreview.run { live in
                let events = try await live.events()
                let good = try live.read(Self.rain)
                try live.save(Self.rain, good.replacingOccurrences(of: "date: 2026-11-20 09:30", with: "date: yesterday <noon>"))
                #expect(try await events.waitFor("event: reload", timeout: .seconds(5)))

                let broken = try await live.get("/news/2026/11/aleppo-rain/")
                #expect(broken.status == .ok)   // the last good build, under the overlay
                let page = String(buffer: broken.body)
                #expect(page.contains("id=\"nashra-build-errors\""))
                #expect(page.contains("content/bulletins/aleppo-rain.md:3:7: &#39;date&#39; is not a date"), "\(page)")
                #expect(!page.contains("yesterday <noon>"))
                #expect(page.contains("هطلت أمطار غزيرة"))
                // The overlay is on every page, the 404 page too, and never in other files.
                #expect(String(buffer: try await live.get("/news/").body).contains("nashra-build-errors"))
                #expect(String(buffer: try await live.get("/news/missing/").body).contains("nashra-build-errors"))
                #expect(!String(buffer: try await live.get("/news/style.css").body).contains("nashra-build-errors"))

                try live.save(Self.rain, good + "\nعادت الحركة إلى طبيعتها.\n")
                #expect(try await events.waitFor("event: reload", occurrence: 2, timeout: .seconds(5)))
                let fixed = String(buffer: try await live.get("/news/2026/11/aleppo-rain/").body)
                #expect(!fixed.contains("nashra-build-errors"))
                #expect(fixed.contains("عادت الحركة إلى طبيعتها"))
            }
        }

        @Test func templatesStaticFilesAndTheConfigAreWatchedToo() async throws {
            try await LivePreview.run { live in
                let events = try await live.events()
                try live.save("nashra.yaml", try live.read("nashra.yaml").replacingOccurrences(of: "title: نشرة الاختبار", with: "title: نشرة المعاينة"))
                #expect(try await events.waitFor("event: reload", occurrence: 1, timeout: .seconds(5)))
                #expect(String(buffer: try await live.get("/news/").body).contains("نشرة المعاينة"))

                try live.save("static/extra.css", "body { color: black; }\n")
                #expect(try await events.waitFor("event: reload", occurrence: 2, timeout: .seconds(5)))
                #expect(try await live.get("/news/extra.css").status == .ok)

                try live.save("templates/404.mustache", "{{<base}}{{$main}}<h1>لا شيء هنا</h1>{{/main}}{{/base}}\n")
                #expect(try await events.waitFor("event: reload", occurrence: 3, timeout: .seconds(5)))
                let missing = try await live.get("/news/missing/")
                #expect(missing.status == .notFound)
                #expect(String(buffer: missing.body).contains("لا شيء هنا"))

                // A bulletin in a folder that did not exist when watching began.
                try live.save("content/2027/first.md", "---\ntitle: أول خبر في المجلد الجديد\ndate: 2026-11-22\nlocation: حمص\n---\n\nنص.\n")
                #expect(try await events.waitFor("event: reload", occurrence: 4, timeout: .seconds(5)))
                #expect(try await live.get("/news/2026/11/first/").status == .ok)
            }
        }

        @Test func aPageConnectingAfterABuildIsToldItIsStale() async throws {
            try await LivePreview.run(watching: false) { live in
                let page = String(buffer: try await live.get("/news/").body)
                let generation = await live.generation
                #expect(page.contains("const generation = \(generation);"))
                await live.preview.build()
                let events = try await live.events()
                #expect(events.text.contains("event: hello\ndata: \(generation + 1)\n"))
            }
        }
    }
}
