import Testing
@testable import Nashra

/// Shards as written and read back: an incremental build patches the previous build's shards,
/// so reading must give back exactly what was written, and anything else must be refused.
@Suite struct SearchIndexWriterTests {
    @Test func aShardReadsBackAsWritten() {
        let entries: [SearchIndexWriter.TermEntry] = [
            (Array("قمح".utf8), [(0, 3), (4, 1), (17, 2)]),
            (Array("@t:زراعة".utf8), [(2, 1)]),
            (Array("wheat".utf8), [(12, 1)]),
        ]
        let bytes = SearchIndexWriter.termShard(entries)
        let parsed = SearchIndexWriter.parseShard(bytes)
        let expected = entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { entry in
            var previous: Int32 = 0
            return (entry.key, entry.postings.map { posting in
                defer { previous = posting.document }
                return Int(posting.document - previous) * 3 + Int(posting.weight) - 1
            })
        }
        #expect(parsed?.map { $0.key } == expected.map { $0.0 })
        #expect(parsed?.map { $0.numbers } == expected.map { $0.1 })
        #expect(SearchIndexWriter.parseShard(SearchIndexWriter.pairShard([]))?.isEmpty == true)
    }

    @Test(arguments: ["", "{", "{}", "{\"a\":[1]}", "{\"a\":[]}\n", "{\"a\\u0026\":[1]}\n", "{\"a\":[1],\"b\":[2]}\n", "{\"a\":[1]}\nx"])
    func anythingElseIsRefused(_ text: String) {
        #expect(SearchIndexWriter.parseShard(Array(text.utf8)) == nil)
    }
}
