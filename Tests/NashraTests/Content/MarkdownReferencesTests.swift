import NashraCore
import Testing
@testable import Nashra

/// `Markdown.references(in:)` and `verbatimLines(in:)`: links and images with the line and column
/// (Unicode scalars) where their source starts, for `nashra check`.
@Suite("Markdown references")
struct MarkdownReferencesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var markdown: String
        var kind: Markdown.Reference.Kind
        var destination: String
        var text: String
        var line: Int
        var column: Int
        var testDescription: String { markdown }
    }

    @Test(arguments: [
        // Arabic before the link: columns count letters, not UTF-8 bytes (cmark's "فقرة " is 9 bytes).
        Row(markdown: "فقرة [رابط](other.md) هنا", kind: .link, destination: "other.md", text: "رابط", line: 1, column: 6),
        Row(markdown: "Rain [x](/news/a/)", kind: .link, destination: "/news/a/", text: "x", line: 1, column: 6),
        Row(markdown: "أول\n\nثانٍ ![صورة *الغيوم*](clouds.jpg \"عنوان\")", kind: .image, destination: "clouds.jpg",
            text: "صورة الغيوم", line: 3, column: 6),
        Row(markdown: "سطر\nوسطر ثانٍ ![](x.png)", kind: .image, destination: "x.png", text: "", line: 2, column: 11),
        Row(markdown: "- بند [رابط](https://a.example/)", kind: .link, destination: "https://a.example/", text: "رابط", line: 1, column: 7),
        Row(markdown: "> اقتباس\n> فيه [رابط](/b/)", kind: .link, destination: "/b/", text: "رابط", line: 2, column: 7),
        // A reference link takes its destination from the definition, its position from the use.
        Row(markdown: "انظر [الخبر][خ]\n\n[خ]: /news/c/", kind: .link, destination: "/news/c/", text: "الخبر", line: 1, column: 6),
        Row(markdown: "صورة ![أ](مطر%20حلب.jpg)", kind: .image, destination: "مطر%20حلب.jpg", text: "أ", line: 1, column: 6),
        Row(markdown: "سطر\r\nفيه [ر](/d/)", kind: .link, destination: "/d/", text: "ر", line: 2, column: 5),
    ])
    func referencesHaveTheirPositions(row: Row) {
        let references = Markdown.references(in: Array(row.markdown.utf8))
        #expect(references == [Markdown.Reference(kind: row.kind, destination: row.destination, text: row.text,
                                                  position: TextPosition(line: row.line, column: row.column))])
    }

    @Test func linksInRawHTMLAndCodeAreNotMarkdownLinks() {
        let markdown = "<a href=\"/x/\">س</a>\n\n`[ص](/y/)`\n\n    [ع](/z/)\n"
        #expect(Markdown.references(in: Array(markdown.utf8)).isEmpty)
    }

    @Test func linkInsideAnImageIsListedAfterIt() {
        let references = Markdown.references(in: Array("[![شعار](logo.png)](/news/)".utf8))
        #expect(references.map(\.destination) == ["/news/", "logo.png"])
        #expect(references.map(\.kind) == [.link, .image])
    }

    @Test func verbatimLinesAreCodeAndHTMLBlocks() {
        let markdown = "نص\n\n```\n###3%\n```\n\n    .مسافة\n\n<div>\n##س\n</div>\n\nنص آخر\n"
        // cmark ends the indented block after the blank line that closes it (8): a blank line breaks no rule.
        #expect(Markdown.verbatimLines(in: Array(markdown.utf8)) == [3, 4, 5, 7, 8, 9, 10, 11])
    }
}

/// Which link destinations name another Markdown file of the site, to become its URL.
@Suite("Markdown file links")
struct MarkdownFileLinkTests {
    @Test(arguments: [
        ("other.md", "other.md"),
        ("./other.md#part", "./other.md"),
        ("../2016/old.markdown?x=1", "../2016/old.markdown"),
        ("UPPER.MD", "UPPER.MD"),
        ("%D8%AE%D8%A8%D8%B1.md", "خبر.md"),
        ("folder/index.md", "folder/index.md"),
    ])
    func aLinkToAFileGivesItsPath(_ destination: String, _ path: String) {
        #expect(Markdown.fileLinkPath(destination) == path)
    }

    @Test(arguments: ["https://a.example/x.md", "mailto:x.md", "/posts/x.md", "#x.md", "?x.md", "x.mdx", "x.html", "", "notes.md/"])
    func anythingElseIsLeftAsWritten(_ destination: String) {
        #expect(Markdown.fileLinkPath(destination) == nil)
    }

    @Test(arguments: [("نص [x](a.md)", true), ("x.markdown", true), ("readme.MD", true), ("a.m d", false), ("no links", false), (".m", false)])
    func theQuickTestOnBytes(_ text: String, _ may: Bool) {
        #expect(Markdown.mayLinkToFiles(Array(text.utf8)) == may)
    }

    @Test func aRenderedLinkGetsTheURLAndKeepsItsFragment() {
        let html = Markdown.html(Array("[أ](a.md#frag) [ب](b.md) [ج](https://c.example/c.md)".utf8), unsafeHTML: false,
                                 fileLinks: { $0 == "a.md" ? "/news/a/" : nil })
        #expect(html == "<p><a href=\"/news/a/#frag\">أ</a> <a href=\"b.md\">ب</a> <a href=\"https://c.example/c.md\">ج</a></p>\n")
    }
}
