import Foundation
import Testing
@testable import Nashra
import NashraCore

/// `image:` as a path or a mapping: what reaches the bulletin, and what is an error or a warning.
@Suite struct BulletinImageTests {
    static func parse(_ image: String) -> (Bulletin?, [String], [String]) {
        let source = SourceFile(relativePath: "b/x.md", displayPath: "content/b/x.md", absolutePath: "/s/content/b/x.md",
                                contentHash: 0, bodyOffset: 0, bodyLine: 1)
        let reading = BulletinReading(siteLanguage: "ar", timeZone: TimeZone(identifier: "UTC")!)
        switch Bulletin.parse(text: "---\ntitle: خبر\ndate: 2026-11-20\n\(image)\n---\nنص.\n", source: source, reading: reading) {
        case .success(let bulletin): return (bulletin, [], bulletin.warnings.map(\.description))
        case .failure(let problems): return (nil, problems.diagnostics.map(\.description), [])
        }
    }

    @Test func aMappingGivesEveryWord() throws {
        let (bulletin, errors, warnings) = Self.parse("image:\n  src: صورة.jpg\n  alt: شارع\n  caption: بعد المطر\n  credit: ريم")
        #expect(errors.isEmpty && warnings.isEmpty)
        let image = try #require(bulletin?.image)
        #expect(image == BulletinImage(src: "صورة.jpg", alt: "شارع", caption: "بعد المطر", credit: "ريم", position: TextPosition(line: 5, column: 8)))
        #expect(!image.isRemote)
    }

    @Test(arguments: [
        ("image: a.jpg", [], ["content/b/x.md:4:8: warning: the photo has no 'alt' text: describe what it shows for readers who cannot see it (image: {src: a.jpg, alt: …})"]),
        ("image: {src: a.jpg, alt: ''}", [], ["content/b/x.md:4:14: warning: the photo has no 'alt' text: describe what it shows for readers who cannot see it (image: {src: a.jpg, alt: …})"]),
        ("image: {alt: شارع}", ["content/b/x.md:4:8: 'image' needs 'src': the photo's path or address"], []),
        ("image: {src: a.jpg, alt: x, size: big}", ["content/b/x.md:4:29: unknown key 'image.size'; known keys: src, alt, caption, credit"], []),
        ("image: {src: 'javascript:alert(1)', alt: x}", ["content/b/x.md:4:14: 'image.src' is a javascript: URL, which runs code in the reader's browser; give an https:// address or a path within the site"], []),
        ("image: {src: a.jpg, alt: [x]}", ["content/b/x.md:4:26: 'image.alt' must be text, not a list or mapping"], []),
    ] as [(String, [String], [String])])
    func problems(_ line: String, _ errors: [String], _ warnings: [String]) {
        let found = Self.parse(line)
        #expect(found.1 == errors)
        #expect(found.2 == warnings)
    }
}
