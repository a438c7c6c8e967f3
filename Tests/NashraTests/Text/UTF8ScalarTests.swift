import Testing
@testable import Nashra

@Suite struct UTF8ScalarTests {
    /// One, two, three and four bytes: every scalar read back as `unicodeScalars` gives it.
    @Test(arguments: ["", "a", "دمشق", "ـ\u{200C}‌€", "🙂𝐀x", "Ḩalab 北京 ۴۵ \u{10FFFF}"])
    func readsTheScalarsOfValidUTF8(_ text: String) {
        var text = text
        let decoded: [UInt32] = text.withUTF8 { utf8 in
            var values: [UInt32] = []
            var index = 0
            while index < utf8.count {
                let (value, length) = UTF8Scalar.decode(utf8, at: index)
                values.append(value)
                index += length
            }
            return values
        }
        #expect(decoded == text.unicodeScalars.map(\.value))
    }
}
