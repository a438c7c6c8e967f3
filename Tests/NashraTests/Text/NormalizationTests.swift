import Foundation
import Testing
@testable import Nashra

@Suite struct NormalizationTests {
    // Text the fast path returns untouched, and text it must hand to Foundation: decomposed hamza
    // and madda (ا + ٔ, ا + ٓ), harakat in non-canonical order, Latin with combining accents,
    // Hangul jamo, and the Persian and Urdu letters of the Arabic block.
    @Test(arguments: [
        "", "ascii-only 123", "حلب", "أخبار-عاجلة ٢٠٢٦", "\u{0627}\u{0654}خبار", "\u{0627}\u{0653}من", "\u{0648}\u{0654}",
        "\u{064A}\u{0654}", "شَدَّة", "ش\u{0651}\u{064E}", "ش\u{064E}\u{0651}", "caf\u{0065}\u{0301}", "café", "\u{1100}\u{1161}",
        "پژوهش گزارش", "اردو ۱۲۳", "\u{06D5}\u{0654}", "\u{0670}ٰ", "Ω\u{212B}", "e\u{0301}\u{0327}",
    ])
    func matchesFoundation(_ text: String) {
        #expect(text.nfc.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }
}
