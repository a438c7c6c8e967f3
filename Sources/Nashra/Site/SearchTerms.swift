import NashraCore

/// What the search index holds of one bulletin: each term with its weight (3 in the headline,
/// 2 in the summary, dateline or tags or three times in the body, else 1) and the pairs of
/// neighbouring terms that exact-phrase search looks up. Made from the bulletin's fields and its
/// body's plain text (from the cmark tree, never from HTML); the search cache keeps it by the
/// file's content hash, so an unchanged bulletin is not read or tokenized again.
///
/// Terms are UTF-8 bytes, one after another in one buffer (an array per term made the terms of
/// a 10,000-bulletin archive millions of small allocations), and pairs are indices into them.
/// The whole build holds these only for a batch of documents at a time (`SearchIndex.Assembler`).
struct SearchTerms: Sendable, Equatable {
    /// The terms' UTF-8, each distinct term once, in order of first appearance: term i is
    /// `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    var bytes: [UInt8] = []
    var ends: [UInt32] = []
    /// By term: its weight.
    var weights: [UInt8] = []
    /// Neighbouring terms as `first << 32 | second` (indices into the terms), sorted.
    var pairs: [UInt64] = []

    init() {}

    init(terms: [[UInt8]], weights: [UInt8], pairs: [UInt64]) {
        for term in terms { append(term) }
        self.weights = weights
        self.pairs = pairs
    }

    /// How many terms.
    var count: Int { ends.count }

    /// Term `index`'s UTF-8.
    func term(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])]
    }

    /// Every term as its own array (for the incremental patch, which handles a few documents).
    var terms: [[UInt8]] { (0..<count).map { Array(term($0)) } }

    /// Adds a term (without its weight).
    mutating func append(_ term: some Collection<UInt8>) {
        bytes.append(contentsOf: term)
        ends.append(UInt32(bytes.count))
    }

    /// The terms of `bulletin` whose body (Markdown, UTF-8) is `body`.
    static func of(_ bulletin: Bulletin, body: some Collection<UInt8>, analyzer: SearchAnalyzer) -> SearchTerms {
        of(bulletin, body: body, memo: SearchWordMemo(analyzer: analyzer))
    }

    /// The same, with the words `memo` has already analysed (one memo per thread).
    static func of(_ bulletin: Bulletin, body: some Collection<UInt8>, memo: SearchWordMemo) -> SearchTerms {
        var own = SearchTerms()
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
                    index = own.count
                    memo.setLocalIndex(index, of: term)
                    own.append(memo.terms[Int(term)])
                    own.weights.append(0)
                    counts.append(0)
                }
                // Pairs never span lines (a headline's last word and the summary's first are not a phrase).
                if previous >= 0 { pairs.append(UInt64(previous) << 32 | UInt64(index)) }
                previous = index
                body(index)
            }
        }
        func add(_ text: String, weight: UInt8) {
            forEachTerm(text) { own.weights[$0] = max(own.weights[$0], weight) }
        }
        add(bulletin.title, weight: 3)
        add(bulletin.summary, weight: 2)
        for tag in bulletin.tags { add(tag, weight: 2) }
        if let location = bulletin.location { add(location, weight: 2) }
        forEachTerm(Markdown.plainText(body)) { counts[$0] += 1 }
        for index in 0..<own.count where counts[index] > 0 {
            own.weights[index] = max(own.weights[index], counts[index] >= 3 ? 2 : 1)
        }
        pairs.sort()
        var kept = 0
        for position in pairs.indices where kept == 0 || pairs[kept - 1] != pairs[position] {
            pairs[kept] = pairs[position]
            kept += 1
        }
        pairs.removeLast(pairs.count - kept)
        own.pairs = pairs
        return own
    }
}
