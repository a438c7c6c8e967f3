import NashraCore

/// What the search index holds of one bulletin: each term with its weight (3 in the headline,
/// 2 in the summary, dateline or tags or three times in the body, else 1) and the pairs of
/// neighbouring terms that exact-phrase search looks up. Made from the bulletin's fields and its
/// body's plain text (from the cmark tree, never from HTML); the build cache keeps it by the
/// file's content hash, so an unchanged bulletin is not read or tokenized again.
public struct SearchTerms: Sendable, Equatable {
    /// Sorted by term.
    public var weights: [(term: String, weight: UInt8)]
    /// Sorted; each "a b".
    public var pairs: [String]

    public init(weights: [(term: String, weight: UInt8)], pairs: [String]) {
        self.weights = weights
        self.pairs = pairs
    }

    public static func == (lhs: SearchTerms, rhs: SearchTerms) -> Bool {
        lhs.pairs == rhs.pairs && lhs.weights.elementsEqual(rhs.weights) { $0.term == $1.term && $0.weight == $1.weight }
    }

    /// The terms of `bulletin` whose body (Markdown, UTF-8) is `body`.
    public static func of(_ bulletin: Bulletin, body: some Collection<UInt8>, analyzer: SearchAnalyzer) -> SearchTerms {
        var weights: [String: UInt8] = [:]
        var pairs: Set<String> = []
        // A body says the same words again and again: each is folded once, stemmed once.
        var known: [String: String?] = [:]
        func terms(_ text: String) -> [String] {
            SearchText.words(text).compactMap { word in
                if let term = known[word] { return term }
                let term = analyzer.term(word)
                known[word] = term
                return term
            }
        }
        func add(_ text: String, weight: UInt8) {
            var previous: String?
            for line in text.split(separator: "\n") {
                previous = nil
                for term in terms(String(line)) {
                    weights[term] = max(weights[term] ?? 0, weight)
                    if let previous { pairs.insert(previous + " " + term) }
                    previous = term
                }
            }
        }
        add(bulletin.title, weight: 3)
        add(bulletin.summary, weight: 2)
        for tag in bulletin.tags { add(tag, weight: 2) }
        if let location = bulletin.location { add(location, weight: 2) }
        var counts: [String: Int] = [:]
        var previous: String?
        for line in Markdown.plainText(body).split(separator: "\n") {
            previous = nil
            for term in terms(String(line)) {
                counts[term, default: 0] += 1
                if let previous { pairs.insert(previous + " " + term) }
                previous = term
            }
        }
        for (term, count) in counts { weights[term] = max(weights[term] ?? 0, count >= 3 ? 2 : 1) }
        return SearchTerms(weights: weights.map { ($0.key, $0.value) }.sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) },
                           pairs: pairs.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
