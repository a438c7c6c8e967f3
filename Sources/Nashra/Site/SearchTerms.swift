import NashraCore

/// What the search index holds of one bulletin: each term with its weight (3 in the headline,
/// 2 in the summary, dateline or tags or three times in the body, else 1) and the pairs of
/// neighbouring terms that exact-phrase search looks up. Made from the bulletin's fields and its
/// body's plain text (from the cmark tree, never from HTML); the build cache keeps it by the
/// file's content hash, so an unchanged bulletin is not read or tokenized again.
///
/// Terms are UTF-8 bytes and pairs are indices into them: the index is built from every word of
/// the archive, and `String` hashing and comparison of Arabic text was most of its time.
struct SearchTerms: Sendable, Equatable {
    /// Each distinct term, in order of first appearance, and its weight.
    var terms: [[UInt8]]
    var weights: [UInt8]
    /// Neighbouring terms as `first << 32 | second` (indices into `terms`), sorted.
    var pairs: [UInt64]

    /// The terms of `bulletin` whose body (Markdown, UTF-8) is `body`.
    static func of(_ bulletin: Bulletin, body: some Collection<UInt8>, analyzer: SearchAnalyzer) -> SearchTerms {
        of(bulletin, body: body, memo: SearchWordMemo(analyzer: analyzer))
    }

    /// The same, with the words `memo` has already analysed (one memo per thread).
    static func of(_ bulletin: Bulletin, body: some Collection<UInt8>, memo: SearchWordMemo) -> SearchTerms {
        var terms: [[UInt8]] = []
        var weights: [UInt8] = []
        var counts: [Int] = []
        var pairs: [UInt64] = []
        memo.beginDocument()
        func forEachTerm(_ text: String, _ body: (Int) -> Void) {
            var previous = -1
            memo.forEachTerm(in: text, lineBreak: { previous = -1 }) { term in
                let index: Int
                if let known = memo.localIndex(of: term) {
                    index = known
                } else {
                    index = terms.count
                    memo.setLocalIndex(index, of: term)
                    terms.append(memo.terms[Int(term)])
                    weights.append(0)
                    counts.append(0)
                }
                // Pairs never span lines (a headline's last word and the summary's first are not a phrase).
                if previous >= 0 { pairs.append(UInt64(previous) << 32 | UInt64(index)) }
                previous = index
                body(index)
            }
        }
        func add(_ text: String, weight: UInt8) {
            forEachTerm(text) { weights[$0] = max(weights[$0], weight) }
        }
        add(bulletin.title, weight: 3)
        add(bulletin.summary, weight: 2)
        for tag in bulletin.tags { add(tag, weight: 2) }
        if let location = bulletin.location { add(location, weight: 2) }
        forEachTerm(Markdown.plainText(body)) { counts[$0] += 1 }
        for index in terms.indices where counts[index] > 0 {
            weights[index] = max(weights[index], counts[index] >= 3 ? 2 : 1)
        }
        pairs.sort()
        var kept = 0
        for position in pairs.indices where kept == 0 || pairs[kept - 1] != pairs[position] {
            pairs[kept] = pairs[position]
            kept += 1
        }
        pairs.removeLast(pairs.count - kept)
        return SearchTerms(terms: terms, weights: weights, pairs: pairs)
    }
}
