import Foundation

/// `SearchText.forEachWord` then `SearchAnalyzer.term`, remembered per word as written: news says
/// the same words again and again, so each distinct spelling is folded and stemmed once, and then
/// only scanned (as UTF-8 bytes, with no `String` or `Unicode.Scalar` array per word) and looked up.
/// Terms are numbered as they are first met; `terms` holds their UTF-8.
///
/// Not thread-safe: one per thread (the index takes them from a `SearchWordMemo.Pool`). A text
/// with a scalar that NFC could change goes through `SearchText.forEachWord` as before, so the
/// terms are those of the plain path, word for word (`SearchAnalysisTests` compares both).
final class SearchWordMemo {
    let analyzer: SearchAnalyzer
    /// Words as written (without dropped format characters), numbered.
    @exclusivity(unchecked) private var words = SearchByteTable(capacity: 8_192)
    /// By word number: its term's number, or -1 (a stop word, or nothing left after folding).
    @exclusivity(unchecked) private var wordTerms: [Int32] = []
    /// The terms as UTF-8, numbered.
    private var termTable = SearchByteTable(capacity: 8_192)
    /// By term number: its index in the current document's terms (`local`), valid when
    /// `localStamp` is the current `document`.
    @exclusivity(unchecked) private var local: [Int32] = []
    @exclusivity(unchecked) private var localStamp: [UInt32] = []
    private var document: UInt32 = 0
    @exclusivity(unchecked) private var raw: [UInt8] = []
    private var scalars: [Unicode.Scalar] = []
    private var scratch: [Unicode.Scalar] = []
    private var folded: [UInt8] = []
    /// Longer words (in bytes) are analysed every time rather than kept.
    static let longestRemembered = 160

    init(analyzer: SearchAnalyzer) {
        self.analyzer = analyzer
    }

    /// Marks a line feed among the numbers `appendTerms` gives.
    static let lineBreak: Int32 = -1

    /// Appends the number of each term of `text` to `numbers`, in order, and `lineBreak` at each
    /// line feed (after the word before it). No closure per term: the index calls this for every
    /// field and body of the archive.
    func appendTerms(of text: String, to numbers: inout [Int32]) {
        var text = text
        let start = numbers.count
        if text.withUTF8({ scan($0, into: &numbers) }) { return }
        // A scalar NFC could change: the numbers so far go, and the whole text takes the plain path.
        numbers.removeLast(numbers.count - start)
        appendPlainTerms(of: text, to: &numbers)
    }

    /// The same for text that is valid UTF-8 (a body's plain text, `Markdown.plainTextUTF8`).
    func appendTerms(ofUTF8 utf8: [UInt8], to numbers: inout [Int32]) {
        let start = numbers.count
        if utf8.withUnsafeBufferPointer({ scan($0, into: &numbers) }) { return }
        numbers.removeLast(numbers.count - start)
        appendPlainTerms(of: String(decoding: utf8, as: UTF8.self), to: &numbers)
    }

    /// `SearchText.forEachWord` and the analyser, word by word (the plain path).
    private func appendPlainTerms(of text: String, to numbers: inout [Int32]) {
        var plain: [Int32] = []
        SearchText.forEachWord(in: text, lineBreak: { plain.append(Self.lineBreak) }) { word in
            let term = number(ofFolded: word)
            if term >= 0 { plain.append(term) }
        }
        numbers += plain
    }

    /// The terms of `utf8` appended to `numbers`, or false as soon as a scalar is met that is not
    /// `SearchText.isSearchNFC` (the words before it are remembered, which is right whatever
    /// follows them).
    private func scan(_ utf8: UnsafeBufferPointer<UInt8>, into numbers: inout [Int32]) -> Bool {
        raw.removeAll(keepingCapacity: true)
        // A word's bytes are looked up where they lie in the text; only a word with a
        // dropped character inside (a tatweel, a format mark) is copied into `raw` without it.
        var start = -1
        var index = 0
        let count = utf8.count
        while index < count {
            let value: UInt32, length: Int
            if utf8[index] < 0x80 {
                (value, length) = (UInt32(utf8[index]), 1)
            } else {
                (value, length) = UTF8Scalar.decode(utf8, at: index)
                if length == 4 || !SearchText.isSearchNFC(value: value) { return false }
            }
            if Self.isWord(value) || (value == 0x200C && (start >= 0 || !raw.isEmpty)) {
                if !raw.isEmpty {
                    for offset in 0..<length { raw.append(utf8[index + offset]) }
                } else if start < 0 {
                    start = index
                }
            } else if !SearchText.isDropped(Unicode.Scalar(value)!) {
                finishWord(utf8, from: start, to: index, into: &numbers)
                start = -1
                if value == 0x0A { numbers.append(Self.lineBreak) }
            } else if start >= 0 {
                // Dropped inside a word: what came before it is copied, and the rest follows.
                raw.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = -1
            }
            index += length
        }
        finishWord(utf8, from: start, to: count, into: &numbers)
        return true
    }

