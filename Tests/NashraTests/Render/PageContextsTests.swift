import Testing
@testable import Nashra

@Suite struct PageContextsTests {
    /// The byte-level version must treat every ending as the Character-level one did.
    @Test(arguments: ["", "\n", "<p>خبر</p>\n", "<p>خبر</p>", "<p>خبر</p>\r\n", "\r\n", "a\n\n", "عاجل\u{0651}\n", "\n\u{0301}", "x\r"])
    func droppingFinalLineFeedMatchesCharacters(_ html: String) {
        let characters = html.hasSuffix("\n") ? String(html.dropLast()) : html
        #expect(PageContexts.droppingFinalLineFeed(html) == characters)
    }
}
