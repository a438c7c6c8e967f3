import Foundation
import Testing
@testable import Nashra

/// Line and column (from 1, columns in Unicode scalars) of the `occurrence`-th `needle` in `text`.
func position(of needle: String, occurrence: Int = 1, in text: String) -> (line: Int, column: Int) {
    var remaining = occurrence
    var search = text.startIndex
    while let found = text.range(of: needle, range: search..<text.endIndex) {
        remaining -= 1
        if remaining == 0 {
            let before = text[..<found.lowerBound]
            let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
            return (before.filter { $0 == "\n" }.count + 1, text[lineStart..<found.lowerBound].unicodeScalars.count + 1)
        }
        search = found.upperBound
    }
    fatalError("'\(needle)' occurs fewer than \(occurrence) times")
}

/// YAML `depth` flow lists deep: `[[[x]]]`.
func nestedLists(_ depth: Int) -> String { String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth) }

/// YAML `depth` block mappings deep, each key indented under the last.
func nestedMappings(_ depth: Int) -> String {
    (0..<depth).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
}

@Suite("YAML limits: nesting and aliases are refused before Yams recurses")
struct YAMLLimitsTests {
    @Test(arguments: [1, 63])
    func nestingUpToTheLimitPasses(depth: Int) {
        // The top-level mapping is one level: `key: [[…]]` with 63 lists is 64.
        #expect(YAMLLimits().violation(in: "key: " + nestedLists(depth)) == nil)
        #expect(YAMLLimits().violation(in: nestedMappings(depth + 1)) == nil)
    }

    @Test(arguments: [64, 65, 5_000, 100_000])
    func deeperFlowNestingIsRefusedAtTheFirstTooDeepList(depth: Int) throws {
        let text = "title: x\nkey: " + nestedLists(depth) + "\n"
        let violation = try #require(YAMLLimits().violation(in: text))
        // The top-level mapping is level 1, so the 64th `[` opens level 65.
        let expected = position(of: "[", occurrence: 64, in: text)
        #expect(violation.line == expected.line && violation.column == expected.column)
        #expect(violation.message.contains("nested more than 64 levels"))
    }

    @Test func deeperBlockNestingIsRefusedAtTheFirstTooDeepMapping() throws {
        let text = nestedMappings(5_000)
        let violation = try #require(YAMLLimits().violation(in: text))
        // `k0:` opens level 1; the mapping that `k64:` starts is level 65.
        let expected = position(of: "k64:", in: text)
        #expect(violation.line == expected.line && violation.column == expected.column)
    }

    @Test func anAliasCountsAsTheValueItStandsFor() throws {
        let limits = YAMLLimits(maximumDepth: 4, maximumAliasedNodes: 5)
        // `&a` holds three nodes (a list and two items): the second use brings the total to six.
        let text = "a: &a [1, 2]\nb: *a\nc: *a\n"
        let violation = try #require(limits.violation(in: text))
        let expected = position(of: "*a", occurrence: 2, in: text)
        #expect(violation.line == expected.line && violation.column == expected.column)
        #expect(violation.message.contains("more than 5 values"))
        #expect(limits.violation(in: "a: &a [1, 2]\nb: *a\n") == nil)
    }

    @Test func anAliasAddsItsValuesDepthWhereItIsUsed() throws {
        let limits = YAMLLimits(maximumDepth: 4, maximumAliasedNodes: 100)
        // `&a` is two lists deep; used two lists below the top mapping it reaches level 5.
        let text = "a: &a [[x]]\nb: [[*a]]\n"
        let violation = try #require(limits.violation(in: text))
        let expected = position(of: "*a", in: text)
        #expect(violation.line == expected.line && violation.column == expected.column)
        #expect(violation.message.contains("alias '*a'"))
        #expect(limits.violation(in: "a: &a [[x]]\nb: [*a]\n") == nil)
    }

    /// The "billion laughs": each level is ten aliases of the one before.
    static func laughs(levels: Int) -> String {
        var lines = ["lol0: &l0 [lol]"]
        for level in 1...levels {
            lines.append("lol\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func billionLaughsAreRefusedAtAnAlias() throws {
        let text = Self.laughs(levels: 9)
        let violation = try #require(YAMLLimits().violation(in: text))
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[violation.line - 1]
        #expect(line.unicodeScalars.dropFirst(violation.column - 1).first == "*")
        #expect(violation.message.contains("aliases here expand to more than 10000 values"))
    }

    @Test func invalidYAMLIsLeftToYams() {
        #expect(YAMLLimits().violation(in: "key: [unclosed\nother: x\n") == nil)
        #expect(YAMLLimits().violation(in: "a: *undefined\n") == nil)
    }
}
