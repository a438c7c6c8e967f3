import Foundation
import NashraCore

/// An IPTC ninjs news item, the fields a bulletin needs, read from 1.x (`headline`, `body_html`,
/// `subject`, `versioncreated`…) or 2.x/3.x (`headlines[]`, `bodies[]`, `subjects[]`,
/// `versionCreated`, `infoSources[]`…). Which names a document uses decides nothing else: a
/// document mixing them is read as well as it can be.
public struct NinjsDocument: Sendable {
    public enum Body: Sendable, Equatable {
        case html(String)
        case text(String)
    }

    /// The item's identity at its sender (`uri`; `guid` in some 1.x senders): the same story,
    /// whatever version.
    public var uri: String?
    public var headline: String?
    public var body: Body?
    public var located: String?
    public var subjects: [String] = []
    public var firstCreated: Date?
    public var versionCreated: Date?
    public var embargoedUntil: Date?
    public var urgency: Int?
    public var language: String?
    public var agency: String?
    public var byline: String?
    public var pubStatus: String?
    public var type: String?

    /// Reads `text`, the file's (named `path` in messages). JSON syntax errors come with the line
    /// and column of the byte the parser stopped at.
    public static func parse(_ text: String, path: String) -> Result<NinjsDocument, Diagnostic> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            return .failure(syntaxError(error, text: text, path: path))
        }
        guard let item = object as? [String: Any] else {
            return .failure(Diagnostic("a ninjs document is a JSON object ({ … }) with a headline and a body", at: SourceLocation(path: path)))
        }
        var document = NinjsDocument()
        var problems: [Diagnostic] = []
        func date(_ key: String) -> Date? {
            guard let value = item[key] else { return nil }
            guard let string = value as? String, let parsed = BulletinDate.parse(string, in: TimeZone(identifier: "UTC")!) else {
                problems.append(Diagnostic("'\(key)' is not a date: expected ISO 8601 such as 2026-11-27T09:30:00+03:00", at: location(ofKey: key, in: text, path: path)))
                return nil
            }
            return parsed.foundationDate
        }

        document.uri = string(item["uri"]) ?? string(item["guid"])
        document.headline = string(item["headline"]) ?? firstValue(item["headlines"], preferringRole: "main")
        if let html = string(item["body_html"]) {
            document.body = .html(html)
        } else if let plain = string(item["body_text"]) {
            document.body = .text(plain)
        } else if let bodies = item["bodies"] as? [[String: Any]] {
            // HTML when there is one (it keeps the story's structure), else plain text.
            let html = bodies.first { (string($0["contentType"]) ?? "").lowercased().hasPrefix("text/html") }
            let plain = bodies.first { (string($0["contentType"]) ?? "text/plain").lowercased().hasPrefix("text/plain") }
            if let value = html.flatMap({ string($0["value"]) }) {
                document.body = .html(value)
            } else if let value = plain.flatMap({ string($0["value"]) }) {
                document.body = .text(value)
            }
        }
        if let located = string(item["located"]) {
            document.located = located
        } else if let located = item["located"] as? [String: Any] {
            document.located = string(located["name"])
        }
        let subjects = (item["subjects"] as? [Any]) ?? (item["subject"] as? [Any]) ?? []
        document.subjects = subjects.compactMap { string(($0 as? [String: Any])?["name"]) ?? string($0) }
        document.firstCreated = date(item["firstCreated"] != nil ? "firstCreated" : "firstcreated")
        document.versionCreated = date(item["versionCreated"] != nil ? "versionCreated" : "versioncreated")
        document.embargoedUntil = date(item["embargoedUntil"] != nil ? "embargoedUntil" : "embargoed")
        if let urgency = item["urgency"] {
            if let number = (urgency as? NSNumber)?.intValue ?? (urgency as? String).flatMap({ Int($0) }) {
                document.urgency = number
            } else {
                problems.append(Diagnostic("'urgency' must be a number from 1 (most urgent) to 9", at: location(ofKey: "urgency", in: text, path: path)))
            }
        }
        document.language = string(item["language"])
        document.agency = firstName(item["infoSources"])
        // 1.x `byline`, 1.x/2.x `bylines`, 2.x/3.x `by`.
        document.byline = string(item["byline"]) ?? string(item["by"])
            ?? (item["bylines"] as? [[String: Any]])?.lazy.compactMap { string($0["byline"]) }.first
        document.pubStatus = string(item["pubStatus"]) ?? string(item["pubstatus"])
        document.type = string(item["type"])
        if let problem = problems.first { return .failure(problem) }
        return .success(document)
    }

    /// Where `"key"` first appears in the file: a message about a key points at it.
    public static func location(ofKey key: String, in text: String, path: String) -> SourceLocation {
        guard let range = text.range(of: "\"\(key)\"") else { return SourceLocation(path: path) }
        return position(utf8Offset: text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound), in: text, path: path)
    }

    static func position(utf8Offset: Int, in text: String, path: String) -> SourceLocation {
        var line = 1, column = 1
        for scalar in String(decoding: text.utf8.prefix(utf8Offset), as: UTF8.self).unicodeScalars {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    /// Foundation says "… around character 25." (a byte offset); the desk wants a line and column.
    static func syntaxError(_ error: Error, text: String, path: String) -> Diagnostic {
        let description = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        var reason = description
        if let range = reason.range(of: " around ") { reason = String(reason[..<range.lowerBound]) }
        if reason.hasSuffix(".") { reason.removeLast() }
        var location = SourceLocation(path: path)
        if let range = description.range(of: "character "),
           let offset = Int(description[range.upperBound...].prefix(while: { $0.isNumber })) {
            location = position(utf8Offset: min(offset, text.utf8.count), in: text, path: path)
        } else if let line = number(after: "line ", in: description), let column = number(after: "column ", in: description) {
            location = SourceLocation(path: path, line: line, column: column)
        }
        return Diagnostic("the file is not valid JSON: \(reason.prefix(1).lowercased() + reason.dropFirst())", at: location)
    }

    private static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        return Int(text[range.upperBound...].prefix(while: { $0.isNumber }))
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = (value as? String)?.trimmed(), !text.isEmpty else { return nil }
        return text
    }

    /// `headlines: [{value, role}]`: the `main` one, else the first.
    private static func firstValue(_ value: Any?, preferringRole role: String) -> String? {
        guard let items = value as? [[String: Any]] else { return nil }
        let preferred = items.first { string($0["role"]) == role } ?? items.first
        return preferred.flatMap { string($0["value"]) }
    }

    private static func firstName(_ value: Any?) -> String? {
        (value as? [[String: Any]])?.lazy.compactMap { string($0["name"]) }.first
    }
}
