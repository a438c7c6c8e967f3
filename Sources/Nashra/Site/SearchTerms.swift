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
        of(bulletin, plainText: Markdown.plainTextUTF8(body), memo: memo)
    }

    /// The same, from the body's plain text (`Markdown.plainTextUTF8`, or the text the render
    /// stage took from its own parse of the body: `Markdown.htmlAndPlainText`).
    static func of(_ bulletin: Bulletin, plainText: [UInt8], memo: SearchWordMemo) -> SearchTerms {
        memo.beginDocument()
        var collector = Collector()
        var numbers: [Int32] = []
        func add(_ text: String, weight: UInt8) {
            numbers.removeAll(keepingCapacity: true)
            memo.appendTerms(of: text, to: &numbers)
            collector.add(&numbers, weight: weight, memo: memo)
        }
        add(bulletin.title, weight: 3)
        add(bulletin.summary, weight: 2)
        for tag in bulletin.tags { add(tag, weight: 2) }
        if let location = bulletin.location { add(location, weight: 2) }
        // The body's terms are counted: weight 2 at three times, else 1.
        numbers.removeAll(keepingCapacity: true)
        memo.appendTerms(ofUTF8: plainText, to: &numbers)
        collector.add(&numbers, weight: 0, memo: memo)
        return collector.finished()
    }

    /// One document's terms, weights, counts in the body and pairs, from the term numbers a
    /// `SearchWordMemo` gives, field after field (the memo numbers them locally in first-seen order).
    private struct Collector {
        var own = SearchTerms()
        var counts: [Int32] = []
        var pairs: [UInt64] = []

        /// `numbers` are the memo's term numbers, made the document's own (`SearchWordMemo.localize`,
        /// the new terms appended to `own`). `weight` 0 counts the terms (the body) instead of weighing them.
        mutating func add(_ numbers: inout [Int32], weight: UInt8, memo: SearchWordMemo) {
            memo.localize(&numbers, bytes: &own.bytes, ends: &own.ends)
            if own.weights.count < own.count {
                own.weights += repeatElement(0, count: own.count - own.weights.count)
                counts += repeatElement(0, count: own.count - counts.count)
            }
            // Pairs never span lines (a headline's last word and the summary's first are not a phrase).
            var previous = -1
            for number in numbers {
                guard number != SearchWordMemo.lineBreak else {
                    previous = -1
                    continue
                }
                let index = Int(number)
                if previous >= 0 { pairs.append(UInt64(previous) << 32 | UInt64(index)) }
                previous = index
                if weight == 0 {
                    counts[index] += 1
                } else if own.weights[index] < weight {
                    own.weights[index] = weight
                }
            }
        }

        consuming func finished() -> SearchTerms {
            for index in 0..<own.count where counts[index] > 0 {
                own.weights[index] = max(own.weights[index], counts[index] >= 3 ? 2 : 1)
            }
            own.pairs = Self.sortedOnce(pairs, terms: own.count)
            return own
        }

        /// `pairs` sorted, each once: counted out by first term (fewer than `terms`), then each
        /// first term's run sorted by its second.
        static func sortedOnce(_ pairs: [UInt64], terms: Int) -> [UInt64] {
            var starts = [Int](repeating: 0, count: terms + 1)
            for pair in pairs { starts[Int(pair >> 32) + 1] += 1 }
            for term in 0..<terms { starts[term + 1] += starts[term] }
            var next = starts
            var sorted = [UInt64](repeating: 0, count: pairs.count)
            for pair in pairs {
                let first = Int(pair >> 32)
                sorted[next[first]] = pair
                next[first] += 1
            }
            var kept = 0
            sorted.withUnsafeMutableBufferPointer { sorted in
                for term in 0..<terms where starts[term] < starts[term + 1] {
                    var run = UnsafeMutableBufferPointer(rebasing: sorted[starts[term]..<starts[term + 1]])
                    if run.count <= 16 {
                        for position in 1..<max(1, run.count) {
                            let pair = run[position]
                            var slot = position
                            while slot > 0, run[slot - 1] > pair {
                                run[slot] = run[slot - 1]
                                slot -= 1
                            }
                            run[slot] = pair
                        }
                    } else {
                        run.sort()
                    }
                    for pair in run where kept == 0 || sorted[kept - 1] != pair {
                        sorted[kept] = pair
                        kept += 1
                    }
                }
            }
            sorted.removeLast(sorted.count - kept)
            return sorted
        }
    }
}
