import Foundation
import NashraCore

extension Builder {
    /// The search stage: each indexed bulletin's terms (from the search cache when its file is
    /// unchanged, else from its body's plain text), the index, and its files staged, except
    /// those whose bytes the output folder already has. Returns every index path, for the
    /// site's manifest, and the bodies that could not be read.
    static func writeSearchIndex(_ site: Site, state: IncrementalState, writer: SiteWriter) -> (paths: [String], problems: [Diagnostic]) {
        guard site.config.searchEnabled else { return ([], []) }
        let names = site.locations.terms.map(\.name) + site.tags.terms.map(\.name)
        let analyzer = SearchAnalyzer(names: names)
        let sortedNames = analyzer.arabic.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var key = state.parsing
        for name in sortedNames { key.add(name) }
        let url = state.url.deletingPathExtension().appendingPathExtension("search")
        let cached = state.previous == nil ? SearchTermCache(key: key.value) : SearchTermCache.load(from: url, key: key.value)
        let results = Array(site.bulletins.indices).parallelMap { index -> Result<SearchTerms, Diagnostic>? in
            let bulletin = site.bulletins[index]
            guard isSearchable(bulletin, in: site) else { return nil }
            if let terms = cached.terms[bulletin.source.contentHash] { return .success(terms) }
            return ContentLoader.body(of: bulletin.source).map { SearchTerms.of(bulletin, body: $0, analyzer: analyzer) }
        }
        var problems: [Diagnostic] = []
        var terms: [SearchTerms?] = []
        var next = SearchTermCache(key: key.value)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let own):
                terms.append(own)
                next.terms[site.bulletins[index].source.contentHash] = own
            case .failure(let problem):
                problems.append(problem)
                terms.append(nil)
            case nil:
                terms.append(nil)
            }
        }
        let index = SearchIndex.make(site, terms: terms, names: sortedNames)
        let root = writer.output.path + "/"
        for file in SearchIndexWriter(site: site, index: index).files() {
            // A clean build stages every file, as it renders every page (publishing still leaves
            // the same bytes alone).
            let unchanged = state.previous == nil ? false : writer.previousOutputs[PathKey(file.path)].map { old in
                old.size == file.bytes.count && old.hash == file.bytes.withUnsafeBytes { ByteHash.of($0) }
                    && FileStamp(path: root + file.path).map { $0.size == old.size && $0.modified == old.modified } == true
            } ?? false
            if unchanged { continue }
            do throws(Diagnostics) {
                try writer.write(file.bytes, to: file.path)
            } catch {
                problems += error.diagnostics
            }
        }
        if problems.isEmpty { next.save(to: url) }
        return (SearchIndexWriter.paths(of: index), problems)
    }

    /// Drafts and bulletins dated after the build are never indexed, even when a preview
    /// publishes them; nor are those `search.exclude` names.
    static func isSearchable(_ bulletin: Bulletin, in site: Site) -> Bool {
        !bulletin.isDraft && bulletin.date.secondsSinceEpoch <= site.now
            && !site.config.isExcludedFromSearch(bulletin.source.relativePath)
    }
}
