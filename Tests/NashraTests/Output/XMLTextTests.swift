import Foundation
import Testing
@testable import Nashra

@Suite struct XMLTextTests {
    @Test(arguments: [
        "",
        "أمطار غزيرة على حلب",
        "\"quoted\" \\ back\tslash\nnew\r line",
        "</script><!-- & -->",
        "فاصل\u{2028}سطر\u{2029}فقرة",
        "control \u{01}\u{1F} bytes, emoji 🌧️ and ـ tatweel",
        "\u{2028}at the start, at the end\u{2029}",
        "بلا أي حرف يحتاج إلى تهريب",
        "\u{E2}\u{80}\u{A7} – — … \u{2027}",
    ])
    func jsonStringsReadBackAndAreSafeInScript(_ text: String) throws {
        let literal = XMLText.json(text)
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
        for unsafe in ["<", ">", "&", "\u{2028}", "\u{2029}", "\n"] {
            #expect(!literal.contains(unsafe), "\(unsafe) left raw in \(literal)")
        }
    }

    @Test func jsonEscapesAsBefore() {
        #expect(XMLText.json("a<b\u{2028}\u{01}") == "\"a\\u003cb\\u2028\\u0001\"")
    }
}
