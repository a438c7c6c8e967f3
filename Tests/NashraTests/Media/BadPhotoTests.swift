import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Photos that must not be published: damaged, cut short, too many pixels (a decompression bomb),
/// outside the site, missing; and an SVG with a script, which is published as a file but never put
/// into a page. Each failure is an error at the `image:` line, and the previous site stays as it was.
@Suite struct BadPhotoTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    /// Builds the fixture, breaks it with `change`, builds again: the errors, and the output
    /// checked to be byte for byte what the good build left.
    func failedBuild(_ change: (Newsroom) throws -> Void) throws -> [String] {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let before = try Newsroom.snapshot(newsroom.output)
        try change(newsroom)
        var errors: [String] = []
        do {
            _ = try newsroom.build()
            Issue.record("the build succeeded")
        } catch let failure as Diagnostics {
            errors = failure.diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        #expect(try Newsroom.snapshot(newsroom.output) == before, "the previous site changed")
        return errors
    }

    /// What `nashra check` says of the same broken site, reading only the photos' headers.
    func checkErrors(_ change: (Newsroom) throws -> Void) throws -> [String] {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        try change(newsroom)
        let report = SiteCheck.run(BuildOptions(siteFolder: newsroom.site, rules: Self.rules))
        return report.findings.map(\.diagnostic).filter { $0.severity == .error }.map(\.description)
    }

    func write(_ bytes: [UInt8], _ path: String, in newsroom: Newsroom) throws {
        try Data(bytes).write(to: newsroom.site.appendingPathComponent(path))
    }

    @Test func aDamagedFileIsAnErrorAtTheImageLine() throws {
        let errors = try failedBuild { newsroom in
            try write(Array("this is not a picture at all".utf8), "static/images/market.png", in: newsroom)
        }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/bulletins/market.md:5:14: the photo static/images/market.png cannot be read as an image") == true, "\(errors)")
        let checked = try checkErrors { newsroom in
            try write(Array("this is not a picture at all".utf8), "static/images/market.png", in: newsroom)
        }
        #expect(checked.count == 1 && checked.first?.hasPrefix("content/bulletins/market.md:5:14: the photo static/images/market.png cannot be read as an image") == true, "\(checked)")
    }

    @Test func aFileCutShortIsAnError() throws {
        let errors = try failedBuild { newsroom in
            let url = newsroom.site.appendingPathComponent("content/bulletins/rain/street.jpg")
            let bytes = try Data(contentsOf: url)
            try bytes.prefix(bytes.count / 2).write(to: url)
        }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/bulletins/rain/index.md:7:8: the photo content/bulletins/rain/street.jpg cannot be decoded") == true, "\(errors)")
    }

    /// A PNG whose header claims 20,000 × 20,000 pixels and that has no pixels at all: refused from
    /// the header (decoding would fail differently, or take 1.6 GB).
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xffff_ffff
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
            }
            return ~crc
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc(body))
        }
        let header = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        // One IDAT holding an empty zlib stream: the header is complete, the pixels are not there.
        return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] + chunk("IHDR", header)
            + chunk("IDAT", [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() throws {
        let errors = try failedBuild { newsroom in
            try write(Self.pngHeader(width: 20_000, height: 20_000), "static/images/market.png", in: newsroom)
        }
        #expect(errors == ["content/bulletins/market.md:5:14: the photo static/images/market.png is 20000×20000 pixels, more than "
                           + "images.maxPixels (50000000); it was not decoded: make it smaller, or raise images.maxPixels in nashra.yaml"])
        // `nashra check` finds it too, from the header, without making anything.
        let checked = try checkErrors { newsroom in
            try write(Self.pngHeader(width: 20_000, height: 20_000), "static/images/market.png", in: newsroom)
        }
        #expect(checked == errors)
    }

    @Test func thePixelLimitIsASettingAndHoldsForCachedPhotosToo() throws {
        let errors = try failedBuild { newsroom in
            try newsroom.edit("nashra.yaml") { $0 + "images: { maxPixels: 100000 }\n" }
        }
        #expect(errors.count == 2)
        #expect(errors.contains { $0.hasPrefix("content/bulletins/market.md:5:14: the photo static/images/market.png is 240000 pixels, more than images.maxPixels (100000)") })
        let checked = try checkErrors { newsroom in
            try newsroom.edit("nashra.yaml") { $0 + "images: { maxPixels: 100000 }\n" }
        }
        #expect(checked.count == 2 && checked.contains { $0.hasPrefix("content/bulletins/market.md:5:14: the photo static/images/market.png is 600×400 pixels, more than images.maxPixels (100000)") },
                "\(checked)")
    }

    @Test(arguments: [
        ("../../../../../etc/passwd", "is outside the site folder"),
        ("/../../outside.jpg", "is outside the site folder"),
        ("nowhere.jpg", "does not exist: no file at content/bulletins/nowhere.jpg"),
    ])
    func aPathOutsideTheSiteOrMissingIsAnError(_ src: String, _ message: String) throws {
        let errors = try failedBuild { newsroom in
            try newsroom.edit("content/bulletins/plain.md") { $0.replacingOccurrences(of: "date: 2026-11-17 08:00", with: "date: 2026-11-17 08:00\nimage: {src: '\(src)', alt: x}") }
        }
        #expect(errors.count == 1 && errors[0].hasPrefix("content/bulletins/plain.md:4:14: the photo '\(src)' \(message)"), "\(errors)")
    }

    @Test func anSVGWithAScriptIsPublishedAsAFileAndNeverInlined() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>alert(document.cookie)</script><rect width="40" height="20" fill="teal"/></svg>"#
        Fixtures.write(["static/images/emblem.svg": svg], in: newsroom.site)
        try newsroom.edit("content/bulletins/plain.md") { $0.replacingOccurrences(of: "date: 2026-11-17 08:00", with: "date: 2026-11-17 08:00\nimage: {src: /images/emblem.svg, alt: شعار}") }
        let report = try newsroom.build()
        #expect(report.imagesProcessed == 4)
        let folder = try PhotoDeskTests.photoFolder(newsroom.output, stem: "emblem")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["emblem.svg"])
        #expect(try String(contentsOf: folder.appendingPathComponent("emblem.svg"), encoding: .utf8) == svg)
        let page = try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/plain/index.html"), encoding: .utf8)
        #expect(page.contains(#"<img src="/images/\#(folder.lastPathComponent)/emblem.svg" alt="شعار">"#))
        #expect(!page.contains("alert(") && !page.contains("<svg"))
    }
}
