import NashraCore

/// The plan's own decisions (`PlanDecisions`, one per edition) as the build cache keeps them:
/// positions, months and term numbers as arrays of four-byte numbers, the permalink paths as one
/// run of bytes with their lengths, the terms' names and slugs as strings, kept encoded until a rebuild after edits of bodies only asks for them. `inputs` is
/// `BuildMemory.planInputs` of the build that planned them; `checksum` is their bytes' hash, so a
/// damaged file is never taken for a plan.
struct StoredPlan: Sendable {
    var inputs: UInt64
    var checksum: UInt64
    var bytes: [UInt8]

    init(inputs: UInt64, checksum: UInt64, bytes: [UInt8]) {
        self.inputs = inputs
        self.checksum = checksum
        self.bytes = bytes
    }

    /// The decisions of `sites` (one per edition), planned under `inputs`.
    init(sites: [Site], inputs: UInt64) {
        var writer = ByteWriter(capacity: sites.reduce(0) { $0 + $1.bulletins.count * 40 + $1.tags.terms.count * 64 } + 64)
        writer.write(sites.count)
        for site in sites { Self.encode(PlanDecisions(site), into: &writer) }
        self.init(inputs: inputs, checksum: Self.checksum(writer.bytes), bytes: writer.bytes)
    }

    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        var fingerprint = Fingerprint()
        bytes.withUnsafeBytes { fingerprint.add(bytes: $0) }
        return fingerprint.value
    }

    /// The decisions, one per edition, if the bytes are whole; nil if anything does not read back.
    func decisions() -> [PlanDecisions]? {
        guard Self.checksum(bytes) == checksum else { return nil }
        var reader = ByteReader(bytes)
        do {
            let count = try reader.readCount(minimumSize: 8)
            var editions: [PlanDecisions] = []
            for _ in 0..<count { editions.append(try Self.decode(&reader)) }
            return reader.atEnd ? editions : nil
        } catch {
            return nil
        }
    }

    private static func encode(_ decisions: PlanDecisions, into writer: inout ByteWriter) {
        writer.write(decisions.inputs)
        writer.write(smallNumbers: decisions.order)
        // The paths as their lengths, then their bytes one after the other.
        writer.write(smallNumbers: decisions.paths.lazy.map(\.utf8.count))
        writer.write(bytes: decisions.paths.reduce(into: [UInt8]()) { $0.append(contentsOf: $1.utf8) })
        writer.write(smallNumbers: decisions.months)
        encodeLists(decisions.tagTerms, into: &writer)
        writer.write(smallNumbers: decisions.locationTerm.lazy.map { $0.map { $0 + 1 } ?? 0 })
        encodeLists(decisions.categoryTerms, into: &writer)
        for terms in [decisions.tags, decisions.locations, decisions.categories] {
            writer.write(terms.count)
            for term in terms {
                writer.write(term.slug)
                writer.write(term.name)
                writer.write(term.identity)
                writer.write(smallNumbers: term.bulletins)
                writer.write(smallNumbers: term.ancestors)
                writer.write(term.spellings.count)
                // In one order, so that the same decisions are the same bytes.
                for (spelling, uses) in term.spellings.sorted(by: { $0.key < $1.key }) {
                    writer.write(spelling)
                    writer.write(uses)
                }
            }
        }
    }

    private static func decode(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> PlanDecisions {
        let inputs = try reader.readUInt64()
        let order = try reader.readSmallNumbers()
        let lengths = try reader.readSmallNumbers()
        let pathBytes = try reader.readBytes()
        guard lengths.reduce(0, +) == pathBytes.count else { throw ByteReader.Corrupt() }
        var start = 0
        let paths = pathBytes.withUnsafeBufferPointer { bytes in
            lengths.map { length in
                defer { start += length }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
            }
        }
        let months = try reader.readSmallNumbers()
        let tagTerms = try decodeLists(&reader)
        let locationTerm = try reader.readSmallNumbers().map { $0 == 0 ? nil : $0 - 1 }
        let categoryTerms = try decodeLists(&reader)
        var taxonomies: [[Term]] = []
        for _ in 0..<3 {
            let count = try reader.readCount(minimumSize: 40)
            var terms: [Term] = []
            terms.reserveCapacity(count)
            for _ in 0..<count {
                let slug = try reader.readString(), name = try reader.readString(), identity = try reader.readOptionalString()
                let bulletins = try reader.readSmallNumbers(), ancestors = try reader.readSmallNumbers()
                let spellingCount = try reader.readCount(minimumSize: 16)
                var spellings: [String: Int] = [:]
                spellings.reserveCapacity(spellingCount)
                for _ in 0..<spellingCount {
                    let spelling = try reader.readString()
                    spellings[spelling] = try reader.readInt()
                }
                // The planner gives each term its permalink (`Taxonomy.init(_:_:prefix:)`).
                var term = Term(slug: slug, name: name, spellings: spellings, bulletins: bulletins, permalink: Permalink(normalized: "/"))
                term.identity = identity
                term.ancestors = ancestors
                terms.append(term)
            }
            taxonomies.append(terms)
        }
        return PlanDecisions(inputs: inputs, order: order, paths: paths, months: months, tagTerms: tagTerms, locationTerm: locationTerm, categoryTerms: categoryTerms,
                             tags: taxonomies[0], locations: taxonomies[1], categories: taxonomies[2])
    }

    /// One list per bulletin, as their lengths and then every item.
    private static func encodeLists(_ lists: [[Int]], into writer: inout ByteWriter) {
        writer.write(smallNumbers: lists.lazy.map(\.count))
        writer.write(smallNumbers: lists.joined())
    }

    private static func decodeLists(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> [[Int]] {
        let counts = try reader.readSmallNumbers()
        let items = try reader.readSmallNumbers()
        guard counts.reduce(0, +) == items.count else { throw ByteReader.Corrupt() }
        var start = 0
        return counts.map { count in
            defer { start += count }
            return Array(items[start..<start + count])
        }
    }
}