    /// Ends the word that is `utf8[start..<end]` (`start` ≥ 0), or in `raw`.
    @inline(__always)
    private func finishWord(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into numbers: inout [Int32]) {
        if start >= 0 {
            var end = end
            // A ZWNJ ends no word: trailing ones go (E2 80 8C).
            while end - start >= 3, utf8[end - 1] == 0x8C, utf8[end - 2] == 0x80, utf8[end - 3] == 0xE2 { end -= 3 }
            if end > start { finishWord(UnsafeBufferPointer(rebasing: utf8[start..<end]), into: &numbers) }
        } else {
            finishRawWord(into: &numbers)
        }
    }

    /// Term `number`'s UTF-8.
    func term(_ number: Int) -> [UInt8] { termTable.key(number) }

    /// Turns the term numbers of `numbers` (as `appendTerms` gives them; `lineBreak` stays) into
    /// the current document's own (see `beginDocument`): a term met for the first time in the
    /// document takes the next, `ends.count`, and its UTF-8 is appended to `bytes` and its end
    /// to `ends`. In one loop over the numbers, with no reference counting per number.
    func localize(_ numbers: inout [Int32], bytes: inout [UInt8], ends: inout [UInt32]) {
        let termCount = termTable.count
        if local.count < termCount {
            local += [Int32](repeating: 0, count: termCount - local.count + 1_024)
            localStamp += [UInt32](repeating: 0, count: local.count - localStamp.count)
        }
        let document = document
        numbers.withUnsafeMutableBufferPointer { numbers in
            local.withUnsafeMutableBufferPointer { local in
                localStamp.withUnsafeMutableBufferPointer { stamps in
                    termTable.withStorage { stored, starts in
                        for position in numbers.indices {
                            let number = Int(numbers[position])
                            guard number >= 0 else { continue }
                            if stamps[number] == document {
                                numbers[position] = local[number]
                                continue
                            }
                            let index = Int32(ends.count)
                            stamps[number] = document
                            local[number] = index
                            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: stored[starts[number]..<starts[number + 1]]))
                            ends.append(UInt32(bytes.count))
                            numbers[position] = index
                        }
                    }
                }
            }
        }
    }

    /// Forgets the local numbers of the previous document.
    func beginDocument() {
        document &+= 1
        if document == 0 {
            localStamp = [UInt32](repeating: 0, count: localStamp.count)
            document = 1
        }
    }

    @inline(__always)
    private static func isWord(_ value: UInt32) -> Bool {
        if value < 0x80 { return (0x30...0x39).contains(value) || (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) }
        if (0x0620...0x0669).contains(value) { return true }
        if value == 0x200C { return false }
        return SearchText.isWordScalar(Unicode.Scalar(value)!)
    }

    /// `raw` (a word as written) to its term, through the table of words already seen.
    @inline(__always)
    private func finishRawWord(into numbers: inout [Int32]) {
        // A ZWNJ ends no word: trailing ones go (E2 80 8C).
        while raw.count >= 3, raw[raw.count - 1] == 0x8C, raw[raw.count - 2] == 0x80, raw[raw.count - 3] == 0xE2 {
            raw.removeLast(3)
        }
        guard !raw.isEmpty else { return }
        raw.withUnsafeBufferPointer { finishWord($0, into: &numbers) }
        raw.removeAll(keepingCapacity: true)
    }

    /// The term of `word` (as written, without dropped characters), through the table of words
    /// already seen.
    @inline(__always)
    private func finishWord(_ word: UnsafeBufferPointer<UInt8>, into numbers: inout [Int32]) {
        let hash = SearchByteTable.hash(word)
        let term: Int32
        if let known = words.find(word, hash: hash) {
            term = wordTerms[known]
        } else {
            term = analyse(word)
            if word.count <= Self.longestRemembered {
                words.insert(word, hash: hash)
                wordTerms.append(term)
            }
        }
        if term >= 0 { numbers.append(term) }
    }

    private func analyse(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        scalars.removeAll(keepingCapacity: true)
        for scalar in String(decoding: word, as: UTF8.self).unicodeScalars { scalars.append(scalar) }
        SearchText.fold(scalars, into: &folded, scratch: &scratch)
        return folded.isEmpty ? -1 : number(ofFolded: folded)
    }

    private func number(ofFolded word: [UInt8]) -> Int32 {
        guard let term = analyzer.term(word) else { return -1 }
        return Int32(termTable.number(term))
    }
}


extension SearchWordMemo {
    /// Memos to lend to the threads of a parallel map, each used by one thread at a time.
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        /// Guarded by `lock`.
        private var free: [SearchWordMemo] = []
        let analyzer: SearchAnalyzer

        init(analyzer: SearchAnalyzer) {
            self.analyzer = analyzer
        }

        func with<T>(_ body: (SearchWordMemo) -> T) -> T {
            let memo = lock.withLock { free.popLast() } ?? SearchWordMemo(analyzer: analyzer)
            defer { lock.withLock { free.append(memo) } }
            return body(memo)
        }
    }
}
