import Foundation
import Testing

/// `nashra search` on the built `search` fixture: the real binary, building then querying.
@Suite(.serialized) struct SearchCommandTests {
    /// Built once for the suite's queries.
    static let built: URL = {
        let root = Fixtures.scratch()
        try! FileManager.default.copyItem(at: Fixtures.site("search"), to: root.appendingPathComponent("desk"))
        let run = try! Fixtures.run(Fixtures.binary, ["build", "--source", "desk", "--output", "out", "--quiet"], in: root,
                                    environment: ["NASHRA_NOW": "2026-11-21T12:00:00+03:00"])
        precondition(run.status == 0, run.errors)
        return root.appendingPathComponent("out")
    }()

    /// The URLs `nashra search` prints, in order.
    func search(_ query: String, _ more: [String] = []) throws -> [String] {
        let run = try Fixtures.run(Fixtures.binary, ["search", query, "--site", Self.built.path] + more)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty)
        if run.output == "no results\n" { return [] }
        return run.output.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t")
            #expect(parts.count == 2 && Double(parts[0]) != nil, "\(line)")
            return String(parts.last ?? "")
        }
    }

    func slugs(_ query: String, _ more: [String] = []) throws -> [String] {
        try search(query, more).map { url in
            let decoded = url.removingPercentEncoding ?? url
            return decoded.split(separator: "/").last.map(String.init) ?? decoded
        }
    }

    @Test(arguments: [
        ("الرقه", ["raqqa-water"]), ("الرقة", ["raqqa-water"]), ("بالرقة", ["raqqa-water"]),
        ("ببيروت", ["beirut-port"]), ("بيروت", ["beirut-port"]),
        ("اعلان", ["beirut-port"]), ("إعلان", ["beirut-port"]),
        ("سوريا", ["syria-wheat"]), ("سورية", ["syria-wheat"]),
        ("2030", ["raqqa-water", "syria-wheat"]), ("٢٠٣٠", ["raqqa-water", "syria-wheat"]),
        ("harvesting", ["english-report"]), ("Harvest", ["english-report"]),
        ("\"وزير النقل\"", ["beirut-port"]), ("\"النقل وزير\"", []),
        // Equal scores: newest first.
        ("الشرقية", ["raqqa-water", "aleppo-rain"]),
        // A draft, a future bulletin and an excluded folder are never indexed.
        ("الموازنة", []), ("القطارات", []), ("القطن", []),
        ("😀", []), ("!!!", []), ("في من على", []), ("\u{200F}\u{200E}", []),
    ])
    func finds(_ query: String, _ expected: [String]) throws {
        #expect(try slugs(query) == expected, "\(query)")
    }

    @Test func filtersByLocationAndTag() throws {
        #expect(try slugs("الشرقية", ["--location", "حلب"]) == ["aleppo-rain"])
        #expect(try slugs("القمح", ["--tag", "زراعة"]) == ["syria-wheat"])
        #expect(try slugs("القمح", ["--tag", "طقس"]) == [])
    }

    @Test func aLongQueryIsNoResultsNotAnError() throws {
        #expect(try slugs(String(repeating: "كلمة غريبة ", count: 1_000)) == [])
    }

    @Test func aMissingIndexIsAnError() throws {
        let empty = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try Fixtures.run(Fixtures.binary, ["search", "حلب", "--site", empty.path])
        #expect(run.status != 0)
        #expect(run.errors.contains("manifest.json is missing"))
    }
}
