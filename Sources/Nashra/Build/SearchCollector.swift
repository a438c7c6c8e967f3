import Foundation
import NashraCore

/// The search index's terms gathered while a clean build renders its pages: each indexed
/// bulletin's body is parsed once, for its page and its plain text (`Markdown.htmlAndPlainText`),
/// and tokenized on the rendering threads (32 bodies at a time), so the search stage neither reads nor parses the
/// bodies again and its work is spread over the render stage's cores.
///
/// Bodies are rendered newest first (`PageRenderer.renderOrder`), which is document order
/// backwards: the terms of each document are added to a descending `SearchIndex.Assembler` as
/// soon as those of every newer document are in, by whichever rendering thread finds the next
/// one ready, so that only the few documents rendered out of turn are held. Their search-cache
/// entries go to the term packs the same way.
/// The search stage takes the assembler if every document came (`complete`); otherwise it
/// drops it and tokenizes as it would without one.
final class SearchCollector: @unchecked Sendable {
    let site: Site
    let analyzer: SearchAnalyzer
    /// The names the stemmer keeps whole, sorted, and the search key (as the search stage makes them).
    let names: [String]
    let key: UInt64
    /// Bulletin indices in document order (oldest first), and by bulletin, its document (-1: none).
    let documents: [Int]
    private let positions: [Int32]
    let filterKeys: [[UInt8]]
    let filters: [[UInt32]]
    private let pool: SearchWordMemo.Pool

    /// Guarded by `lock`: terms waiting for their turn, by document, and the next document to add.
    private let lock = NSLock()
    private var waiting: [Int: (terms: SearchTerms, entry: [UInt8])] = [:]
    private var next: Int
    private var failed = false
    /// Held by the one thread adding; guarded by `adding`.
    private let adding = NSLock()
    private var assembler = SearchIndex.Assembler(descending: true)
    private var packs: SearchTermCache.PackWriter
    private var sinceFlush = 0
    private(set) var postingCounts: [Int32]
    private(set) var pairCounts: [Int32]

    init(site: Site, state: IncrementalState) {
        self.site = site
        (analyzer, names, key) = Builder.searchAnalyzer(site, state: state)
        documents = SearchIndex.documentOrder(Builder.searchableBulletins(site))
        var positions = [Int32](repeating: -1, count: site.bulletins.count)
        for (position, bulletin) in documents.enumerated() { positions[bulletin] = Int32(position) }
        self.positions = positions
        filterKeys = Builder.filterKeyTable(site)
        filters = documents.map { Builder.filterNumbers(of: $0, in: site) }
        pool = SearchWordMemo.Pool(analyzer: analyzer)
        next = documents.count - 1
        packs = SearchTermCache.PackWriter(folder: Builder.searchStateFolder(of: site, state: state), key: key)
        postingCounts = [Int32](repeating: 0, count: documents.count)
        pairCounts = postingCounts
    }

    /// Whether the body of bulletin `index` is indexed (and so wanted here).
    func wants(_ bulletin: Int) -> Bool { positions[bulletin] >= 0 }

    /// The body of `bulletin`'s plain text, met while its page is rendered (once per bulletin).
    /// Texts are tokenized `batch` at a time, by the thread that fills the batch: one memo of
    /// words, and the assembler's tables, stay in the processor's cache over a batch, where a
    /// body at a time between pages found them cold (their lookups cost twice as much).
    func add(_ bulletin: Int, plainText: [UInt8]) {
        let position = Int(positions[bulletin])
        guard position >= 0 else { return }
        let full = lock.withLock { () -> [(position: Int, bulletin: Int, text: [UInt8])]? in
            pending.append((position, bulletin, plainText))
            guard pending.count >= Self.batch else { return nil }
            let full = pending
            pending.removeAll(keepingCapacity: true)
            return full
        }
        if let full { tokenize(full) }
    }

    static let batch = 32

    /// Guarded by `lock`: plain texts waiting for a full batch.
    private var pending: [(position: Int, bulletin: Int, text: [UInt8])] = []

    private func tokenize(_ texts: [(position: Int, bulletin: Int, text: [UInt8])]) {
        let done = pool.with { memo in
            texts.map { item -> (position: Int, terms: SearchTerms, entry: [UInt8]) in
                let terms = SearchTerms.of(site.bulletins[item.bulletin], plainText: item.text, memo: memo)
                return (item.position, terms, SearchTermCache.entry(site.bulletins[item.bulletin].source.contentHash, terms))
            }
        }
        lock.withLock { for item in done { waiting[item.position] = (item.terms, item.entry) } }
        drain()
    }

    /// After rendering: tokenizes and adds the texts of the last, partial batch, and says
    /// whether every document was added.
    func finishRendering() -> Bool {
        let rest = lock.withLock { () -> [(position: Int, bulletin: Int, text: [UInt8])] in
            defer { pending = [] }
            return pending
        }
        if !rest.isEmpty { tokenize(rest) }
        return complete
    }

    /// A body that could not be rendered: the search stage will tokenize (and report) it.
    func fail() {
        lock.withLock { failed = true }
    }

    /// Adds the waiting documents whose turn it is, unless another thread is at it (that one
    /// looks again once it lets go, so nothing is left waiting behind it).
    private func drain() {
        while adding.try() {
            while let (position, document) = lock.withLock({ () -> (Int, (terms: SearchTerms, entry: [UInt8]))? in
                guard !failed, next >= 0, let document = waiting.removeValue(forKey: next) else { return nil }
                next -= 1
                return (next + 1, document)
            }) {
                let bulletin = documents[position]
                let counted = Builder.postingCount(document.terms, bulletin: bulletin, in: site)
                assembler.add(document.terms, filters: filters[position].map { filterKeys[Int($0)] }, countedPostings: counted)
                packs.add(site.bulletins[bulletin].source.contentHash, entry: document.entry)
                postingCounts[position] = Int32(counted)
                pairCounts[position] = Int32(document.terms.pairs.count)
                sinceFlush += 1
                if sinceFlush == 1_024 {
                    packs.flush()
                    sinceFlush = 0
                }
            }
            adding.unlock()
            guard lock.withLock({ !failed && next >= 0 && waiting[next] != nil }) else { return }
        }
    }

    /// Whether every document was added (after `finishRendering`).
    var complete: Bool { lock.withLock { !failed && next < 0 } }

    /// The assembler and the packs, for the search stage (once, when `complete`).
    func take() -> (assembler: SearchIndex.Assembler, packs: SearchTermCache.PackWriter) {
        (assembler, packs)
    }

    /// Drops the packs written so far (when the search stage does not take them).
    func discard() {
        packs.discard()
    }
}
