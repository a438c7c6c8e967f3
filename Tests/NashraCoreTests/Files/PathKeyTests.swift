import Testing
import NashraCore

/// Paths as keys: hashed, compared and ordered by their UTF-8 bytes.
@Suite struct PathKeyTests {
    private func order(_ a: String, _ b: String) -> Int32 {
        Array(a.utf8).withUnsafeBytes { x in Array(b.utf8).withUnsafeBytes { y in PathKey.byteOrder(x, y) } }
    }

    /// The bytes' order, whatever holds them: a shorter path first when a longer one starts with
    /// it, `-` (0x2D) before `/` (0x2F), Latin before Arabic, and the same as `<` on keys.
    @Test(arguments: [("a", "a/b"), ("a-b/x.md", "a/x.md"), ("Z.md", "a.md"), ("z.md", "ا.md"), ("ب/أ.md", "ب/ا.md"), ("", "a")])
    func ordersByBytes(_ first: String, _ second: String) {
        #expect(order(first, second) < 0 && order(second, first) > 0)
        #expect(PathKey(first) < PathKey(second) && !(PathKey(second) < PathKey(first)))
    }

    @Test func equalBytesAreEqualKeys() {
        #expect(order("أخبار/حلب.md", "أخبار/حلب.md") == 0 && order("", "") == 0)
        #expect(PathKey("أخبار/حلب.md") == PathKey("أخبار/حلب.md"))
        #expect(PathKey("cafe\u{301}") != PathKey("caf\u{E9}"), "NFD and NFC bytes differ: paths are normalized before they are keys")
    }
}
