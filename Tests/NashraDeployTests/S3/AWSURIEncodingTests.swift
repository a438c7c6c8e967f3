import Testing
@testable import NashraDeploy

@Suite struct AWSURIEncodingTests {
    @Test(arguments: [
        // (text, keeping slashes, encoded)
        ("index.html", true, "index.html"),
        ("tags/اقتصاد/index.html", true, "tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/index.html"),
        ("2026/11/أمطار-حلب/index.html", true, "2026/11/%D8%A3%D9%85%D8%B7%D8%A7%D8%B1-%D8%AD%D9%84%D8%A8/index.html"),
        ("locations/دير الزور/", true, "locations/%D8%AF%D9%8A%D8%B1%20%D8%A7%D9%84%D8%B2%D9%88%D8%B1/"),
        ("tags/اقتصاد/", false, "tags%2F%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF%2F"),
        ("a+b=c&d", false, "a%2Bb%3Dc%26d"),
        ("-._~AZaz09", false, "-._~AZaz09"),
        ("100% ☀", false, "100%25%20%E2%98%80"),
        ("test$file.text", true, "test%24file.text"),
        // Persian and Urdu letters outside the Arabic block's first half, and a zero-width non-joiner.
        ("می‌خواهم", true, "%D9%85%DB%8C%E2%80%8C%D8%AE%D9%88%D8%A7%D9%87%D9%85"),
    ])
    func encodes(_ text: String, _ keepingSlashes: Bool, _ expected: String) {
        #expect(AWSURIEncoding.encode(text, keepingSlashes: keepingSlashes) == expected)
    }

    @Test func encodesTheUTF8BytesNotTheCharacters() {
        // "é" written as e + combining accent stays two characters' bytes: keys are not normalized.
        #expect(AWSURIEncoding.encode("e\u{301}") == "e%CC%81")
        #expect(AWSURIEncoding.encode("\u{E9}") == "%C3%A9")
    }
}
