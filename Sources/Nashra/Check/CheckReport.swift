import Foundation
import NashraCore

/// Everything `nashra check` found in a site, sorted by file, line and column.
public struct CheckReport: Sendable {
    public let findings: [CheckFinding]
    /// The bulletins read (those whose front matter parsed).
    public let bulletins: Int

    init(_ findings: [CheckFinding], bulletins: Int) {
        // Problems without a file (a missing folder, a theme without a template) first, then by
        // place; the rule and message only break ties, so that the order never depends on timing.
        self.findings = findings.sorted { a, b in
            let x = a.diagnostic.location, y = b.diagnostic.location
            if x != y {
                guard let x else { return true }
                guard let y else { return false }
                return x < y
            }
            return (a.rule, a.diagnostic.message) < (b.rule, b.diagnostic.message)
        }
        self.bulletins = bulletins
    }

    public var errors: Int { findings.count { $0.diagnostic.severity == .error } }
    public var warnings: Int { findings.count { $0.diagnostic.severity == .warning } }

    /// The count line: `checked 12 bulletins: 2 errors, 1 warning`, or `…: no problems`.
    public var summary: String {
        func count(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }
        let found = errors + warnings == 0 ? "no problems" : "\(count(errors, "error")), \(count(warnings, "warning"))"
        return "checked \(count(bulletins, "bulletin")): \(found)"
    }

    /// The report as one JSON object for editors and CI: the counts, and `problems`, each with
    /// `file` (null when the problem has no file), `line`, `column`, `severity`, `rule` and `message`.
    public func json() -> String {
        struct Problem: Encodable {
            var file: String?
            var line: Int?
            var column: Int?
            var severity: String
            var rule: String
            var message: String

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                // Written as null rather than left out, so that every problem has the same keys.
                try container.encode(file, forKey: .file)
                try container.encode(line, forKey: .line)
                try container.encode(column, forKey: .column)
                try container.encode(severity, forKey: .severity)
                try container.encode(rule, forKey: .rule)
                try container.encode(message, forKey: .message)
            }

            enum CodingKeys: String, CodingKey { case file, line, column, severity, rule, message }
        }
        struct Document: Encodable {
            var bulletins: Int
            var errors: Int
            var warnings: Int
            var problems: [Problem]
        }
        let document = Document(bulletins: bulletins, errors: errors, warnings: warnings, problems: findings.map { finding in
            let location = finding.diagnostic.location
            return Problem(file: location?.path, line: location?.line, column: location?.column,
                           severity: finding.diagnostic.severity.rawValue, rule: finding.rule, message: finding.diagnostic.message)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and nulls only: encoding cannot fail.
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
