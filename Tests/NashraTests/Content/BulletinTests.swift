import Testing
@testable import Nashra

/// `Bulletin` keeps its fields in a shared box: a copy must still behave as an independent value.
@Suite struct BulletinTests {
    private func bulletin() -> Bulletin {
        var bulletin = Bulletin(source: SourceFile(relativePath: "bulletins/حلب.md", displayPath: "content/bulletins/حلب.md",
                                                  absolutePath: "/site/content/bulletins/حلب.md", contentHash: 1,
                                                  bodyOffset: 0, bodyLine: 1))
        bulletin.title = "أمطار غزيرة في حلب"
        bulletin.tags = ["طقس"]
        return bulletin
    }

    @Test func changingACopyLeavesTheOriginalAsItWas() {
        let original = bulletin()
        var copy = original
        copy.title = "عنوان مصحح"
        copy.tags.append("حلب")
        copy.corrections.append(Correction(date: nil, text: "صُحّح العنوان"))
        #expect(original.title == "أمطار غزيرة في حلب")
        #expect(original.tags == ["طقس"])
        #expect(original.corrections.isEmpty)
        #expect(copy.title == "عنوان مصحح")
        #expect(copy.tags == ["طقس", "حلب"])
        #expect(copy.corrections.count == 1)
    }

    /// Most bulletins have none of the rare fields: they get no box for them, even when the
    /// reader sets them to their defaults; a copy that changes one leaves the original's alone.
    @Test func rareFieldsTakeNoRoomUntilOneIsGiven() {
        var plain = bulletin()
        plain.params = [:]
        plain.aliases = []
        plain.url = nil
        plain.warnings += []
        #expect(!plain.holdsRareFields)
        var moved = plain
        moved.url = "/2016/old/"
        moved.aliases.append("/old/")
        #expect(moved.holdsRareFields && !plain.holdsRareFields)
        #expect(plain.url == nil && plain.aliases.isEmpty)
        var again = moved
        again.aliases.append("/older/")
        again.params["desk"] = .text("حلب")
        #expect(moved.aliases == ["/old/"] && moved.params.isEmpty)
        #expect(again.aliases == ["/old/", "/older/"] && again.url == "/2016/old/" && again.params["desk"] == .text("حلب"))
    }

    @Test func copiesMadeOnOtherThreadsStayIndependent() async {
        let original = bulletin()
        let titles = await withTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask {
                    var copy = original
                    copy.title += " \(index)"
                    return copy.title
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(titles) == Set((0..<8).map { "أمطار غزيرة في حلب \($0)" }))
        #expect(original.title == "أمطار غزيرة في حلب")
    }
}
