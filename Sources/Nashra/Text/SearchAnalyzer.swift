/// Text to search terms: `SearchText`'s words, stop words left out, each word stemmed by its
/// script (Arabic letters by `ArabicStemmer`, unless it holds a Persian letter or a ZWNJ; a-z by
/// `EnglishStemmer`; anything else as it is). Index and query go through this same function, and
/// the theme's `search.js` repeats it.
public struct SearchAnalyzer: Sendable {
    public let arabic: ArabicStemmer

    /// `names`: names never cut (folded here, word by word), besides `ArabicStemmer.commonNames`.
    public init(names: some Sequence<String>) {
        var all = Set(ArabicStemmer.commonNames)
        for name in names { all.formUnion(SearchText.words(name)) }
        arabic = ArabicStemmer(names: all)
    }

    /// The terms of `text`, in order.
    public func terms(_ text: String) -> [String] {
        var terms: [String] = []
        SearchText.forEachWord(in: text) { word in
            if let term = term(word) { terms.append(String(decoding: term, as: UTF8.self)) }
        }
        return terms
    }

    /// A folded word's term, or nil for a stop word.
    public func term(_ word: String) -> String? {
        term(Array(word.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `term` on UTF-8 bytes, as the index calls it.
    func term(_ word: [UInt8]) -> [UInt8]? {
        if Self.stopWordBytes.contains(word) { return nil }
        switch Self.script(of: word) {
        case .arabic: return arabic.stem(word)
        case .latin: return EnglishStemmer.stem(word)
        case .other: return word
        }
    }

    enum Script { case arabic, latin, other }

    static func script(of word: [UInt8]) -> Script {
        var arabic = false
        var index = 0
        while index < word.count {
            // Decodes the scalar at `index` (the bytes are valid UTF-8, made by `SearchText`).
            let lead = UInt32(word[index])
            let value: UInt32
            switch lead {
            case ..<0x80: value = lead; index += 1
            case ..<0xE0: value = (lead & 0x1F) << 6 | UInt32(word[index + 1] & 0x3F); index += 2
            case ..<0xF0: value = (lead & 0x0F) << 12 | UInt32(word[index + 1] & 0x3F) << 6 | UInt32(word[index + 2] & 0x3F); index += 3
            default: value = 0x10000; index += 4
            }
            switch value {
            case 0x67E, 0x686, 0x698, 0x6AF, 0x200C: return .other
            case 0x0621...0x064A: arabic = true
            case 0x61...0x7A: if !arabic { return .latin }
            default: break
            }
        }
        return arabic ? .arabic : .other
    }

    /// Words too common to find anything, already folded (على → علي, إلى → الي).
    public static let stopWords: Set<String> = [
        "في", "من", "علي", "الي", "عن", "ان", "مع", "هذا", "هذه", "التي", "الذي", "الذين", "كان", "كانت", "قد", "لا", "ما",
        "او", "ثم", "بين", "كما", "حتي", "ذلك", "تلك", "هو", "هي", "منذ", "عند", "اي", "لم", "لن", "كل", "و", "ف", "ب", "ل",
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "was", "are", "were", "be", "by", "with", "at",
        "from", "as", "that", "this", "it", "its",
    ]
    static let stopWordBytes = Set(stopWords.map { Array($0.utf8) })
}
