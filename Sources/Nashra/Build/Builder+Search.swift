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
    /// `kept` is what a `BuildMemory` keeps of the index once it is published.
    struct SearchStage {
        var paths: [String] = []
        var problems: [Diagnostic] = []
        var saveState: (() -> Void)?
        var kept: SearchMemory?
        /// Whether it was patched from `remembered` (see `writeSearchIndex`).
        var fromMemory = false
        /// Whether it was made from the terms gathered while rendering (`SearchCollector`).
        var fromRender = false
        /// Whether it was patched for bodies edited under the previous build's plan (`bodyEdited`).
        var fromKeptPlan = false
    }

    /// `state` with the documents of the `edited` bulletins (indices in `site`; `document` says
    /// where each stands in the index, nil for none) fingerprinted again: the rest are as they were.
    private static func refingerprinted(_ state: SearchIndexState, edited: Set<Int>, in site: Site,
                                        document: (Int) -> Int?) -> SearchIndexState {
        var next = state
        let names = TermNames(site)
        for bulletin in edited {
            guard let position = document(bulletin) else { continue }
            next.fingerprints[position] = documentFingerprint(bulletin, filters: filterNumbers(of: bulletin, in: site), keys: next.keys,
                                                              names: names, in: site)
            next.contentHashes[position] = site.bulletins[bulletin].source.contentHash
        }
        return next
    }

    /// `remembered` is the previous build's index (`BuildMemory.searches`) and `edited` the
    /// bulletins (indices in `site`) edited since, when the plan was patched from the same
    /// memory: the documents, their filters and the terms' names are the previous build's, and
    /// only the edited documents are looked at.
    /// `collected`: the terms the render stage gathered (a clean build), taken if complete.
    /// `bodyEdited`: without a memory, the bulletins edited only in their bodies since the previous
    /// build, when its page fingerprints were patched (the same plan and plan key): the documents,
    /// their filters and every other document's fingerprint are then the previous index state's.
    static func writeSearchIndex(_ site: Site, state: IncrementalState, writer: SiteWriter,
                                 remembered: SearchMemory? = nil, edited: Set<Int>? = nil,
                                 collected: SearchCollector? = nil, bodyEdited: Set<Int>? = nil) -> SearchStage {
        guard site.config.searchEnabled else { return SearchStage() }
        let indexFolder = searchIndexFolder(of: site)
        let folder = searchStateFolder(of: site, state: state)
        if state.previous != nil, let remembered, let edited {
            let next = refingerprinted(remembered.state, edited: edited, in: site) { remembered.document(of: $0) }
            if let patched = patchSearchIndex(site, documents: remembered.documents, next: next, previous: remembered.state,
                                              analyzer: remembered.analyzer, names: remembered.names, folder: folder,
                                              indexFolder: indexFolder, key: remembered.key, writer: writer, knownPaths: remembered.paths) {
                var patched = patched
                patched.fromMemory = true
                return patched
            }
        }
        let (analyzer, sortedNames, keyValue) = collected.map { ($0.analyzer, $0.names, $0.key) }
            ?? PartClock.measure("search: analyzer") { searchAnalyzer(site, state: state) }
        // A collector made them already, from the same site.
        let documents = collected?.documents ?? PartClock.measure("search: documents") { SearchIndex.documentOrder(searchableBulletins(site)) }
        if state.previous != nil, let bodyEdited, let previous = PartClock.measure("search: state load", { SearchIndexState.load(from: folder, key: keyValue) }),
           previous.fingerprints.count == documents.count {
            let next = refingerprinted(previous, edited: bodyEdited, in: site) { documents.firstIndex(of: $0) }
            if var patched = patchSearchIndex(site, documents: documents, next: next, previous: previous, analyzer: analyzer, names: sortedNames,
                                              folder: folder, indexFolder: indexFolder, key: keyValue, writer: writer, knownPaths: nil) {
                patched.fromKeptPlan = true
                return patched
            }
        }
        let filterKeys = collected?.filterKeys ?? filterKeyTable(site)
        let filters = collected?.filters ?? PartClock.measure("search: filters") { documents.map { filterNumbers(of: $0, in: site) } }
        let hashes = documents.map { site.bulletins[$0].source.contentHash }
        let fingerprints = PartClock.measure("search: fingerprints") {
            let names = TermNames(site)
            return documents.indices.map { documentFingerprint(documents[$0], filters: filters[$0], keys: filterKeys, names: names, in: site) }
        }
        var next = SearchIndexState(fingerprints: fingerprints, contentHashes: hashes, postingCounts: [], pairCounts: [], keys: filterKeys)
        PartClock.measure("search: set filters") { next.setFilters(filters) }

        if state.previous != nil, let previous = PartClock.measure("search: state load", { SearchIndexState.load(from: folder, key: keyValue) }),
           let patched = patchSearchIndex(site, documents: documents, next: next, previous: previous,
                                          analyzer: analyzer, names: sortedNames, folder: folder, indexFolder: indexFolder,
                                          key: keyValue, writer: writer, knownPaths: nil) {
            return patched
        }

        var assembler: SearchIndex.Assembler
        var packs: SearchTermCache.PackWriter
        var problems: [Diagnostic] = []
        let fromRender = collected?.finishRendering() ?? false
        if fromRender, let collected {
            (assembler, packs) = collected.take()
            next.postingCounts = collected.postingCounts
            next.pairCounts = collected.pairCounts
        } else {
            collected?.discard()
            (assembler, packs) = tokenizeSearchIndex(site, state: state, documents: documents, analyzer: analyzer, key: keyValue,
                                                      folder: folder, filters: filters, filterKeys: filterKeys, next: &next, problems: &problems)
        }
        guard problems.isEmpty else {
            packs.discard()
            return SearchStage(problems: problems)
        }
        let index = PartClock.measure("search: index") { assembler.index(documents: documents, names: sortedNames) }
        let root = writer.output.path + "/"
        var laps = PartClock.Laps()
        SearchIndexWriter(site: site, index: index, indexFolder: indexFolder).files { files in
            laps.mark("search: make files")
            // A clean build stages every file, as it renders every page (publishing still leaves
            // the same bytes alone).
            let cleanBuild = state.previous == nil
            problems += writeIndexFiles(files, with: writer) { file in
                !cleanBuild && previousFile(file.path, in: writer, root: root).map({ $0 == file.bytes.count }) == true
                    && writer.previousOutputs[PathKey(file.path)]?.hash == file.bytes.withUnsafeBytes({ ByteHash.of($0) })
            }
            laps.mark("search: write files")
        }
        var saveState: (() -> Void)?
        let paths = SearchIndexWriter.paths(documents: index.documents.count, termShards: index.termShards,
                                            pairShards: index.pairShards, in: indexFolder)
        var kept: SearchMemory?
        if problems.isEmpty {
            PartClock.measure("search: finish packs") { packs.finish() }
            let finished = next
            saveState = { finished.save(to: folder, key: keyValue) }
            kept = SearchMemory(key: keyValue, names: sortedNames, analyzer: analyzer, documents: documents, state: next, paths: paths)
        } else {
            packs.discard()
        }
        return SearchStage(paths: paths, problems: problems, saveState: saveState, kept: kept, fromRender: fromRender)
    }

    /// The whole index's terms without the render stage's help: each document's from the search
    /// cache when its file is unchanged, else from its body read again. Batches of 1,024
    /// documents, each in runs of 32 tokenized with one thread's memo of words; a batch's terms
    /// go into the index assembler and the cache's packs, then go.
    private static func tokenizeSearchIndex(_ site: Site, state: IncrementalState, documents: [Int], analyzer: SearchAnalyzer, key: UInt64,
                                            folder: URL, filters: [[UInt32]], filterKeys: [[UInt8]], next: inout SearchIndexState,
                                            problems: inout [Diagnostic]) -> (SearchIndex.Assembler, SearchTermCache.PackWriter) {
        let cached = PartClock.measure("search: cached terms") { state.previous == nil ? SearchTermCache(folder: folder, key: key)
            : SearchTermCache.load(from: folder, key: key, packs: 0..<SearchTermCache.packCount) }
        let pool = SearchWordMemo.Pool(analyzer: analyzer)
        var assembler = SearchIndex.Assembler()
        var packs = SearchTermCache.PackWriter(folder: folder, key: key)
        next.postingCounts = [Int32](repeating: 0, count: documents.count)
        next.pairCounts = [Int32](repeating: 0, count: documents.count)
        /// A batch's documents' terms, and their entries in the cache's packs (encoded on all cores).
        @Sendable func tokenized(_ batch: Int) -> [Result<(SearchTerms, [UInt8]), Diagnostic>] {
            let runs = stride(from: batch, to: min(batch + 1_024, documents.count), by: 32).map { $0..<min($0 + 32, documents.count) }
            return PartClock.measure("search: tokenize") { Array(runs.parallelMap { run -> [Result<(SearchTerms, [UInt8]), Diagnostic>] in
                pool.with { memo in
                    documents[run].map { index -> Result<(SearchTerms, [UInt8]), Diagnostic> in
                        let hash = site.bulletins[index].source.contentHash
                        let terms = cached.terms[hash].map { Result<SearchTerms, Diagnostic>.success($0) }
                            ?? ContentLoader.body(of: site.bulletins[index].source).map { SearchTerms.of(site.bulletins[index], body: $0, memo: memo) }
                        return terms.map { ($0, SearchTermCache.entry(hash, $0)) }
                    }
                }
            }.joined()) }
        }
        // The next batch is tokenized on other threads while this one is added (in document
        // order, on this thread): adding is one thread's work, and the other core had none.
        var upcoming = documents.isEmpty ? nil : BackgroundWork { tokenized(0) }
        for batch in stride(from: 0, to: documents.count, by: 1_024) {
            let results = upcoming!.value
            upcoming = batch + 1_024 < documents.count ? BackgroundWork { tokenized(batch + 1_024) } : nil
            var laps = PartClock.Laps()
            for (position, result) in zip(batch..., results) {
                switch result {
                case .success(let (own, entry)) where problems.isEmpty:
                    let bulletin = documents[position]
                    let counted = postingCount(own, bulletin: bulletin, in: site)
                    assembler.add(own, filters: filters[position].map { filterKeys[Int($0)] }, countedPostings: counted)
                    packs.add(site.bulletins[bulletin].source.contentHash, entry: entry)
                    next.postingCounts[position] = Int32(counted)
                    next.pairCounts[position] = Int32(own.pairs.count)
                case .success:
                    break
                case .failure(let problem):
                    problems.append(problem)
                }
            }
            laps.mark("search: add")
            packs.flush()
            laps.mark("search: flush packs")
        }
        return (assembler, packs)
    }

    /// The search analyzer of a site (its location and tag names kept whole by the stemmer),
    /// those names sorted, and the search key: what every document's terms depend on besides its file.
    static func searchAnalyzer(_ site: Site, state: IncrementalState) -> (SearchAnalyzer, [String], UInt64) {
        let names = site.locations.terms.map(\.name) + site.tags.terms.map(\.name)
        let analyzer = SearchAnalyzer(names: names)
        let sortedNames = analyzer.arabic.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var key = state.parsing
        for name in sortedNames { key.add(name) }
        // Places and tag aliases rename terms, and so filter keys and what results show.
        key.add(site.dataFingerprint)
        return (analyzer, sortedNames, key.value)
    }

    /// Where an edition's index files go, below the output folder: `search/` for the default
    /// edition (and a single-language site), `en/search/` for the edition under `/en/`.
    static func searchIndexFolder(of site: Site) -> String {
        let prefix = site.config.pathPrefix
        return prefix.isEmpty ? SearchIndexWriter.folder : String(prefix.dropFirst()) + "/" + SearchIndexWriter.folder
    }

    /// Where the search state and term cache of an edition are kept beside the build cache: one
    /// folder per edition prefix (`….searchindex`, `…-en.searchindex`), so each edition's index
    /// is patched from its own previous state.
    static func searchStateFolder(of site: Site, state: IncrementalState) -> URL {
        let base = state.url.deletingPathExtension()
        let prefix = site.config.pathPrefix
        guard !prefix.isEmpty else { return base.appendingPathExtension("searchindex") }
        let name = base.lastPathComponent + "-" + prefix.dropFirst().replacingOccurrences(of: "/", with: "-")
        return base.deletingLastPathComponent().appendingPathComponent(name).appendingPathExtension("searchindex")
    }

    /// What a document adds to the count that decides the number of term shards (as `SearchIndex.make` counts).
    static func postingCount(_ terms: SearchTerms, bulletin: Int, in site: Site) -> Int {
        terms.count + 1 + site.tagTerms[bulletin].count
    }

    /// Writes the index's `files` (those `unchanged` does not leave alone) on all cores, and
    /// returns their problems in the files' order. An index is thousands of small files: creating
    /// them is most of its cost, and one thread creating them left the other core idle.
    private static func writeIndexFiles(_ files: [(path: String, bytes: [UInt8])], with writer: SiteWriter,
                                        unchanged: @Sendable ((path: String, bytes: [UInt8])) -> Bool = { _ in false }) -> [Diagnostic] {
        files.parallelMap { file -> [Diagnostic] in
            guard !unchanged(file) else { return [] }
            do throws(Diagnostics) {
                try writer.write(file.bytes, to: file.path)
                return []
            } catch {
                return error.diagnostics
            }
        }.flatMap { $0 }
    }

    /// The size of the output file at `path` if it is still the one the previous build left
    /// (same size and time as its stamp), else nil.
    private static func previousFile(_ path: String, in writer: SiteWriter, root: String) -> Int? {
        guard let old = writer.previousOutputs[PathKey(path)], let stamp = FileStamp(path: root + path),
              stamp.size == old.size, stamp.modified == old.modified else { return nil }
        return old.size
    }

    /// Patches the previous index for the documents whose fingerprint changed, and those added
    /// or removed at the end (documents are numbered oldest first, so a new bulletin is usually
    /// added at the end): their old terms (from the search cache) and new ones (tokenized now)
    /// give the keys whose postings changed, and only the shards holding those keys, read back
    /// from the output folder, are rewritten, with the display shards of those documents (and
    /// the manifest when the count changed). The bytes are those a whole build would write,
    /// since a shard is a pure function of its keys' postings. Nil when the index must be built
    /// whole: many documents changed (a bulletin dated in the past moves every later number), a
    /// shard count changed, or a previous file is not the one the last build wrote.
    /// `next` is the new state, its counts still to fill in.
    private static func patchSearchIndex(_ site: Site, documents: [Int], next: SearchIndexState, previous: SearchIndexState,
                                         analyzer: SearchAnalyzer, names: [String],
                                         folder: URL, indexFolder: String, key: UInt64, writer: SiteWriter,
                                         knownPaths: [String]?) -> SearchStage? {
        let oldCount = previous.count, newCount = documents.count
        let common = min(oldCount, newCount)
        var changed: [Int] = []
        for position in 0..<common where previous.fingerprints[position] != next.fingerprints[position] {
            changed.append(position)
            if changed.count > 64 { return nil }
        }
        guard changed.count + max(oldCount, newCount) - common <= 64 else { return nil }
        changed += common..<max(oldCount, newCount)
        let oldHashes = changed.filter { $0 < oldCount }.map { previous.contentHashes[$0] }
        let newHashes = changed.filter { $0 < newCount }.map { next.contentHashes[$0] }
        var laps = PartClock.Laps()
        var cache = PartClock.measure("search: term packs") { SearchTermCache.load(from: folder, key: key, hashes: Set(oldHashes + newHashes)) }
        // The terms tokenized now, which the packs do not hold yet.
        var fresh: [UInt64] = []
        var problems: [Diagnostic] = []
        var next = next
        next.postingCounts = Array(previous.postingCounts.prefix(newCount))
        next.pairCounts = Array(previous.pairCounts.prefix(newCount))
        if newCount > oldCount {
            next.postingCounts += repeatElement(0, count: newCount - oldCount)
            next.pairCounts += repeatElement(0, count: newCount - oldCount)
        }
        // Key → (document, new weight, 0 when gone); pair → (document, now there or not).
        var termChanges: [[UInt8]: [(document: Int32, weight: UInt8)]] = [:]
        var pairChanges: [[UInt8]: [(document: Int32, present: Bool)]] = [:]
        let memo = SearchWordMemo(analyzer: analyzer)
        for position in changed {
            var old: SearchTerms?
            if position < oldCount {
                guard let known = cache.terms[previous.contentHashes[position]] else { return nil }
                old = known
            }
            var new: SearchTerms?
            if position < newCount {
                let bulletin = site.bulletins[documents[position]]
                if let known = cache.terms[bulletin.source.contentHash] {
                    new = known
                } else {
                    switch ContentLoader.body(of: bulletin.source) {
                    case .success(let body): new = SearchTerms.of(bulletin, body: body, memo: memo)
                    case .failure(let problem):
                        problems.append(problem)
                        continue
                    }
                    cache.terms[bulletin.source.contentHash] = new
                    fresh.append(bulletin.source.contentHash)
                }
            }
            let document = Int32(position)
            let oldWeights = old.map { weights($0, filters: previous.filters(of: position)) } ?? [:]
            let newWeights = new.map { weights($0, filters: next.filters(of: position)) } ?? [:]
            for (term, weight) in newWeights where oldWeights[term] != weight { termChanges[term, default: []].append((document, weight)) }
            for term in oldWeights.keys where newWeights[term] == nil { termChanges[term, default: []].append((document, 0)) }
            let oldPairs = old.map(pairKeys) ?? []
            let newPairs = new.map(pairKeys) ?? []
            for pair in newPairs.subtracting(oldPairs) { pairChanges[pair, default: []].append((document, true)) }
            for pair in oldPairs.subtracting(newPairs) { pairChanges[pair, default: []].append((document, false)) }
            if let new {
                next.postingCounts[position] = Int32(postingCount(new, bulletin: documents[position], in: site))
                next.pairCounts[position] = Int32(new.pairs.count)
            }
        }
        guard problems.isEmpty else { return SearchStage(problems: problems) }
        let termShards = SearchIndex.termShardCount(previous.postingCounts.reduce(0) { $0 + Int($1) })
        let pairShards = SearchIndex.pairShardCount(previous.pairCounts.reduce(0) { $0 + Int($1) })
        guard SearchIndex.termShardCount(next.postingCounts.reduce(0) { $0 + Int($1) }) == termShards,
              SearchIndex.pairShardCount(next.pairCounts.reduce(0) { $0 + Int($1) }) == pairShards else { return nil }

        laps.mark("search: changes")
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
            let path = SearchIndexWriter.termShardPath(shard, in: indexFolder)
            guard let entries = previousShard(path) else { return nil }
            let merged = patched(entries.map { ($0.key, decoded($0.numbers, weighted: true)) }, with: changes.map { ($0.key, $0.value) })
            files.append((path, SearchIndexWriter.termShard(merged)))
        }
        for (shard, changes) in Dictionary(grouping: pairChanges, by: { SearchIndex.shard(of: $0.key, count: pairShards) }) {
            let path = SearchIndexWriter.pairShardPath(shard, in: indexFolder)
            guard let entries = previousShard(path) else { return nil }
            // Pairs have no weight: 1 stands for "there".
            let merged = patched(entries.map { ($0.key, decoded($0.numbers, weighted: false)) },
                                 with: changes.map { change in (change.key, change.value.map { (document: $0.document, weight: UInt8($0.present ? 1 : 0)) }) })
            files.append((path, SearchIndexWriter.pairShard(merged.map { ($0.key, $0.postings.map(\.document)) })))
        }
        laps.mark("search: shards")
        let index = SearchIndex(documents: documents, termShards: termShards, pairShards: pairShards, names: names)
        let display = SearchIndexWriter(site: site, index: index, indexFolder: indexFolder)
        let displayShards = (newCount + SearchIndex.documentsPerShard - 1) / SearchIndex.documentsPerShard
        for shard in Set(changed.map { $0 / SearchIndex.documentsPerShard }).sorted() where shard < displayShards {
            files.append(display.documentShard(shard))
        }
        if newCount != oldCount { files.append((indexFolder + "manifest.json", display.manifest())) }
        problems += writeIndexFiles(files, with: writer)
        laps.mark("search: write")
        var saveState: (() -> Void)?
        let paths = knownPaths.flatMap { newCount == oldCount ? $0 : nil }
            ?? SearchIndexWriter.paths(documents: newCount, termShards: termShards, pairShards: pairShards, in: indexFolder)
        var kept: SearchMemory?
        if problems.isEmpty {
            PartClock.measure("search: save packs") { cache.append(fresh) }
            let finished = next
            saveState = { finished.save(to: folder, key: key) }
            kept = SearchMemory(key: key, names: names, analyzer: analyzer, documents: documents, state: next, paths: paths)
        }
        return SearchStage(paths: paths, problems: problems, saveState: saveState, kept: kept)
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
        let list = terms.terms
        return Set(terms.pairs.map { list[Int($0 >> 32)] + [0x20] + list[Int($0 & 0xFFFF_FFFF)] })
    }

    /// Every filter key, as UTF-8: `@l:slug` for each location term, then `@t:slug` for each
    /// tag term, as `SearchIndex.make` posts them.
    static func filterKeyTable(_ site: Site) -> [[UInt8]] {
        site.locations.terms.map { Array(("@l:" + $0.slug).utf8) } + site.tags.terms.map { Array(("@t:" + $0.slug).utf8) }
    }

    /// The filter keys a document is posted under, as numbers into `filterKeyTable`: its
    /// location's, then its tags', ascending, each once.
    static func filterNumbers(of bulletin: Int, in site: Site) -> [UInt32] {
        let location = site.locationTerm[bulletin]
        let tags = site.tagTerms[bulletin]
        let offset = site.locations.terms.count
        var numbers: [UInt32] = []
        numbers.reserveCapacity((location == nil ? 0 : 1) + tags.count)
        if let location { numbers.append(UInt32(location)) }
        let first = numbers.count
        for tag in tags { numbers.append(UInt32(offset + tag)) }
        if tags.count > 1 { sortOnce(&numbers, from: first) }
        return numbers
    }

    /// `numbers[first...]` sorted ascending, each once (as `Set(…).sorted()`, by insertion:
    /// a bulletin has a few tags, and a `Set` per document was most of `filterNumbers`).
    static func sortOnce(_ numbers: inout [UInt32], from first: Int) {
        guard numbers.count - first > 1 else { return }
        var kept = first + 1
        for position in (first + 1)..<numbers.count {
            let number = numbers[position]
            var slot = kept
            while slot > first, numbers[slot - 1] > number { slot -= 1 }
            if slot > first, numbers[slot - 1] == number { continue }
            var move = kept
            while move > slot {
                numbers[move] = numbers[move - 1]
                move -= 1
            }
            numbers[slot] = number
            kept += 1
        }
        numbers.removeLast(numbers.count - kept)
    }

    /// The location and tag terms' names, taken out of the terms once per build (a `Term` is
    /// big: reading one for each document retained each of its fields).
    struct TermNames {
        let locations: [String]
        let tags: [String]

        init(_ site: Site) {
            locations = site.locations.terms.map(\.name)
            tags = site.tags.terms.map(\.name)
        }
    }

    /// What a document's postings and its display entry are made from, besides the settings in
    /// the search key: its file, its URL, and the keys and names of its location and tags.
    private static func documentFingerprint(_ bulletin: Int, filters: [UInt32], keys: [[UInt8]], names: TermNames, in site: Site) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(site.bulletins[bulletin].source.contentHash)
        fingerprint.add(site.permalinks[bulletin].path)
        for filter in filters { keys[Int(filter)].withUnsafeBytes { fingerprint.add(bytes: $0) } }
        if let location = site.locationTerm[bulletin] { fingerprint.add(names.locations[location]) }
        for tag in site.tagTerms[bulletin] { fingerprint.add(names.tags[tag]) }
        return fingerprint.value
    }

    /// Drafts and bulletins dated after the build are never indexed, even when a preview
    /// publishes them; nor are those `search.exclude` names.
    static func isSearchable(_ bulletin: Bulletin, in site: Site) -> Bool {
        !bulletin.isDraft && bulletin.date.secondsSinceEpoch <= site.now
            && !site.config.isExcludedFromSearch(bulletin.source.relativePath)
    }

    /// The indices of the bulletins `isSearchable` takes, in the site's order: the settings
    /// read once, not once per bulletin.
    static func searchableBulletins(_ site: Site) -> [Int] {
        let now = site.now
        let config = site.config
        let excluding = !config.searchExclude.isEmpty
        return site.bulletins.withUnsafeBufferPointer { bulletins in
            bulletins.indices.filter { index in
                !bulletins[index].isDraft && bulletins[index].date.secondsSinceEpoch <= now
                    && !(excluding && config.isExcludedFromSearch(bulletins[index].source.relativePath))
            }
        }
    }
}
