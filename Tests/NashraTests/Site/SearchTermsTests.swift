import Foundation
import Testing
@testable import Nashra

/// `SearchTerms.of` (the memo's byte scan, term numbers collected without a closure per term,
/// pairs counted out by first term) gives what a straightforward reading of the rules gives:
/// each field's words through `SearchText` and `SearchAnalyzer`, terms in first-seen order,
/// weights 3 for the headline, 2 for the summary, tags and location or three times in the body,
/// else 1, and each pair of neighbouring terms on one line once, sorted.
@Suite struct SearchTermsTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    static func reference(_ bulletin: Bulletin, body: [UInt8], analyzer: SearchAnalyzer) -> SearchTerms {
        var terms: [[UInt8]] = [], weights: [UInt8] = [], counts: [Int] = []
        var numbers: [[UInt8]: Int] = [:]
        var pairs: Set<UInt64> = []
        func add(_ text: String, weight: UInt8?) {
            var previous: Int?
            SearchText.forEachWord(in: text, lineBreak: { previous = nil }) { word in
                guard let term = analyzer.term(word) else { return }
                let number = numbers[term] ?? terms.count
                if number == terms.count {
                    numbers[term] = number
                    terms.append(term)
                    weights.append(0)
                    counts.append(0)
                }
                if let previous { pairs.insert(UInt64(previous) << 32 | UInt64(number)) }
                previous = number
                if let weight { weights[number] = max(weights[number], weight) } else { counts[number] += 1 }
            }
        }
        add(bulletin.title, weight: 3)
        add(bulletin.summary, weight: 2)
        for tag in bulletin.tags { add(tag, weight: 2) }
        if let location = bulletin.location { add(location, weight: 2) }
        add(String(decoding: Markdown.plainTextUTF8(body), as: UTF8.self), weight: nil)
        for number in terms.indices where counts[number] > 0 {
            weights[number] = max(weights[number], counts[number] >= 3 ? 2 : 1)
        }
        return SearchTerms(terms: terms, weights: weights, pairs: pairs.sorted())
    }

    @Test func eachBulletinsTermsAreTheReferences() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        let site = try #require(Builder.plan(BuildOptions(siteFolder: newsroom.site, rules: Self.rules)).site)
        let analyzer = SearchAnalyzer(names: site.locations.terms.map(\.name) + site.tags.terms.map(\.name))
        // Bodies that the fixture does not have: repeated pairs and one first term with many
        // followers (a long run to sort), stop words between terms, lines, and texts that must
        // go through NFC, after many words or before them.
        let many = (0..<40).map { "قال وزير\($0 % 7) قال كلمة\($0)" }.joined(separator: " ")
        let bodies = [
            "سورية وسوريا\nبيروت ببيروت، والرقة الرقه سورية وسوريا سورية وسوريا", many, many + "\n\n" + many,
            "في بيروت من دمشق الى حلب و في حلب", "مرفأ بيروت " + String(repeating: "كلمة ", count: 200) + "e\u{301}te\u{301} café",
            "e\u{301}te\u{301} café CAFÉ " + many, "الأخبار\u{200F} ال\u{200E}أخبار؟! ١٢٣ ۴۵\n- بند\n- بند آخر", "😀 emoji 😀x",
            "كتا\u{200B}ب\u{FEFF}ان می\u{200B}\u{200C}خواهم کتاب\u{00AD}\u{200C}", "",
        ].map { Array($0.utf8) }
        let memo = SearchWordMemo(analyzer: analyzer)
        var compared = 0
        for _ in 0..<2 {
            for bulletin in site.bulletins {
                let body = try ContentLoader.body(of: bulletin.source).get()
                for body in [Array(body)] + bodies {
                    let expected = Self.reference(bulletin, body: body, analyzer: analyzer)
                    #expect(SearchTerms.of(bulletin, body: body, memo: memo) == expected, "\(bulletin.source.relativePath)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 40)
    }
}
