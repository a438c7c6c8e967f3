import Foundation
import Testing
@testable import Nashra
import NashraCore

/// Whole builds of `Tests/Fixtures/photos`: a page bundle whose JPEG carries EXIF orientation 6 and
/// a GPS position, a PNG under static/, a photo given as a web address (no alt) and a bulletin with none.
/// The files are checked with libvips' own tools (`vipsheader`, `vips getpoint`).
@Suite struct PhotoDeskTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    static func vips(_ tool: String, _ arguments: [String]) throws -> String {
        let run = try Fixtures.run(URL(fileURLWithPath: "/usr/bin/" + tool), arguments)
        try #require(run.status == 0, "\(tool) \(arguments): \(run.errors)")
        return run.output
    }

    /// The one folder of `images/` whose files are named `stem-…`.
    static func photoFolder(_ output: URL, stem: String) throws -> URL {
        let images = output.appendingPathComponent("images")
        for folder in try FileManager.default.contentsOfDirectory(atPath: images.path) {
            let files = try FileManager.default.contentsOfDirectory(atPath: images.appendingPathComponent(folder).path)
            if files.contains(where: { $0.hasPrefix(stem + "-") || $0.hasPrefix(stem + ".") }) { return images.appendingPathComponent(folder) }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test func eachPhotoIsMadeInEveryWidthAsWebPAndItsOwnFormat() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        let report = try newsroom.build()
        // The two lead photos, and the bundle's map cleaned of metadata.
        #expect(report.imagesProcessed == 3)
        let street = try Self.photoFolder(newsroom.output, stem: "street")
        // Stored 1800×1100 with orientation 6: shown 1100 wide and 1800 high, so 480, 960 and its own 1100.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: street.path)) == [
            "street-480.webp", "street-960.webp", "street-1100.webp", "street-480.jpg", "street-960.jpg", "street-1100.jpg",
        ])
        for (file, width, height) in [("street-1100.jpg", 1100, 1800), ("street-480.webp", 480, 785), ("street-960.jpg", 960, 1571)] {
            let path = street.appendingPathComponent(file).path
            #expect(try Self.vips("vipsheader", ["-f", "width", path]).trimmed() == "\(width)", "\(file)")
            #expect(try Self.vips("vipsheader", ["-f", "height", path]).trimmed() == "\(height)", "\(file)")
        }
        // The original under static/ is not published beside them (its metadata would be).
        #expect(!FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("images/market.png").path))
        let market = try Self.photoFolder(newsroom.output, stem: "market")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: market.path)) == [
            "market-480.webp", "market-600.webp", "market-480.png", "market-600.png",
        ])
    }

    @Test func orientationIsAppliedAndEveryMetadataFieldIsStripped() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let street = try Self.photoFolder(newsroom.output, stem: "street")
        for file in try FileManager.default.contentsOfDirectory(atPath: street.path) {
            let fields = try Self.vips("vipsheader", ["-a", street.appendingPathComponent(file).path]).lowercased()
            #expect(!fields.contains("gps"), "\(file) keeps a GPS field")
            #expect(!fields.contains("exif"), "\(file) keeps EXIF")
            #expect(!fields.contains("nashratestcam"), "\(file) keeps the camera's name")
            #expect(!fields.contains("orientation: 6"), "\(file) keeps its orientation tag")
        }
        // The stored image's left third is red; turned upright it is the top band.
        let shown = street.appendingPathComponent("street-480.jpg").path
        let top = try Self.vips("vips", ["getpoint", shown, "240", "20"]).split(separator: " ").compactMap { Double($0) }
        let bottom = try Self.vips("vips", ["getpoint", shown, "240", "760"]).split(separator: " ").compactMap { Double($0) }
        #expect(top.count == 3 && top[0] > 150 && top[2] < 90, "top is \(top)")
        #expect(bottom.count == 3 && bottom[0] < 150, "bottom is \(bottom)")
    }

    @Test func theBulletinShowsItsPhotoInAFigureAndSharesIt() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let hash = try Self.photoFolder(newsroom.output, stem: "street").lastPathComponent
        let page = try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/rain/index.html"), encoding: .utf8)
        let base = "/images/\(hash)/street"
        #expect(page.contains(#"<source type="image/webp" srcset="\#(base)-480.webp 480w, \#(base)-960.webp 960w, \#(base)-1100.webp 1100w""#))
        #expect(page.contains(#"<img src="\#(base)-1100.jpg" srcset="\#(base)-480.jpg 480w, \#(base)-960.jpg 960w, \#(base)-1100.jpg 1100w""#))
        #expect(page.contains(#"width="1100" height="1800" alt="شارع تغمره المياه بين مبانٍ منخفضة ونوافذ مضاءة">"#))
        #expect(!page.contains(#"loading="lazy""#))
        #expect(page.contains(#"<figcaption><span class="caption">شارع في حي الشعار بعد ساعة من بدء الهطول.</span> <span class="credit"><span class="visually-hidden">تصوير: </span>ريم الأحمد</span></figcaption>"#))
        #expect(page.contains(#"<meta property="og:image" content="https://photos.example\#(base)-1100.jpg">"#))
        #expect(page.contains(#"<meta property="og:image:width" content="1100">"#))
        #expect(page.contains(#"<meta property="og:image:height" content="1800">"#))
        #expect(page.contains(#"<meta name="twitter:image" content="https://photos.example\#(base)-1100.jpg">"#))
        let json = try #require(page.components(separatedBy: #"<script type="application/ld+json">"#).last?.components(separatedBy: "</script>").first)
        let article = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let image = try #require(article["image"] as? [String: Any])
        #expect(image["@type"] as? String == "ImageObject")
        #expect(image["url"] as? String == "https://photos.example\(base)-1100.jpg")
        #expect(image["width"] as? Int == 1100 && image["height"] as? Int == 1800)

        // Lists show it small, lazily.
        let home = try String(contentsOf: newsroom.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains(#"<img src="\#(base)-480.jpg" srcset="\#(base)-480.jpg 480w, \#(base)-960.jpg 960w, \#(base)-1100.jpg 1100w" sizes="8rem" width="480" height="785" alt="شارع تغمره المياه بين مبانٍ منخفضة ونوافذ مضاءة" loading="lazy">"#))
    }

    @Test func aBundleTakesItsSlugFromItsFolderAndPublishesItsFilesButNotTheOriginalPhoto() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        let folder = newsroom.output.appendingPathComponent("2026/11/rain")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["index.html", "map.png", "ninjs.json"])
        let map = folder.appendingPathComponent("map.png").path
        #expect(try Self.vips("vipsheader", ["-f", "width", map]).trimmed() == "200")
        let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains(#"<img src="map.png" alt="خريطة الأحياء المتضررة""#))
    }

    /// A phone's photo dropped beside a bundle's bulletin (GPS position, camera, orientation 6) is
    /// published under its name, upright, at most 1,600 wide, with none of its metadata.
    @Test func aBundlesOtherPhotosArePublishedWithoutTheirMetadata() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        let bundle = newsroom.site.appendingPathComponent("content/bulletins/rain")
        try FileManager.default.copyItem(at: bundle.appendingPathComponent("street.jpg"), to: bundle.appendingPathComponent("scene.jpg"))
        try newsroom.edit("content/bulletins/rain/index.md") { $0 + "\n![الشارع من زاوية أخرى](scene.jpg)\n" }
        let report = try newsroom.build()
        #expect(report.imagesProcessed == 4)
        let scene = newsroom.output.appendingPathComponent("2026/11/rain/scene.jpg").path
        let fields = try Self.vips("vipsheader", ["-a", scene]).lowercased()
        #expect(!fields.contains("gps") && !fields.contains("exif") && !fields.contains("nashratestcam") && !fields.contains("orientation"), "\(fields)")
        #expect(try Self.vips("vipsheader", ["-f", "width", scene]).trimmed() == "1100")
        #expect(try Self.vips("vipsheader", ["-f", "height", scene]).trimmed() == "1800")
        #expect(try newsroom.build().imagesProcessed == 0)
        try newsroom.expectSameAsCleanBuild("with a bundle photo")

        // A bundle file named as a photo that is not one: an error at the bulletin, the site kept.
        try Data("not a photo".utf8).write(to: bundle.appendingPathComponent("broken.jpg"))
        let before = try Newsroom.snapshot(newsroom.output)
        do {
            _ = try newsroom.build()
            Issue.record("the build succeeded")
        } catch let failure as Diagnostics {
            let errors = failure.diagnostics.map(\.description)
            #expect(errors.count == 1 && errors[0].hasPrefix("content/bulletins/rain/index.md")
                    && errors[0].contains("the photo content/bulletins/rain/broken.jpg beside the bulletin cannot be read as an image"), "\(errors)")
        }
        #expect(try Newsroom.snapshot(newsroom.output) == before)
    }

    @Test func aPhotoWithoutAltIsAWarningAndAWebAddressIsUsedAsWritten() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        let report = try newsroom.build()
        #expect(report.warnings.map(\.description).contains {
            $0.hasPrefix("content/bulletins/wire.md:4:8: warning: the photo has no 'alt' text")
        })
        let page = try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/wire/index.html"), encoding: .utf8)
        #expect(page.contains(#"<img src="https://wire.example/photos/port.jpg" alt="">"#))
        #expect(page.contains(#"<meta property="og:image" content="https://wire.example/photos/port.jpg">"#))
    }

    @Test func anUnchangedPhotoIsNeverProcessedTwiceAndNewBytesGiveNewURLs() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        // The two lead photos and the bundle's map (cleaned of metadata).
        #expect(try newsroom.build().imagesProcessed == 3)
        let second = try newsroom.build()
        #expect(second.imagesProcessed == 0)
        #expect(second.filesWritten == 0)
        // A clean build hashes the files again but finds what it makes in the photo cache.
        #expect(try newsroom.build(clean: true).imagesProcessed == 0)
        let before = try Self.photoFolder(newsroom.output, stem: "market").lastPathComponent

        // New bytes under the same name: made again, under a new address, on every page that shows it.
        let png = newsroom.site.appendingPathComponent("static/images/market.png")
        _ = try Self.vips("vips", ["flip", png.path, png.path + ".flipped.png", "horizontal"])
        try FileManager.default.removeItem(at: png)
        try FileManager.default.moveItem(atPath: png.path + ".flipped.png", toPath: png.path)
        let third = try newsroom.build()
        #expect(third.imagesProcessed == 1)
        let after = try Self.photoFolder(newsroom.output, stem: "market").lastPathComponent
        #expect(after != before)
        #expect(!FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("images/\(before)").path + "/market-600.png"))
        let page = try String(contentsOf: newsroom.output.appendingPathComponent("2026/11/market/index.html"), encoding: .utf8)
        #expect(page.contains("/images/\(after)/market-600.png"))
        try newsroom.expectSameAsCleanBuild("after the photo changed")
    }

    @Test func aChangedCaptionOrAltReRendersLikeACleanBuild() throws {
        let newsroom = try Newsroom(copying: "photos", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit("content/bulletins/market.md") { $0.replacingOccurrences(of: "السوق في يومه الأول", with: "السوق صباح الافتتاح") }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("after the caption changed")
    }
}
