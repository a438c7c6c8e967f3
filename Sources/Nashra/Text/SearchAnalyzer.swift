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
        SearchText.words(text).compactMap(term)
    }

    /// A folded word's term, or nil for a stop word.
    public func term(_ word: String) -> String? {
        if Self.stopWords.contains(word) { return nil }
        switch Self.script(of: word) {
        case .arabic: return arabic.stem(word)
        case .latin: return EnglishStemmer.stem(word)
        case .other: return word
        }
    }

    enum Script { case arabic, latin, other }

    static func script(of word: String) -> Script {
        var arabic = false
        for scalar in word.unicodeScalars {
            switch scalar.value {
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
}
