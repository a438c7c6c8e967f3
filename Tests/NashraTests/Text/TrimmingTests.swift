import Foundation
import Testing
@testable import Nashra

@Suite struct TrimmingTests {
    @Test(arguments: [
        "", " ", "\n\t \r\n", "حلب", "  حلب  ", "\u{00A0}خبر\u{3000}", "\u{2028}سطر\u{2029}", "\u{85}x\u{0B}\u{0C}",
        " \u{200F}عاجل\u{200F} ", "tab\tinside", "\u{1680}ogham\u{202F}", "\r\n",
    ])
    func matchesFoundation(_ text: String) {
        #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmed(newlines: false) == text.trimmingCharacters(in: .whitespaces))
    }
}
