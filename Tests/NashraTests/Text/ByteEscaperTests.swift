import Testing
@testable import Nashra

/// The two escapers built on `ByteEscaper`: exact bytes, as the hand-written loops gave them.
@Suite struct ByteEscaperTests {
    @Test(arguments: [
        ("أمطار غزيرة على حلب", "أمطار غزيرة على حلب"),
        ("<b>\"سيول\" & 'فيضان'</b>", "&lt;b&gt;&quot;سيول&quot; &amp; &#39;فيضان&#39;&lt;/b&gt;"),
        ("tab\tline\ncontrol\u{01}", "tab\tline\ncontrol\u{01}"),
        ("", ""),
        ("\u{FFFE}\u{FFFF}", "\u{FFFE}\u{FFFF}"),
    ])
    func html(_ text: String, _ expected: String) {
        #expect(HTMLEscaping.escape(text) == expected)
    }

    @Test(arguments: [
        ("أمطار غزيرة على حلب", "أمطار غزيرة على حلب"),
        ("<b>\"سيول\" & 'فيضان'</b>", "&lt;b&gt;&quot;سيول&quot; &amp; &apos;فيضان&apos;&lt;/b&gt;"),
        ("tab\tline\ncr\r bell\u{07} esc\u{1B} nul\u{00}end", "tab\tline\ncr\r bell esc nulend"),
        ("🌧️ ـ \u{7F}", "🌧️ ـ \u{7F}"),
        // Outside XML's Char: U+FFFE and U+FFFF go; U+FFFD, the BOM and presentation forms
        // (all EF BF … or EF BB …) stay.
        ("a\u{FFFE}b\u{FFFF}c \u{FFFD}\u{FEFF}\u{FEFB}\u{FFFE}", "abc \u{FFFD}\u{FEFF}\u{FEFB}"),
        ("\u{FFFF}<\u{FFFE}", "&lt;"),
    ])
    func xml(_ text: String, _ expected: String) {
        #expect(XMLText.escape(text) == expected)
    }
}
