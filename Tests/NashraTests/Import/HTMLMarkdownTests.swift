import Testing
@testable import Nashra

@Suite struct HTMLMarkdownTests {
    /// HTML → Markdown, for the subset Markdown has.
    static let rows: [(html: String, markdown: String)] = [
        ("<p>فقرة أولى.</p><p>فقرة ثانية.</p>", "فقرة أولى.\n\nفقرة ثانية."),
        ("<h2>عنوان</h2><h3>فرعي</h3><h4>أصغر</h4>", "## عنوان\n\n### فرعي\n\n#### أصغر"),
        ("<p><strong>قوي</strong> و<b>عريض</b> و<em>مائل</em> و<i>مائل</i></p>", "**قوي** و**عريض** و*مائل* و*مائل*"),
        ("<p>نص <strong> بمسافات </strong>حولها</p>", "نص **بمسافات** حولها"),
        ("<p><a href=\"https://example.org/a b\">رابط</a></p>", "[رابط](https://example.org/a%20b)"),
        ("<ul><li>أ</li><li>ب</li></ul><ol start=\"3\"><li>ج</li><li>د</li></ol>", "- أ\n- ب\n\n3. ج\n4. د"),
        ("<blockquote><p>قول</p><p>ثانٍ</p></blockquote>", "> قول\n>\n> ثانٍ"),
        ("<p>سطر<br>وسطر<br/></p>", "سطر\\\nوسطر"),
        ("نص بلا فقرة<p>ثم فقرة</p>", "نص بلا فقرة\n\nثم فقرة"),
        // Entities HTML has and XML does not; a bare ampersand; upper-case tags.
        ("<P>أ&nbsp;ب &laquo;ج&raquo; AT&T &amp; &#1605;</P>", "أ\u{A0}ب «ج» AT\\&T \\& م"),
        // Text that Markdown would read as syntax stays text.
        ("<p>1. ليس قائمة *ولا تأكيد* &lt;b&gt;</p>", "1\\. ليس قائمة \\*ولا تأكيد\\* \\<b>"),
        // End tags HTML lets one leave out, one never opened, a comment, a `<` that opens nothing.
        ("<p>أ<p>ب<ul><li>ج<li>د</ul>", "أ\n\nب\n\n- ج\n- د"),
        ("<p>نص <b>عريض</p></span><!-- <p>تعليق</p> --><p>x < 5</p>", "نص **عريض**\n\nx \\< 5"),
    ]

    @Test(arguments: rows.indices)
    func convertsTheSubset(_ index: Int) throws {
        let row = Self.rows[index]
        let conversion = try HTMLMarkdown.convert(row.html).get()
        #expect(conversion.markdown == row.markdown, "\(row.html)")
        #expect(conversion.dropped.isEmpty, "\(conversion.dropped)")
    }

    @Test func anythingElseIsDroppedAndNamed() throws {
        let conversion = try HTMLMarkdown.convert("<div><span>يبقى النص.</span></div><script>alert(1)</script><img src=\"x.jpg\"><iframe src=\"https://x\"></iframe><p><a href=\"javascript:alert(1)\">نص الرابط</a></p>").get()
        #expect(conversion.markdown == "يبقى النص.\n\nنص الرابط")
        #expect(conversion.dropped == ["<div> (its text kept)", "<span> (its text kept)", "<script> and what it holds",
                                       "<img> and what it holds", "<iframe> and what it holds", "a javascript: link (its text kept)"])
        #expect(!conversion.markdown.contains("<"))
    }

    @Test func malformedHTMLIsAFailureWithAPosition() {
        // An unquoted attribute is beyond what is mended.
        guard case .failure(let failure) = HTMLMarkdown.convert("<p>نص <a href=https://example.org>رابط</a></p>") else {
            Issue.record("malformed HTML was accepted")
            return
        }
        #expect(failure.line == 1 && failure.column > 1)
    }
}
