import Foundation
import NashraCore

extension Builder {
    /// The search stage. After an edit it patches the previous index (`patchSearchIndex`);
    /// otherwise it builds it whole: each indexed bulletin's terms (from the search cache when
    /// its file is unchanged, else from its body's plain text), the index, and its files staged,
    /// except those whose bytes the output folder already has. Returns every index path, for the
    /// site's manifest, and the bodies that could not be read.
    /// The search stage's outcome. `saveState` records which index the output now holds; it runs
    /// only after publishing, so a build killed before its files are in place never leaves a
    /// state that the next build would patch as if they were.
    struct SearchStage {
        var paths: [String] = []
        var problems: [Diagnostic] = []
        var saveState: (() -> Void)?
    }

    static func writeSearchIndex(_ site: Site, state: IncrementalState, writer: SiteWriter) -> SearchStage {
        guard site.config.searchEnabled else { return SearchStage() }
        let names = site.locations.terms.map(\.name) + site.tags.terms.map(\.name)
        let analyzer = SearchAnalyzer(names: names)
        let sortedNames = analyzer.arabic.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var key = state.parsing
        for name in sortedNames { key.add(name) }
        // Places and tag aliases rename terms, and so filter keys and what results show.
        key.add(site.dataFingerprint)
        let folder = state.url.deletingPathExtension().appendingPathExtension("searchindex")
        let documents = site.bulletins.indices.filter { isSearchable(site.bulletins[$0], in: site) }
        let filters = documents.map { filterKeys(of: $0, in: site) }
        let fingerprints = zip(documents, filters).map { documentFingerprint($0, filters: $1, in: site) }

        if state.previous != nil, let previous = SearchIndexState.load(from: folder, key: key.value),
           let patched = patchSearchIndex(site, documents: documents, filters: filters, fingerprints: fingerprints, previous: previous,
                                          analyzer: analyzer, names: sortedNames, folder: folder, key: key.value, writer: writer) {
            return patched
        }

        let hashes = documents.map { site.bulletins[$0].source.contentHash }
        let cached = state.previous == nil ? SearchTermCache(folder: folder, key: key.value)
            : SearchTermCache.load(from: folder, key: key.value, packs: 0..<SearchTermCache.packCount)
        let results = documents.parallelMap { index -> Result<SearchTerms, Diagnostic> in
            if let terms = cached.terms[site.bulletins[index].source.contentHash] { return .success(terms) }
            return ContentLoader.body(of: site.bulletins[index].source).map { SearchTerms.of(site.bulletins[index], body: $0, analyzer: analyzer) }
        }
        var problems: [Diagnostic] = []
        var terms = [SearchTerms?](repeating: nil, count: site.bulletins.count)
        var next = SearchTermCache(folder: folder, key: key.value)
        for (index, result) in zip(documents, results) {
            switch result {
            case .success(let own):
                terms[index] = own
                next.terms[site.bulletins[index].source.contentHash] = own
            case .failure(let problem):
                problems.append(problem)
            }
        }
        guard problems.isEmpty else { return SearchStage(problems: problems) }
        let index = SearchIndex.make(site, terms: terms, names: sortedNames)
        let root = writer.output.path + "/"
        for file in SearchIndexWriter(site: site, index: index).files() {
            // A clean build stages every file, as it renders every page (publishing still leaves
            // the same bytes alone).
            if state.previous != nil, previousFile(file.path, in: writer, root: root).map({ $0 == file.bytes.count }) == true,
               writer.previousOutputs[PathKey(file.path)]?.hash == file.bytes.withUnsafeBytes({ ByteHash.of($0) }) {
                continue
            }
            do throws(Diagnostics) {
                try writer.write(file.bytes, to: file.path)
            } catch {
                problems += error.diagnostics
            }
        }
        var saveState: (() -> Void)?
        if problems.isEmpty {
            next.save()
            let documentStates = documents.indices.map { position in
                let own = terms[documents[position]]!
                return SearchIndexState.Document(fingerprint: fingerprints[position], contentHash: hashes[position], filters: filters[position],
                                                 postingCount: own.terms.count + 1 + site.tagTerms[documents[position]].count,
                                                 pairCount: own.pairs.count)
            }
            let keyValue = key.value
            saveState = { SearchIndexState(documents: documentStates).save(to: folder, key: keyValue) }
        }
        return SearchStage(paths: SearchIndexWriter.paths(documents: index.documents.count, termShards: index.termShards, pairShards: index.pairShards),
                           problems: problems, saveState: saveState)
    }

    /// The size of the output file at `path` if it is still the one the previous build left
    /// (same size and time as its stamp), else nil.
    private static func previousFile(_ path: String, in writer: SiteWriter, root: String) -> Int? {
        guard let old = writer.previousOutputs[PathKey(path)], let stamp = FileStamp(path: root + path),
              stamp.size == old.size, stamp.modified == old.modified else { return nil }
        return old.size
    }

