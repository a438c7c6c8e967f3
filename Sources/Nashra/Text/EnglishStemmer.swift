/// A small suffix stripper for English words (lower-cased by `SearchText`), after the first
/// steps of Porter's: plurals, -ed, -ing, -ly, with a doubled final consonant undone
/// (running → run), leaving at least 3 letters with a vowel among them.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// `stem` on UTF-8 bytes, as the index calls it.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        var word = word
        guard word.count > 3, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        if ends(word, "sses") {
            word.removeLast(2)
        } else if ends(word, "ies"), word.count > 4 {
            word.removeLast(3)
            word.append(0x79) // y
        } else if ends(word, "s"), !ends(word, "ss"), !ends(word, "us"), !ends(word, "is") {
            word.removeLast()
        }
        for suffix in ["ing", "ed"] where ends(word, suffix) {
            let rest = Array(word.dropLast(suffix.utf8.count))
            guard rest.count >= 3, hasVowel(rest) else { break }
            word = rest
            if let last = word.last, word.count > 3, word[word.count - 2] == last, !"aeioulsz".utf8.contains(last) {
                word.removeLast()
            }
            break
        }
        if ends(word, "ly"), word.count - 2 >= 3, hasVowel(Array(word.dropLast(2))) { word.removeLast(2) }
        return word
    }

    private static func ends(_ word: [UInt8], _ suffix: String) -> Bool {
        word.count > suffix.utf8.count && word.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    private static func hasVowel(_ word: [UInt8]) -> Bool {
        word.contains { "aeiouy".utf8.contains($0) }
    }
}
