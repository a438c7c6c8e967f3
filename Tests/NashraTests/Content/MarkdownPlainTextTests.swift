import Testing
@testable import Nashra
import NashraCore

/// The search index reads each body's plain text as bytes (`Markdown.plainTextUTF8`), made
/// without a `String` per text node: paragraphs, headings and items end in a line break, breaks
/// are spaces, code is kept, HTML and link targets go, and control characters are dropped,
/// whatever the body holds.
@Suite struct MarkdownPlainTextTests {
    static let rows: [(body: String, text: String)] = [
        ("",
         ""),
        ("كلمة",
         "كلمة\n"),
        ("# عنوان\n\nفقرة أولى، *مائلة* و**عريضة**.\nسطر ثانٍ  \nبعد فاصل.",
         "عنوان\nفقرة أولى، مائلة وعريضة. سطر ثانٍ بعد فاصل.\n"),
        ("- بند\n- بند آخر\n  1. داخلي\n\n> اقتباس\n\n```\nرمز\tمع علامة\r\nو\u{7F}حذف\n```\n\n`رمز قصير`",
         "بند\n\nبند آخر\nداخلي\n\n\nاقتباس\nرمز\tمع علامة\nوحذف\n\nرمز قصير\n"),
        ("[رابط](https://example.com) ![صورة وصفها](a.png) <b>html</b>\n\n<div>\nكتلة\n</div>",
         "رابط صورة وصفها html\n"),
        ("تحكم \u{01}\u{1B} و\u{85}C1 و\u{9F} و\u{A0}مسافة «اقتباس» \u{C2}",
         "تحكم  وC1 و و\u{A0}مسافة «اقتباس» Â\n"),
        ("&amp; &#0; &#xD800; &#x1F600; &copy; &nbsp;",
         "& � � 😀 © \u{A0}\n"),
        ("\u{0}صفر",
         "�صفر\n"),
        ("سطر\r\nثان\rثالث",
         "سطر ثان ثالث\n"),
        ("e\u{301}te\u{301} café 😀 کتاب\u{200C}ها الأخبار\u{200F}",
         "e\u{301}te\u{301} café 😀 کتاب\u{200C}ها الأخبار\u{200F}\n"),
        ("| a | b |\n|---|---|\n| ١ | ٢ |",
         "| a | b | |—|—| | ١ | ٢ |\n"),
        ("    رمز مزاح\n\nنص",
         "رمز مزاح\n\nنص\n"),
        (String(repeating: "كلمة \u{80}", count: 300),
         String(repeating: "كلمة ", count: 300) + "\n"),
    ]

    @Test(arguments: rows)
    func theBodysPlainText(_ row: (body: String, text: String)) {
        #expect(String(decoding: Markdown.plainTextUTF8(Array(row.body.utf8)), as: UTF8.self) == row.text)
    }

    /// The search index parses with cmark's allocations in a `ParseArena`, let go whole: the
    /// text is the one cmark's own allocator gives, for every row, for a body bigger than the
    /// arena's first block (which then grows) and for those after it, on several threads at once.
    @Test func theArenaGivesTheSameText() {
        let big = (0..<4_000).map { "فقرة \($0) [رابط](u\($0)) *مائل* `رمز` &amp;\n\n- بند\n" }.joined()
        let bodies = Self.rows.map(\.body) + [big, "كلمة", big + "\u{0}ذيل", "بعد الكبير"]
        let same = Array(0..<(4 * bodies.count)).parallelMap { number -> Bool in
            let bytes = Array(bodies[number % bodies.count].utf8)
            return Markdown.plainTextUTF8(bytes) == Markdown.plainTextUTF8(bytes, arena: false)
        }
        #expect(same.allSatisfy { $0 })
        for body in bodies {
            #expect(Markdown.plainTextUTF8(Array(body.utf8)) == Markdown.plainTextUTF8(Array(body.utf8), arena: false))
        }
    }

    /// The render stage takes an indexed body's plain text from the parse that renders it: the
    /// HTML is the one `html` writes, and the text the one `plainTextUTF8` gives, with raw HTML
    /// allowed or not, Latin runs isolated or not, links rewritten and headings given ids (all
    /// made to the tree after the text is taken).
    @Test func oneParseGivesThePageAndTheText() {
        let bodies = Self.rows.map(\.body) + [
            "## عنوان 2030 km\n\nفي 2030 km قال <span>خام</span> [ملف](other.md#x) و[رابط](https://a.example/)\n\n<script>x</script>\n\n![صورة](p.png \"t\")",
        ]
        for body in bodies {
            for unsafeHTML in [false, true] {
                for latin in [false, true] {
                    let links: (String) -> String? = { $0 == "other.md" ? "/other/" : nil }
                    let both = Markdown.htmlAndPlainText(Array(body.utf8), unsafeHTML: unsafeHTML, keepingLatinRuns: latin, fileLinks: links)
                    #expect(both.html == Markdown.html(Array(body.utf8), unsafeHTML: unsafeHTML, keepingLatinRuns: latin, fileLinks: links))
                    #expect(both.plainText == Markdown.plainTextUTF8(Array(body.utf8)), "\(body)")
                }
            }
        }
    }

    /// The in-place removal is the `String` one, on runs of controls at either end too.
    @Test(arguments: ["", "a", "\u{1}", "\u{1}\u{2}a\u{85}", "a\u{9F}", "\u{C2}\u{A0}\u{80}\t\n\r", "\u{7F}ب\u{7F}"])
    func controlCharactersGoAsFromAString(_ text: String) {
        var bytes = Array(text.utf8)
        String.removeControlCharacters(from: &bytes)
        #expect(bytes == Array(text.removingControlCharacters().utf8))
    }
}
