import Testing
@testable import Nashra

@Suite("Markdown")
struct MarkdownTests {
    @Test(arguments: [
        ("## أخبار اليوم", #"<h2 id="أخبار-اليوم">أخبار اليوم</h2>"#),
        ("## أَخْبَارُ اليَوْمِ", #"<h2 id="أخبار-اليوم">أَخْبَارُ اليَوْمِ</h2>"#),
        ("# Rain in Aleppo", #"<h1 id="rain-in-aleppo">Rain in Aleppo</h1>"#),
        ("### عاجل: *حلب* و`دمشق`", #"<h3 id="عاجل-حلب-ودمشق">عاجل: <em>حلب</em> و<code>دمشق</code></h3>"#),
        ("## [الطقس](https://x.example/)", #"<h2 id="الطقس"><a href="https://x.example/">الطقس</a></h2>"#),
        ("## ؟!", #"<h2 id="section">؟!</h2>"#),
        ("Setext heading\n---", #"<h2 id="setext-heading">Setext heading</h2>"#),
    ])
    func headingsGetIDs(markdown: String, expected: String) {
        #expect(Markdown.html(markdown, unsafeHTML: false).trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test func duplicateHeadingsAreNumbered() {
        let html = Markdown.html("## ملخص\n\nأ\n\n## ملخص\n\nب\n\n### ملخص\n", unsafeHTML: false)
        #expect(html.contains(#"<h2 id="ملخص">ملخص</h2>"#))
        #expect(html.contains(#"<h2 id="ملخص-2">ملخص</h2>"#))
        #expect(html.contains(#"<h3 id="ملخص-3">ملخص</h3>"#))
        #expect(html.contains("<p>أ</p>") && html.contains("<p>ب</p>"))
    }

    @Test func numberedIDsDoNotCollideWithWrittenOnes() {
        let html = Markdown.html("## Notes\n\n## Notes\n\n## Notes 2\n", unsafeHTML: false)
        let ids = html.split(separator: "id=\"").dropFirst().map { $0.prefix(while: { $0 != "\"" }) }
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3, "\(ids)")
        #expect(ids.first == "notes")
    }

    @Test func rawHTMLIsDroppedByDefault() {
        let markdown = "<div class=\"box\">مربع</div>\n\nنص <script>alert(1)</script> هنا.\n"
        let safe = Markdown.html(markdown, unsafeHTML: false)
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("<div"))
        #expect(safe.contains("نص"))

        let unsafe = Markdown.html(markdown, unsafeHTML: true)
        #expect(unsafe.contains("<script>alert(1)</script>"))
        #expect(unsafe.contains("<div class=\"box\">مربع</div>"))
    }

    @Test func javascriptLinksAreDroppedByDefault() {
        let markdown = "[اضغط](javascript:alert(1)) و[صورة](data:text/html;base64,PHNjcmlwdD4=)\n"
        let safe = Markdown.html(markdown, unsafeHTML: false)
        #expect(!safe.contains("javascript:"))
        #expect(!safe.contains("data:text/html"))
        #expect(safe.contains(">اضغط</a>"))

        #expect(Markdown.html(markdown, unsafeHTML: true).contains("href=\"javascript:alert"))
    }

    @Test(arguments: [
        ("\"quoted\" and 'single'", "<p>“quoted” and ‘single’</p>"),
        ("2020--2026", "<p>2020–2026</p>"),
        ("wait---what", "<p>wait—what</p>"),
        ("and so...", "<p>and so…</p>"),
        ("it's", "<p>it’s</p>"),
    ])
    func smartPunctuation(markdown: String, expected: String) {
        #expect(Markdown.html(markdown, unsafeHTML: false).trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test func blocksAndLinksRender() {
        let html = Markdown.html("""
            - أولاً
            - ثانياً

            1. واحد
            2. اثنان

            > قال المتحدث: **لا تعليق**.

            اقرأ [التقرير](https://x.example/report "التقرير الكامل").
            """, unsafeHTML: false)
        #expect(html.contains("<ul>\n<li>أولاً</li>\n<li>ثانياً</li>\n</ul>"))
        #expect(html.contains("<ol>\n<li>واحد</li>\n<li>اثنان</li>\n</ol>"))
        #expect(html.contains("<blockquote>\n<p>قال المتحدث: <strong>لا تعليق</strong>.</p>\n</blockquote>"))
        #expect(html.contains(#"<a href="https://x.example/report" title="التقرير الكامل">التقرير</a>"#))
    }

    @Test func textIsEscaped() {
        let html = Markdown.html("a < b & c", unsafeHTML: false)
        #expect(html.contains("a &lt; b &amp; c"))
    }

    @Test(arguments: [
        ("أمطار غزيرة في حلب", 300, "أمطار غزيرة في حلب"),
        ("one two three four", 18, "one two three four"),
        ("one two three four", 10, "one two…"),
        ("أمطار غزيرة في حلب", 8, "أمطار…"),
        ("abcdefghij", 4, "abcd…"),
        ("**bold** start *and* [link](https://x.example/) end", 300, "bold start and link end"),
        ("# Heading only", 300, ""),
        ("> quoted\n\nfirst plain paragraph", 300, "first plain paragraph"),
    ])
    func firstParagraphText(markdown: String, limit: Int, expected: String) {
        #expect(Markdown.firstParagraphText(markdown, limit: limit) == expected)
    }

    @Test func firstParagraphDefaultLimit() {
        let long = Array(repeating: "كلمة", count: 100).joined(separator: " ")
        let summary = Markdown.firstParagraphText(long)
        #expect(summary.hasSuffix("كلمة…"))
        #expect(summary.count <= 301)
        #expect(summary.count > 290)
    }

    /// An Arabic body keeps a number with its Latin word in an unbreakable left-to-right isolate,
    /// in text only; a left-to-right body is written as before.
    @Test(arguments: [
        ("محطة بقدرة 120 MW.", "<p>محطة بقدرة <span dir=\"ltr\">120\u{00A0}MW</span>.</p>"),
        ("نحو 98.5 MW", "<p>نحو <span dir=\"ltr\">98.5\u{00A0}MW</span></p>"),
        ("هاتف *iPhone 15* الجديد", "<p>هاتف <em><span dir=\"ltr\">iPhone\u{00A0}15</span></em> الجديد</p>"),
        ("[على بعد 35 km](<https://x.example/35 km/>)", "<p><a href=\"https://x.example/35%20km/\">على بعد <span dir=\"ltr\">35\u{00A0}km</span></a></p>"),
        ("الرمز `120 MW` كما هو", "<p>الرمز <code>120 MW</code> كما هو</p>"),
        ("بقدرة 120 ميغاواط و١٢٠ ميغاواط", "<p>بقدرة 120 ميغاواط و١٢٠ ميغاواط</p>"),
        ("رمز <AB 5> & غيره", "<p>رمز &lt;<span dir=\"ltr\">AB\u{00A0}5</span>&gt; &amp; غيره</p>"),
        ("## محطة 120 MW", "<h2 id=\"محطة-120-mw\">محطة <span dir=\"ltr\">120\u{00A0}MW</span></h2>"),
    ])
    func arabicBodiesKeepLatinRunsTogether(markdown: String, expected: String) {
        let html = Markdown.html(markdown, unsafeHTML: false, keepingLatinRuns: true)
        #expect(html.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
        #expect(!Markdown.html(markdown, unsafeHTML: false).contains("<span"))
    }

    @Test func rawHTMLIsNotRewritten() {
        let markdown = "<div title=\"120 MW\">120 MW</div>\n\nنص <abbr title=\"120 MW\">ميغاواط</abbr>\n"
        let html = Markdown.html(markdown, unsafeHTML: true, keepingLatinRuns: true)
        #expect(html == Markdown.html(markdown, unsafeHTML: true))
    }
}
