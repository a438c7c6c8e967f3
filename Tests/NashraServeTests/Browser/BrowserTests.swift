import Foundation
import Testing

extension OneAtATime {
    /// A real headless Chromium (driven by `live_reload_browser.py` through selenium) opens a bulletin
    /// from the real `nashra serve`, the Markdown is edited on disk, and the new text must show up
    /// without a manual reload. Needs what scripts/install-test-deps installs; set
    /// NASHRA_SKIP_BROWSER_TESTS=1 to leave it out on a machine without a browser.
    @Suite struct BrowserTests {
        static let script = ServeFixtures.testSources.appendingPathComponent("Browser/live_reload_browser.py")

        @Test(.enabled(if: ProcessInfo.processInfo.environment["NASHRA_SKIP_BROWSER_TESTS"] == nil))
        func aBulletinReloadsInChromiumAfterItsMarkdownIsSaved() async throws {
            let site = try ServeFixtures.copy("ar-basic")
            defer { ServeFixtures.remove(site) }
            let serve = try ServeProcess(["serve", "--port", "0", "--source", site.path])
            defer { serve.signal(SIGTERM) }
            let address = try await serve.address()
            let bulletin = address.appendingPathComponent("2026/11/aleppo-rain/")

            let run = try await BoundedRun.python([
                Self.script.path, "--url", bulletin.absoluteString,
                "--markdown", site.appendingPathComponent("content/bulletins/aleppo-rain.md").path,
                "--text", "أعلنت البلدية فتح مراكز إيواء مؤقتة للعائلات المتضررة.", "--timeout", "10",
                "--arabic-url", "http://127.0.0.1:\(address.port!)/news/tags/طقس/", "--arabic-title", "طقس",
            ], timeout: .seconds(90))
            print("browser: \(run.output)")
            if run.status == 2 {
                Issue.record("the browser test needs Chromium, chromedriver and selenium: \(run.output)")
                return
            }
            #expect(run.status == 0, "\(run.output)\n\(run.errors)\nserver: \(serve.standardError)")
            #expect(run.output.contains("\"ok\": true"))
            #expect(run.output.contains("أمطار غزيرة في حلب"))
            #expect(run.output.contains("\"arabic_url_sent_as\": \"http://127.0.0.1:\(address.port!)/news/tags/%D8%B7%D9%82%D8%B3/\""))
        }
    }
}

/// A helper process with its output read to the end and its time bounded: killed when over.
struct BoundedRun: Sendable {
    var status: Int32
    var output: String
    var errors: String

    static func python(_ arguments: [String], timeout: Duration) async throws -> BoundedRun {
        try await RawHTTP.offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(timeout.milliseconds), execute: killer)
            let group = DispatchGroup()
            nonisolated(unsafe) var errors = Data()
            group.enter()
            DispatchQueue.global().async {
                errors = err.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            let output = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            killer.cancel()
            return BoundedRun(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                              errors: String(decoding: errors, as: UTF8.self))
        }
    }
}
