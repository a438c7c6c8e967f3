import NashraCore

/// The search index as the files the reader fetches, all below `search/`:
/// `manifest.json` (counts, shard sizes, the names the stemmer keeps whole), `t/N.json` (terms →
/// postings), `p/N.json` (neighbouring pairs → documents, for exact phrases) and `d/N.json`
/// (what a result shows: URL, headline, date, dateline, tags and snippet, 20 documents a file).
///
/// A posting list is a JSON array of numbers: for terms `delta × 3 + weight − 1`, for pairs the
/// delta alone, where delta is the document number minus the previous one's (the first's own).
/// Keys are written in UTF-8 order, so the same index always gives the same bytes.
struct SearchIndexWriter {
    static let folder = "search/"
    let site: Site
    let index: SearchIndex

    /// Every file of the index, path (below the output folder) and bytes.
    func files() -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = [(Self.folder + "manifest.json", Array(manifest().utf8))]
        files += shards(index.postings.map { ($0.key, encode($0.value)) }, count: index.termShards, folder: "t/")
        files += shards(index.pairs.map { ($0.key, encode($0.value)) }, count: index.pairShards, folder: "p/")
        let perShard = SearchIndex.documentsPerShard
        for start in stride(from: 0, to: index.documents.count, by: perShard) {
            let slice = index.documents[start..<min(start + perShard, index.documents.count)]
            let body = "[" + slice.map(document).joined(separator: ",\n") + "]\n"
            files.append((Self.folder + "d/\(start / perShard).json", Array(body.utf8)))
        }
        return files
    }

    /// Only the paths, for the site's manifest of files.
    static func paths(of index: SearchIndex) -> [String] {
        var paths = [folder + "manifest.json"]
        paths += (0..<index.termShards).map { folder + "t/\($0).json" }
        paths += (0..<index.pairShards).map { folder + "p/\($0).json" }
        let perShard = SearchIndex.documentsPerShard
        paths += (0..<(index.documents.count + perShard - 1) / perShard).map { folder + "d/\($0).json" }
        return paths
    }

    private func manifest() -> String {
        "{\"version\":1,\"documents\":\(index.documents.count),\"termShards\":\(index.termShards),"
            + "\"pairShards\":\(index.pairShards),\"perShard\":\(SearchIndex.documentsPerShard),\n\"names\":["
            + index.names.map(XMLText.json).joined(separator: ",") + "]}\n"
    }

    /// Every shard is written, empty ones as `{}`, so the reader never asks for a missing file.
    private func shards(_ entries: [(String, String)], count: Int, folder: String) -> [(path: String, bytes: [UInt8])] {
        var buckets = [[(String, String)]](repeating: [], count: count)
        for entry in entries { buckets[SearchIndex.shard(of: entry.0, count: count)].append(entry) }
        return buckets.enumerated().map { number, bucket in
            let sorted = bucket.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            let body = "{" + sorted.map { XMLText.json($0.0) + ":" + $0.1 }.joined(separator: ",\n") + "}\n"
            return (Self.folder + folder + "\(number).json", Array(body.utf8))
        }
    }

    private func encode(_ postings: [(document: Int, weight: UInt8)]) -> String {
        var previous = 0
        return "[" + postings.map { posting in
            defer { previous = posting.document }
            return String((posting.document - previous) * 3 + Int(posting.weight) - 1)
        }.joined(separator: ",") + "]"
    }

    private func encode(_ documents: [Int]) -> String {
        var previous = 0
        return "[" + documents.map { document in
            defer { previous = document }
            return String(document - previous)
        }.joined(separator: ",") + "]"
    }

    private func document(_ bulletinIndex: Int) -> String {
        let bulletin = site.bulletins[bulletinIndex]
        let config = site.config
        let (civil, offset) = config.timeZone.localTime(at: bulletin.date.secondsSinceEpoch)
        var fields = [
            "\"u\":" + XMLText.json(site.permalinks[bulletinIndex].href(root: config.rootPath)),
            "\"t\":" + XMLText.json(bulletin.title),
            "\"d\":" + XMLText.json(DateStyle.iso(civil, offset: offset)),
            "\"dd\":" + XMLText.json(config.dateStyle.display(civil, hasTime: bulletin.date.hasTime, language: bulletin.language)),
            "\"lang\":" + XMLText.json(bulletin.language),
            "\"dir\":" + XMLText.json(bulletin.direction.rawValue),
            "\"s\":" + XMLText.json(bulletin.summary.nfc),
        ]
        if let location = site.locationTerm[bulletinIndex] {
            let term = site.locations.terms[location]
            fields.append("\"l\":[" + XMLText.json(bulletin.location ?? term.name) + "," + XMLText.json(term.slug) + "]")
        }
        let tags = site.tagTerms[bulletinIndex].map { site.tags.terms[$0] }
        if !tags.isEmpty {
            fields.append("\"g\":[" + tags.map { "[" + XMLText.json($0.name) + "," + XMLText.json($0.slug) + "]" }.joined(separator: ",") + "]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