    /// Patches the previous index for the documents whose fingerprint changed: their old terms
    /// (from the search cache) and new ones (tokenized now) give the keys whose postings changed,
    /// and only the shards holding those keys, read back from the output folder, are rewritten,
    /// with the display shards of those documents. The bytes are those a whole build would write,
    /// since a shard is a pure function of its keys' postings. Nil when the index must be built
    /// whole: documents came or went (every later document's number moves), many changed, a
    /// shard count changed, or a previous file is not the one the last build wrote.
    private static func patchSearchIndex(_ site: Site, documents: [Int], filters: [[[UInt8]]], fingerprints: [UInt64],
                                         previous: SearchIndexState, analyzer: SearchAnalyzer, names: [String],
                                         folder: URL, key: UInt64, writer: SiteWriter) -> SearchStage? {
        guard previous.documents.count == documents.count else { return nil }
        let changed = documents.indices.filter { previous.documents[$0].fingerprint != fingerprints[$0] }
        guard changed.count <= 64 else { return nil }
        let hashes = changed.map { site.bulletins[documents[$0]].source.contentHash }
        var cache = SearchTermCache.load(from: folder, key: key,
                                         packs: (changed.map { previous.documents[$0].contentHash } + hashes).map(SearchTermCache.pack))
        var problems: [Diagnostic] = []
        var next = previous
        // Key → (document, new weight, 0 when gone); pair → (document, now there or not).
        var termChanges: [[UInt8]: [(document: Int32, weight: UInt8)]] = [:]
        var pairChanges: [[UInt8]: [(document: Int32, present: Bool)]] = [:]
        for (position, hash) in zip(changed, hashes) {
            let bulletin = site.bulletins[documents[position]]
            guard let old = cache.terms[previous.documents[position].contentHash] else { return nil }
            let new: SearchTerms
            if let known = cache.terms[hash] {
                new = known
            } else {
                switch ContentLoader.body(of: bulletin.source) {
                case .success(let body): new = SearchTerms.of(bulletin, body: body, analyzer: analyzer)
                case .failure(let problem):
                    problems.append(problem)
                    continue
                }
                cache.terms[hash] = new
            }
            let document = Int32(position)
            let oldWeights = weights(old, filters: previous.documents[position].filters)
            let newWeights = weights(new, filters: filters[position])
            for (term, weight) in newWeights where oldWeights[term] != weight { termChanges[term, default: []].append((document, weight)) }
            for term in oldWeights.keys where newWeights[term] == nil { termChanges[term, default: []].append((document, 0)) }
            let oldPairs = pairKeys(old)
            let newPairs = pairKeys(new)
            for pair in newPairs.subtracting(oldPairs) { pairChanges[pair, default: []].append((document, true)) }
            for pair in oldPairs.subtracting(newPairs) { pairChanges[pair, default: []].append((document, false)) }
            next.documents[position] = SearchIndexState.Document(
                fingerprint: fingerprints[position], contentHash: hash, filters: filters[position],
                postingCount: new.terms.count + 1 + site.tagTerms[documents[position]].count, pairCount: new.pairs.count)
        }
        guard problems.isEmpty else { return SearchStage(problems: problems) }
        let termShards = SearchIndex.shardCount(previous.documents.reduce(0) { $0 + $1.postingCount })
        let pairShards = SearchIndex.shardCount(previous.documents.reduce(0) { $0 + $1.pairCount })
        guard SearchIndex.shardCount(next.documents.reduce(0) { $0 + $1.postingCount }) == termShards,
              SearchIndex.shardCount(next.documents.reduce(0) { $0 + $1.pairCount }) == pairShards else { return nil }

        let root = writer.output.path + "/"
        func previousShard(_ path: String) -> [(key: [UInt8], numbers: [Int])]? {
            guard let size = previousFile(path, in: writer, root: root), let bytes = RawFile.read(root + path), bytes.count == size,
                  writer.previousOutputs[PathKey(path)]?.hash == bytes.withUnsafeBytes({ ByteHash.of($0) }) else { return nil }
            return SearchIndexWriter.parseShard(bytes)
        }
        /// Delta-coded numbers back to documents; `weighted` for terms (`delta × 3 + weight − 1`).
        func decoded(_ numbers: [Int], weighted: Bool) -> [(document: Int32, weight: UInt8)] {
            var document: Int32 = 0
            return numbers.map { number in
                document += Int32(weighted ? number / 3 : number)
                return (document, weighted ? UInt8(number % 3 + 1) : 1)
            }
        }
        var files: [(path: String, bytes: [UInt8])] = []
        for (shard, changes) in Dictionary(grouping: termChanges, by: { SearchIndex.shard(of: $0.key, count: termShards) }) {
            let path = SearchIndexWriter.termShardPath(shard)
            guard let entries = previousShard(path) else { return nil }
            let merged = patched(entries.map { ($0.key, decoded($0.numbers, weighted: true)) }, with: changes.map { ($0.key, $0.value) })
            files.append((path, SearchIndexWriter.termShard(merged)))
        }
        for (shard, changes) in Dictionary(grouping: pairChanges, by: { SearchIndex.shard(of: $0.key, count: pairShards) }) {
            let path = SearchIndexWriter.pairShardPath(shard)
            guard let entries = previousShard(path) else { return nil }
            // Pairs have no weight: 1 stands for "there".
            let merged = patched(entries.map { ($0.key, decoded($0.numbers, weighted: false)) },
                                 with: changes.map { change in (change.key, change.value.map { (document: $0.document, weight: UInt8($0.present ? 1 : 0)) }) })
            files.append((path, SearchIndexWriter.pairShard(merged.map { ($0.key, $0.postings.map(\.document)) })))
        }
        let index = SearchIndex(documents: documents, terms: [], postings: [], pairs: [], pairPostings: [],
                                termShards: termShards, pairShards: pairShards, names: names)
        let display = SearchIndexWriter(site: site, index: index)
        for shard in Set(changed.map { $0 / SearchIndex.documentsPerShard }).sorted() { files.append(display.documentShard(shard)) }
        for file in files {
            do throws(Diagnostics) {
                try writer.write(file.bytes, to: file.path)
            } catch {
                problems += error.diagnostics
            }
        }
        var saveState: (() -> Void)?
        if problems.isEmpty {
            cache.save(packs: Set(hashes.map(SearchTermCache.pack)))
            saveState = { next.save(to: folder, key: key) }
        }
        return SearchStage(paths: SearchIndexWriter.paths(documents: documents.count, termShards: termShards, pairShards: pairShards),
                           problems: problems, saveState: saveState)
    }

