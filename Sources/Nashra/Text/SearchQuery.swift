/// A reader's query as terms: free words, and "quoted phrases" (also “…” and «…») whose
/// neighbouring terms must also be neighbours in the bulletin. Every term is required. At most
/// `maximumTerms` terms and pairs, from the first 2,000 UTF-16 units: a 10 KB query is a query,
/// not a denial of service. The theme's `search.js` parses the same way.
public struct SearchQuery: Sendable, Equatable {
    public var terms: [String] = []
    public var pairs: [String] = []

    public static let maximumTerms = 10
    static let quotes: Set<Character> = ["\"", "“", "”", "«", "»"]

    public init(_ query: String, analyzer: SearchAnalyzer) {
        let units = Array(query.utf16.prefix(2_000))
        let text = String(decoding: units, as: UTF16.self)
        var free = ""
        var phrases: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { Self.quotes.contains($0) }) {
            free += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { Self.quotes.contains($0) }) else {
                free += rest[open...]
                rest = ""
                break
            }
            phrases.append(String(after[..<close]))
            free += " "
            rest = after[after.index(after: close)...]
        }
        free += rest
        for phrase in phrases {
            let own = analyzer.terms(phrase)
            own.forEach { add($0) }
            for (first, second) in zip(own, own.dropFirst()) {
                let pair = first + " " + second
                if !pairs.contains(pair), pairs.count < Self.maximumTerms { pairs.append(pair) }
            }
        }
        analyzer.terms(free).forEach { add($0) }
    }

    private mutating func add(_ term: String) {
        if !terms.contains(term), terms.count < Self.maximumTerms { terms.append(term) }
    }
}
