import Foundation
import Testing
@testable import Nashra

/// The search text rules, from the table both Swift and the theme's search.js must give
/// (`Tests/Fixtures/search-analysis/cases.json`: Arabic, Persian, English rows and queries).
@Suite struct SearchAnalysisTests {
    struct Row: Decodable {
        var lang: String
        var text: String
        var words: [String]
        var terms: [String]
    }
    struct Query: Decodable, Equatable {
        var query: String
        var terms: [String]
        var pairs: [String]
    }
    struct Table: Decodable {
        var siteNames: [String]
        var rows: [Row]
        var queries: [Query]
    }

    static let folder = Fixtures.root.appendingPathComponent("search-analysis")
    static let table = try! JSONDecoder().decode(Table.self, from: Data(contentsOf: folder.appendingPathComponent("cases.json")))
    static let analyzer = SearchAnalyzer(names: table.siteNames)

    @Test func swiftGivesTheTable() {
        for row in Self.table.rows {
            #expect(SearchText.words(row.text) == row.words, "words of \(row.text)")
            #expect(Self.analyzer.terms(row.text) == row.terms, "terms of \(row.text)")
        }
        for query in Self.table.queries {
            let parsed = SearchQuery(query.query, analyzer: Self.analyzer)
            #expect(parsed.terms == query.terms && parsed.pairs == query.pairs, "query \(query.query)")
        }
    }

    /// The index's memo of words (byte-level scanning, each spelling analysed once) gives the
    /// terms of the plain path, and breaks lines in the same places, whether a word is met for
    /// the first time or again, and for texts that must go through NFC first.
    @Test func theMemoOfWordsGivesThePlainPathsTerms() {
        let memo = SearchWordMemo(analyzer: Self.analyzer)
        let texts = Self.table.rows.map(\.text) + [
            "سورية وسوريا\nبيروت ببيروت، والرقة الرقه", "A\u{200C}B \u{200C}كتاب\u{200C} می\u{200C}خواهم\u{200C}\u{200C}",
            "e\u{301}te\u{301} café CAFÉ", "الأخبار\u{200F} ال\u{200E}أخبار؟! ١٢٣ ۴۵", "the of and\n\nin", "",
            String(repeating: "ك", count: 300) + " " + String(repeating: "word", count: 60), "😀 emoji 😀x", "İstanbul ǅemal ß",
            "قال “الوزير” — في بيروت… ‘نعم’\u{2001}x\u{2000}y",
            // A scalar NFC could change after words already met: the whole text goes the plain way.
            "كتاب الأخبار مرفأ e\u{301}te\u{301} كتاب", "مرفأ بيروت\nكتاب آ ا\u{653}",
            // Dropped characters at a word's start, inside (once and twice, before a ZWNJ) and end.
            "\u{00AD}كتاب كتا\u{200B}ب\u{FEFF}ان می\u{200B}\u{200C}خواهم کتاب\u{00AD}\u{200C} \u{200B}\u{200C}x co\u{00AD}op\u{200D}\u{2066}erate\u{061C}",
        ]
        for _ in 0..<2 {
            for text in texts {
                var numbers: [Int32] = [7]
                memo.appendTerms(of: text, to: &numbers)
                #expect(numbers.first == 7, "numbers already there stay")
                let events = numbers.dropFirst().map { $0 == SearchWordMemo.lineBreak ? "|" : String(decoding: memo.term(Int($0)), as: UTF8.self) }
                var expected: [String] = []
                SearchText.forEachWord(in: text, lineBreak: { expected.append("|") }) { word in
                    if let term = Self.analyzer.term(String(decoding: word, as: UTF8.self)) { expected.append(term) }
                }
                #expect(events == expected, "terms of \(text)")
            }
        }
    }

    /// search.js, run by node on the same table, with the names the manifest would carry.
    @Test func javaScriptGivesTheTable() throws {
        let node = try #require(["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                "node is needed to check search.js")
        let scratch = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes/default/static/search.js")
        let input: [String: Any] = [
            "search": script.path, "names": Self.analyzer.arabic.names.sorted(),
            "texts": Self.table.rows.map(\.text), "queries": Self.table.queries.map(\.query),
        ]
        let inputFile = scratch.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: input).write(to: inputFile)
        let run = try Fixtures.run(URL(fileURLWithPath: node), [Self.folder.appendingPathComponent("analyze.js").path, inputFile.path])
        #expect(run.status == 0, "\(run.errors)")
        struct Output: Decodable {
            var words: [[String]]
            var terms: [[String]]
            var queries: [[String: [String]]]
            var shards: [Int]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(run.output.utf8))
        for (index, row) in Self.table.rows.enumerated() {
            #expect(output.words[index] == row.words, "search.js words of \(row.text)")
            #expect(output.terms[index] == row.terms, "search.js terms of \(row.text)")
            #expect(output.shards[index] == SearchIndex.shard(of: row.text, count: 1024), "shard of \(row.text)")
        }
        for (index, query) in Self.table.queries.enumerated() {
            #expect(output.queries[index]["terms"] == query.terms && output.queries[index]["pairs"] == query.pairs, "search.js query \(query.query)")
        }
    }

    /// What the table is for, said as rules: spellings a reader may type find the same term.
    @Test(arguments: [
        ("الرقه", "الرقة"), ("ببيروت", "بيروت"), ("لبيروت", "بيروت"), ("إعلان", "اعلان"), ("الإعلانات", "اعلان"),
        ("سورية", "سوريا"), ("بسورية", "سوريا"), ("٢٠٣٠", "2030"), ("۲۰۳۰", "2030"), ("مستشفى", "مستشفي"),
        ("مُحَمَّد", "محمد"), ("عـــاجل", "عاجل"), ("می‌خواهم", "مي‌خواهم"), ("کتاب", "كتاب"), ("بدير", "دير"),
        ("Agencies", "agency"), ("RUNNING", "run"), ("killed", "kill"),
    ])
    func spellingsMeet(_ typed: String, _ written: String) {
        #expect(Self.analyzer.terms(typed) == Self.analyzer.terms(written))
    }

    /// Site names are never cut; without the name, the stemmer would cut them.
    @Test func namesStayWhole() {
        #expect(Self.analyzer.terms("بيروت") == ["بيروت"])
        #expect(ArabicStemmer(names: []).stem("بيروت") != "بيروت")
        #expect(Self.analyzer.terms("فلسطين") == ["فلسطين"])
        #expect(Self.analyzer.terms("ZWNJ\u{200C}") == ["zwnj"])
    }

    @Test(arguments: [
        ("running", "run"), ("agencies", "agency"), ("classes", "class"), ("bus", "bus"), ("talked", "talk"),
        ("quickly", "quick"), ("news", "new"), ("sing", "sing"), ("red", "red"), ("hopping", "hop"), ("falling", "fall"),
    ])
    func englishStems(_ word: String, _ stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }
}
