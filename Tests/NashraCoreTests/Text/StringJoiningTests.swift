import NashraCore
import Testing

@Suite struct StringJoiningTests {
    @Test(arguments: [
        ["", ""],
        ["/", "tags/", "index.html"],
        ["bulletins/2026/11", "/", "أمطار-حلب.md"],
        // Past the 15 bytes a string keeps inline, and a four-byte scalar.
        ["/tmp/content-folder-with-a-long-name", "/", "😀-خبر"],
    ])
    func isThePartsOneAfterAnother(parts: [String]) {
        let joined: String
        switch parts.count {
        case 2: joined = String(joining: parts[0][...], parts[1][...])
        default: joined = String(joining: parts[0][...], parts[1][...], parts[2][...])
        }
        #expect(joined == parts.joined())
        #expect(Array(joined.utf8) == Array(parts.joined().utf8))
    }

    /// Parts cut from the middle of longer strings: each is copied from where it starts, not from
    /// the start of its string's storage.
    @Test func copiesSlicesFromTheirOwnStart() {
        let first = "xx/tags/طقس/yy"
        let second = "..index.html.."
        let joined = String(joining: first.dropFirst(2).dropLast(2), second.dropFirst(2).dropLast(2), "!")
        #expect(Array(joined.utf8) == Array("/tags/طقس/index.html!".utf8))
    }
}
