import Foundation
import Testing

/// `nashra import` as a wire desk runs it: the real binary on a copy of a fixture site, then a build.
@Suite struct ImportCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    func nashra(_ arguments: [String], in folder: URL) throws -> Run {
        // The site's "now": 2026-11-27 10:00 in Damascus, for the import's date and the build.
        let run = try Fixtures.run(Fixtures.binary, arguments, in: folder, environment: ["NASHRA_NOW": "2026-11-27T10:00:00+03:00"])
        return Run(status: run.status, output: run.output, errors: run.errors)
    }

    func wire(_ name: String) -> String { Fixtures.root.appendingPathComponent("wire-copy/\(name)").path }

    @Test func importsThenBuildsThePage() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: root.appendingPathComponent("desk"))
        let run = try nashra(["import", "--source", "desk", wire("ar-headline-footer.txt"), wire("ar-no-headline.txt"),
                              wire("not-utf8.txt"), wire("en-damascus.txt"), "--tags", "أسواق"], in: root)
        #expect(run.status == 1, "a file failed, so the run fails")
        #expect(run.errors.contains("\(wire("not-utf8.txt")):1:7: file is not UTF-8 text"))
        #expect(run.output.contains("\(wire("ar-headline-footer.txt")) → desk/content/bulletins/2026/11/افتتاح-سوق-شتوية-للمنتجات-الريفية-في-حلب.md (left out 3 footer lines)"))
        #expect(run.output.hasSuffix("imported 3, already there 0, needs a headline 1 (\(wire("ar-no-headline.txt"))), failed 1\n"))

        let again = try nashra(["import", "--source", "desk", wire("ar-headline-footer.txt")], in: root)
        #expect(again.status == 0)
        #expect(again.output.hasSuffix("imported 0, already there 1, needs a headline 0, failed 0\n"))

        let build = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        #expect(build.status == 0, "\(build.errors)")
        let page = root.appendingPathComponent("out/2026/11/افتتاح-سوق-شتوية-للمنتجات-الريفية-في-حلب/index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("افتتاح سوق شتوية للمنتجات الريفية في حلب"))
        #expect(html.contains("«الأسعار أقل بنحو ١٥ بالمئة»"))
        #expect(!html.contains("تلغرام"))
        // The tag given on the command line has its page; the headline-less draft is not published.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/tags/أسواق/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/2026/11/أعلنت-مؤسسة-المياه-في-حمص-اليوم-عن-انقطاع-المياه-عن-أحياء-الوعر-والإنشاءات-يوم").path))
    }

    @Test func aDryRunPrintsTheFrontMatterAndWritesNothing() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: root.appendingPathComponent("desk"))
        let run = try nashra(["import", "--source", "desk", "--dry-run", wire("en-damascus.txt")], in: root)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("    title: \"Damascus Book Fair opens with 200 publishers\""))
        #expect(run.output.hasSuffix("would import 1, already there 0, needs a headline 0, failed 0\n"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("desk/content/bulletins/2026").path))
    }

    @Test func importsNinjsAndFeedsFromAFolderThenBuilds() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: root.appendingPathComponent("desk"))
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for name in ["ninjs-1.json", "ninjs-3.json", "ninjs-canceled.json", "feed-rss.xml", "feed-atom.xml"] {
            try FileManager.default.copyItem(atPath: wire(name), toPath: inbox.appendingPathComponent(name).path)
        }
        let run = try nashra(["import", "--source", "desk", "inbox"], in: root)
        #expect(run.status == 1, "the canceled item fails the run")
        #expect(run.errors.contains("inbox/ninjs-canceled.json:4:3: the sender withdrew this story (pubStatus: canceled)"))
        #expect(run.output.contains("inbox/feed-rss.xml: already there (desk/content/bulletins/2026/11/افتتاح-مكتبة-عامة-في-طرطوس.md)"))
        #expect(run.output.hasSuffix("imported 6, already there 1, needs a headline 0, failed 1\n"))
        // The canceled file is left where it was.
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("ninjs-canceled.json").path))

        let build = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        #expect(build.status == 0, "\(build.errors)")
        let out = root.appendingPathComponent("out/2026/11")
        let bridge = try String(contentsOf: out.appendingPathComponent("افتتاح-جسر-جديد-فوق-نهر-العاصي-في-حماة/index.html"), encoding: .utf8)
        #expect(bridge.contains("<strong>١٢٠ متراً</strong>") && bridge.contains("<h2"))
        #expect(!bridge.contains("alert(1)"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tartus-library-opens-its-doors/index.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("قطار-سياحي-بين-دمشق-والزبداني/index.html").path))
        // Under embargo until tomorrow: not published yet.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("إطلاق-خدمة-حافلات-ليلية-في-دمشق").path))
    }

    /// Polls `condition` every tenth of a second, for at most `seconds`.
    func wait(atMost seconds: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    @Test func watchImportsWhatLandsInTheDropFolder() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let desk = root.appendingPathComponent("desk")
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: desk)
        let inbox = desk.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let done = inbox.appendingPathComponent("done"), failed = inbox.appendingPathComponent("failed")

        let process = Process()
        process.executableURL = Fixtures.binary
        // A long settle, so that the pause between the two halves below (300 ms) stays well inside
        // it however loaded the machine is.
        process.arguments = ["import", "--watch", "inbox/", "--settle", "1500", "--tags", "ثقافة"]
        process.currentDirectoryURL = desk
        process.environment = ProcessInfo.processInfo.environment.merging(["NASHRA_NOW": "2026-11-27T10:00:00+03:00"]) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Written in two halves with a pause: the first half alone would import as a shorter story.
        let wire = inbox.appendingPathComponent("homs.txt")
        FileManager.default.createFile(atPath: wire.path, contents: nil)
        let writer = try FileHandle(forWritingTo: wire)
        writer.write(Data("معرض للكتاب في حمص\n\nحمص-سانا\nافتتح اليوم معرض للكتاب في المركز الثقافي بحمص.\n\n".utf8))
        usleep(300_000)
        writer.write(Data("ويستمر المعرض عشرة أيام بمشاركة خمسين دار نشر.\n".utf8))
        try writer.close()
        #expect(wait(atMost: 20) { FileManager.default.fileExists(atPath: done.appendingPathComponent("homs.txt").path) })
        let bulletin = desk.appendingPathComponent("content/bulletins/2026/11/معرض-للكتاب-في-حمص.md")
        let text = try String(contentsOf: bulletin, encoding: .utf8)
        #expect(text.contains("خمسين دار نشر"), "the whole file, not its first half")
        #expect(!FileManager.default.fileExists(atPath: wire.path))

        // A broken file goes to failed/, with the reasons beside it; a hidden one is left alone.
        try Data([0x7B, 0x22, 0xFF, 0x22]).write(to: inbox.appendingPathComponent("broken.json"))
        try Data("x".utf8).write(to: inbox.appendingPathComponent(".hidden"))
        let errorFile = failed.appendingPathComponent("broken.json.error")
        #expect(wait(atMost: 20) { FileManager.default.fileExists(atPath: errorFile.path) })
        #expect(FileManager.default.fileExists(atPath: failed.appendingPathComponent("broken.json").path))
        #expect(try String(contentsOf: errorFile, encoding: .utf8).hasPrefix("broken.json:1:3: "))
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent(".hidden").path))

        process.interrupt()
        #expect(wait(atMost: 20) { !process.isRunning })
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(err)")
        #expect(out.contains("inbox/homs.txt → content/bulletins/2026/11/معرض-للكتاب-في-حمص.md\n"))
        #expect(out.contains("inbox/broken.json: failed, moved to inbox/failed/broken.json (why: broken.json.error)\n"))
        #expect(out.hasSuffix("imported 1, already there 0, needs a headline 0, failed 1\n"), "\(out)")

        let build = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        #expect(build.status == 0, "\(build.errors)")
        let page = root.appendingPathComponent("out/2026/11/معرض-للكتاب-في-حمص/index.html")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("خمسين دار نشر"))
    }
}