    /// `entries` with each key's documents changed: a weight of 0 removes the document, any
    /// other sets it. Keys left with no documents go; new keys come in.
    private static func patched(_ entries: [SearchIndexWriter.TermEntry],
                                with changes: [([UInt8], [(document: Int32, weight: UInt8)])]) -> [SearchIndexWriter.TermEntry] {
        var postings = Dictionary(entries.map { ($0.key, $0.postings) }, uniquingKeysWith: { first, _ in first })
        for (key, documents) in changes {
            var list = postings[key] ?? []
            for (document, weight) in documents {
                list.removeAll { $0.document == document }
                if weight > 0 {
                    let at = list.firstIndex { $0.document > document } ?? list.endIndex
                    list.insert((document, weight), at: at)
                }
            }
            postings[key] = list.isEmpty ? nil : list
        }
        return postings.map { ($0.key, $0.value) }
    }

    /// A document's keys and weights, filters included (weight 1), as the index posts them.
    private static func weights(_ terms: SearchTerms, filters: [[UInt8]]) -> [[UInt8]: UInt8] {
        var weights = Dictionary(zip(terms.terms, terms.weights), uniquingKeysWith: max)
        for filter in filters { weights[filter] = 1 }
        return weights
    }

    private static func pairKeys(_ terms: SearchTerms) -> Set<[UInt8]> {
        Set(terms.pairs.map { terms.terms[Int($0 >> 32)] + [0x20] + terms.terms[Int($0 & 0xFFFF_FFFF)] })
    }

    /// The location and tag filter keys a document is posted under, as `SearchIndex.make` makes them.
    static func filterKeys(of bulletin: Int, in site: Site) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        if let location = site.locationTerm[bulletin] { keys.append(Array(("@l:" + site.locations.terms[location].slug).utf8)) }
        for tag in Set(site.tagTerms[bulletin]).sorted() { keys.append(Array(("@t:" + site.tags.terms[tag].slug).utf8)) }
        return keys
    }

    /// What a document's postings and its display entry are made from, besides the settings in
    /// the search key: its file, its URL, and the names of its location and tags.
    private static func documentFingerprint(_ bulletin: Int, filters: [[UInt8]], in site: Site) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(site.bulletins[bulletin].source.contentHash)
        fingerprint.add(site.permalinks[bulletin].path)
        for filter in filters { filter.withUnsafeBytes { fingerprint.add(bytes: $0) } }
        if let location = site.locationTerm[bulletin] { fingerprint.add(site.locations.terms[location].name) }
        for tag in site.tagTerms[bulletin] { fingerprint.add(site.tags.terms[tag].name) }
        return fingerprint.value
    }

    /// Drafts and bulletins dated after the build are never indexed, even when a preview
    /// publishes them; nor are those `search.exclude` names.
    static func isSearchable(_ bulletin: Bulletin, in site: Site) -> Bool {
        !bulletin.isDraft && bulletin.date.secondsSinceEpoch <= site.now
            && !site.config.isExcludedFromSearch(bulletin.source.relativePath)
    }
}
