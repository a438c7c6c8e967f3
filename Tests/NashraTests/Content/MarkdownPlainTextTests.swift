import Testing
@testable import Nashra

/// The search index reads each body's plain text as bytes (`Markdown.plainTextUTF8`), made
/// without a `String` per text node: they must be the bytes of `Markdown.plainText`, control
/// characters dropped the same way, whatever the body holds.
@Suite struct MarkdownPlainTextTests {
    static let bodies = [
        "", "كلمة", "# عنوان\n\nفقرة أولى، *مائلة* و**عريضة**.\nسطر ثانٍ  \nبعد فاصل.",
        "- بند\n- بند آخر\n  1. داخلي\n\n> اقتباس\n\n```\nرمز\tمع علامة\r\nو\u{7F}حذف\n```\n\n`رمز قصير`",
        "[رابط](https://example.com) ![صورة وصفها](a.png) <b>html</b>\n\n<div>\nكتلة\n</div>",
        "تحكم \u{01}\u{1B} و\u{85}C1 و\u{9F} و\u{A0}مسافة «اقتباس» \u{C2}",
        "&amp; &#0; &#xD800; &#x1F600; &copy; &nbsp;", "\u{0}صفر", "سطر\r\nثان\rثالث",
        "e\u{301}te\u{301} café 😀 کتاب\u{200C}ها الأخبار\u{200F}", "| a | b |\n|---|---|\n| ١ | ٢ |",
        "    رمز مزاح\n\nنص", String(repeating: "كلمة \u{80}", count: 300),
    ]

    @Test(arguments: bodies)
    func theBytesAreThoseOfThePlainText(_ body: String) {
        #expect(Markdown.plainTextUTF8(Array(body.utf8)) == Array(Markdown.plainText(Array(body.utf8)).utf8))
    }

    /// The in-place removal is the `String` one, on runs of controls at either end too.
    @Test(arguments: ["", "a", "\u{1}", "\u{1}\u{2}a\u{85}", "a\u{9F}", "\u{C2}\u{A0}\u{80}\t\n\r", "\u{7F}ب\u{7F}"])
    func controlCharactersGoAsFromAString(_ text: String) {
        var bytes = Array(text.utf8)
        String.removeControlCharacters(from: &bytes)
        #expect(bytes == Array(text.removingControlCharacters().utf8))
    }
}
