import Testing
@testable import NashraDeploy

@Suite struct ProgressDisplayTests {
    func run(_ style: ProgressDisplay.Style) -> (output: String, warnings: String) {
        let captured = CapturedOutput()
        let display = ProgressDisplay(style: style, write: { captured.append($0) }, warn: { captured.appendWarning($0) })
        display.begin("uploading pages", count: 2)
        display.finished("upload", "tags/اقتصاد/index.html", bytes: 2048)
        display.finished("upload", "index.html", bytes: 1024)
        display.note("PutObject s3://news/index.html: HTTP 503; trying again in 0.3 s (2 of 5)")
        display.say("deployed to s3://news/: 2 uploaded (3.0 KB), 0 deleted, 0 unchanged in 0.10 s")
        return (captured.output, captured.warnings)
    }

    @Test func linesStyleWritesOneLinePerFile() {
        let (output, warnings) = run(.lines)
        #expect(output == """
            upload tags/اقتصاد/index.html
            upload index.html
            deployed to s3://news/: 2 uploaded (3.0 KB), 0 deleted, 0 unchanged in 0.10 s

            """)
        #expect(warnings == "warning: PutObject s3://news/index.html: HTTP 503; trying again in 0.3 s (2 of 5)\n")
    }

    @Test func terminalStyleRedrawsOneLine() {
        let (output, warnings) = run(.terminal)
        #expect(!output.contains("upload "))
        #expect(output.hasPrefix("deployed to"))
        // The first file draws the line; the last one always does; a warning clears it first.
        #expect(warnings.hasPrefix("\r\u{1B}[2Kuploading pages 1/2 · 2.0 KB · tags/اقتصاد/index.html"))
        #expect(warnings.contains("\r\u{1B}[2Kuploading pages 2/2 · 3.0 KB · index.html"))
        #expect(warnings.contains("\r\u{1B}[2Kwarning: PutObject"))
    }

    @Test func quietStyleKeepsOnlyWarnings() {
        let (output, warnings) = run(.quiet)
        #expect(output.isEmpty)
        #expect(warnings.hasPrefix("warning: "))
    }

    @Test(arguments: [(Int64(0), "0 B"), (912, "912 B"), (1024, "1.0 KB"), (14_540, "14.2 KB"), (3_250_586, "3.1 MB")])
    func byteCounts(_ bytes: Int64, _ text: String) {
        #expect(ByteCountFormat.string(bytes) == text)
    }
}
