import Foundation
import Testing
@testable import Nashra

/// The search index in the build: incremental like the rest, and off when the site says so.
@Suite struct SearchIndexBuildTests {
    static let rules = PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))

    func results(_ newsroom: Newsroom, _ query: String) throws -> [String] {
        try SearchIndexReader(site: newsroom.output).search(query).map(\.url)
    }

    @Test func anEditedBulletinIsFoundByItsNewWordsOnly() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(try results(newsroom, "القمح").count == 1)
        #expect(try results(newsroom, "الشعير").isEmpty)
        try newsroom.edit("content/bulletins/syria-wheat.md") { $0.replacingOccurrences(of: "القمح", with: "الشعير") }
        let report = try newsroom.build()
        #expect(report.bulletinsReused == report.sourceFiles - 1)
        #expect(try results(newsroom, "القمح").isEmpty)
        #expect(try results(newsroom, "الشعير").count == 1)
        try newsroom.expectSameAsCleanBuild("search index after an edit")
    }

    /// An edit that changes the headline (a display shard), a tag (filter keys), weights and
    /// pairs is patched into the previous index's shards; the result is a clean build's.
    @Test func aRetitledAndRetaggedBulletinIsPatchedAsACleanBuildWouldWriteIt() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try newsroom.edit("content/bulletins/syria-wheat.md") {
            $0.replacingOccurrences(of: "title: موسم القمح في سورية يبدأ مبكرًا", with: "title: موسم الشعير في سورية")
                .replacingOccurrences(of: "tags: [زراعة, اقتصاد]", with: "tags: [زراعة, طقس]")
                .replacingOccurrences(of: "بأسبوعين.", with: "بأسبوعين، وزراعة الشعير كذلك.")
        }
        _ = try newsroom.build()
        #expect(try results(newsroom, "الشعير").count == 1)
        try newsroom.expectSameAsCleanBuild("search index after a retitle and a new tag")
        try newsroom.edit("content/bulletins/syria-wheat.md") { $0 + "\nفقرة أخيرة عن القمح.\n" }
        _ = try newsroom.build()
        try newsroom.expectSameAsCleanBuild("search index after a second edit")
    }

    @Test func aNewBulletinAndADeletedOneMatchACleanBuild() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent("content/bulletins/aleppo-rain.md"))
        Fixtures.write(["content/bulletins/homs-snow.md": "---\ntitle: ثلوج في حمص\ndate: 2026-11-21T08:00:00+03:00\nlocation: حمص\n---\n\nتساقطت الثلوج.\n"],
                       in: newsroom.site)
        _ = try newsroom.build()
        #expect(try results(newsroom, "ثلوج").count == 1)
        #expect(try results(newsroom, "أمطار").isEmpty)
        try newsroom.expectSameAsCleanBuild("search index after adding and deleting")
    }

    /// Documents are numbered oldest first, so the newest bulletin takes the next number: adding
    /// it rewrites the manifest, the last display shard and the shards that hold its postings,
    /// nothing else; taking it away again gives back the same bytes as before.
    @Test func aNewestBulletinChangesOnlyTheShardsItMust() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        // Enough documents for several display shards, and postings for several term and pair shards
        // (more than 16,000 pairs: `SearchIndex.postingsPerPairShard`).
        let words = (0..<400).map { "kalima\($0)x" }
        var generated: [String: String] = [:]
        for number in 0..<300 {
            let body = (0..<60).map { words[($0 * 7 + number * 13) % words.count] }.joined(separator: " ")
            let day = String(format: "%02d", 1 + number % 28), hour = String(format: "%02d", number / 28)
            generated["content/bulletins/gen-\(number).md"] = "---\ntitle: نشرة رقم \(number)\ndate: 2026-10-\(day)T\(hour):00:00+03:00\n---\n\n\(body)\n"
        }
        Fixtures.write(generated, in: newsroom.site)
        _ = try newsroom.build()
        let before = try Newsroom.snapshot(newsroom.output).filter { $0.key.hasPrefix("search/") }
        Fixtures.write(["content/bulletins/newest.md": "---\ntitle: خبر عاجل من حمص\ndate: 2026-11-25T08:00:00+03:00\nlocation: حمص\ntags: [طقس]\n---\n\nتساقطت الثلوج kalima7x kalima8x.\n"],
                       in: newsroom.site)
        _ = try newsroom.build()
        let after = try Newsroom.snapshot(newsroom.output).filter { $0.key.hasPrefix("search/") }
        #expect(try results(newsroom, "الثلوج").count == 1)
        let manifest = try #require(try JSONSerialization.jsonObject(with: after["search/manifest.json"] ?? Data()) as? [String: Any])
        let newest = try #require(manifest["documents"] as? Int) - 1
        #expect(try #require(manifest["termShards"] as? Int) >= 2 && (manifest["pairShards"] as? Int ?? 0) >= 2)
        /// Whether a shard has a posting for the newest document (the last, so each list's end).
        func holdsNewest(_ data: Data, weighted: Bool) -> Bool {
            (SearchIndexWriter.parseShard(Array(data)) ?? []).contains { entry in
                entry.numbers.reduce(0) { $0 + (weighted ? $1 / 3 : $1) } == newest
            }
        }
        var expected: Set<String> = ["search/manifest.json", "search/d/\(newest / SearchIndex.documentsPerShard).json"]
        for (path, data) in after where path.hasPrefix("search/t/") && holdsNewest(data, weighted: true) { expected.insert(path) }
        for (path, data) in after where path.hasPrefix("search/p/") && holdsNewest(data, weighted: false) { expected.insert(path) }
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(changed == expected)
        #expect(Set(before.keys).isSubset(of: after.keys))
        #expect(changed.count * 2 < after.count, "\(changed.count) of \(after.count) index files changed")
        try newsroom.expectSameAsCleanBuild("search index after adding the newest bulletin")

        try FileManager.default.removeItem(at: newsroom.site.appendingPathComponent("content/bulletins/newest.md"))
        _ = try newsroom.build()
        #expect(try Newsroom.snapshot(newsroom.output).filter { $0.key.hasPrefix("search/") } == before)
        try newsroom.expectSameAsCleanBuild("search index after taking the newest bulletin away")
    }

    /// Every term's and pair's list in the written shards is what a straightforward table makes
    /// from each document's own terms (text → documents and weights, filters included): the
    /// index numbers terms and pairs once for the whole archive, and a wrong number would post a
    /// document under another word.
    @Test func theShardsHoldEachDocumentsOwnTermsAndPairs() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        let words = (0..<300).map { "kalima\($0)x" } + ["سورية", "بيروت", "الرقة", "القمح", "مطر"]
        var generated: [String: String] = [:]
        for number in 0..<120 {
            let body = (0..<50).map { words[($0 * ($0 + number) + number * 31) % words.count] }.joined(separator: " ")
            let day = String(format: "%02d", 1 + number % 28), hour = String(format: "%02d", number / 28)
            let tags = number % 3 == 0 ? "tags: [زراعة, طقس]\n" : number % 3 == 1 ? "tags: [اقتصاد]\n" : ""
            generated["content/bulletins/gen-\(number).md"] = "---\ntitle: \(words[number % words.count]) نشرة \(number)\n"
                + "date: 2026-10-\(day)T\(hour):00:00+03:00\n\(tags)\(number % 4 == 0 ? "location: حلب\n" : "")---\n\n\(body)\n"
        }
        Fixtures.write(generated, in: newsroom.site)
        _ = try newsroom.build()

        let site = try #require(Builder.plan(BuildOptions(siteFolder: newsroom.site, rules: Self.rules)).site)
        let analyzer = SearchAnalyzer(names: site.locations.terms.map(\.name) + site.tags.terms.map(\.name))
        let keys = Builder.filterKeyTable(site)
        let documents = SearchIndex.documentOrder(site.bulletins.indices.filter { Builder.isSearchable(site.bulletins[$0], in: site) })
        var expectedTerms: [String: [Int]] = [:]
        var expectedPairs: [String: [Int]] = [:]
        for (document, bulletin) in documents.enumerated() {
            let body = try ContentLoader.body(of: site.bulletins[bulletin].source).get()
            let own = SearchTerms.of(site.bulletins[bulletin], body: body, analyzer: analyzer)
            let texts = own.terms.map { String(decoding: $0, as: UTF8.self) }
            var posted = zip(texts, own.weights).map { ($0, Int($1)) }
            posted += Builder.filterNumbers(of: bulletin, in: site).map { (String(decoding: keys[Int($0)], as: UTF8.self), 1) }
            for (text, weight) in posted {
                let previous = expectedTerms[text].map { list in list.reduce(0) { $0 + $1 / 3 } } ?? 0
                expectedTerms[text, default: []].append((document - previous) * 3 + weight - 1)
            }
            for pair in own.pairs {
                let text = texts[Int(pair >> 32)] + " " + texts[Int(pair & 0xFFFF_FFFF)]
                expectedPairs[text, default: []].append(document - (expectedPairs[text]?.reduce(0, +) ?? 0))
            }
        }
        var terms: [String: [Int]] = [:]
        var pairs: [String: [Int]] = [:]
        for (path, data) in try Newsroom.snapshot(newsroom.output) where path.hasPrefix("search/t/") || path.hasPrefix("search/p/") {
            for entry in try #require(SearchIndexWriter.parseShard(Array(data)), "\(path)") {
                let text = String(decoding: entry.key, as: UTF8.self)
                if path.hasPrefix("search/t/") { terms[text] = entry.numbers } else { pairs[text] = entry.numbers }
            }
        }
        #expect(terms.count > 300 && pairs.count > 1_000)
        #expect(terms == expectedTerms)
        #expect(pairs == expectedPairs)
    }

    /// A clean build takes each body's terms from the parse that renders its page
    /// (`SearchCollector`, documents met newest first): the index, and every other file, is the
    /// one the search stage makes alone by reading and parsing each body again. With a body whose
    /// shortcodes change what is rendered (its text is the body as written), drafts and future
    /// bulletins (never indexed).
    @Test func theTermsGatheredWhileRenderingMakeTheSameIndex() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        var generated: [String: String] = [:]
        for number in 0..<400 {
            let day = String(format: "%02d", 1 + number % 28), hour = String(format: "%02d", number % 24)
            generated["content/bulletins/gen-\(number).md"] = "---\ntitle: نشرة \(number) عن القمح\n"
                + "date: 2026-\(String(format: "%02d", 1 + number / 40))-\(day)T\(hour):00:00+03:00\n"
                + (number % 5 == 0 ? "location: حلب\n" : "") + "---\n\nكلمة\(number % 37) والمطر في سورية \(number)\n\n"
                + (0..<30).map { "kalima\(($0 * 7 + number * 3) % 300)" }.joined(separator: " ") + "\n"
        }
        generated["content/bulletins/shortcode.md"] = "---\ntitle: صورة الكورنيش\ndate: 2026-11-02T08:00:00+03:00\n---\n\n"
            + "قبل الصورة.\n\n{{< figure src=\"/images/rain.jpg\" alt=\"شارع مبلل\" caption=\"شارع الكورنيش\" >}}\n\nبعد الصورة.\n"
        Fixtures.write(generated, in: newsroom.site)
        func build(duringRender: Bool) throws -> (BuildReport, [String: Data]) {
            let name = duringRender ? "gathered" : "alone"
            var options = BuildOptions(siteFolder: newsroom.site, outputFolder: newsroom.root.appendingPathComponent(name),
                                       rules: Self.rules, clean: true)
            options.cacheFolder = newsroom.root.appendingPathComponent(name + "-cache")
            options.searchDuringRender = duringRender
            let report = try Builder.build(options)
            return (report, try Newsroom.snapshot(options.outputFolder))
        }
        let (gathered, withCollector) = try build(duringRender: true)
        let (alone, withoutCollector) = try build(duringRender: false)
        #expect(gathered.searchFromRender)
        #expect(!alone.searchFromRender)
        #expect(withCollector.keys.filter { $0.hasPrefix("search/t/") }.count > 1)
        #expect(Set(withCollector.keys) == Set(withoutCollector.keys))
        for (path, data) in withoutCollector where withCollector[path] != data {
            Issue.record("\(path) differs when the terms are gathered while rendering")
        }
        let site = try #require(Builder.plan(BuildOptions(siteFolder: newsroom.site, rules: Self.rules)).site)
        #expect(Builder.searchableBulletins(site).count > 400)
        #expect(try SearchIndexReader(site: newsroom.root.appendingPathComponent("gathered")).search("الكورنيش").count == 1)
    }

    @Test func searchFalseWritesNoIndexNorSearchPage() throws {
        let newsroom = try Newsroom(copying: "search", rules: Self.rules)
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("search/manifest.json").path))
        try newsroom.edit("nashra.yaml") { $0.replacingOccurrences(of: "search:\n  exclude: [\"opinion/*\"]\n", with: "search: false\n") }
        _ = try newsroom.build()
        #expect(!FileManager.default.fileExists(atPath: newsroom.output.appendingPathComponent("search").path))
        let home = try String(contentsOf: newsroom.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("role=\"search\""))
        try newsroom.expectSameAsCleanBuild("search: false")
    }

    @Test func draftsAreNotIndexedEvenWhenPublished() throws {
        let newsroom = try Newsroom(copying: "search", rules: PublishingRules(includeDrafts: true, now: Date(timeIntervalSince1970: 1_800_000_000)))
        defer { newsroom.remove() }
        _ = try newsroom.build()
        #expect(try results(newsroom, "الموازنة").isEmpty)
        #expect(try results(newsroom, "حلب").count >= 2)
    }
}
