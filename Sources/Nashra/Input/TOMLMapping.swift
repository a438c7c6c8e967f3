import Foundation
import NashraCore
import TOMLKit
import Yams

/// TOML front matter (between `+++` lines, as Hugo writes it), parsed by TOMLKit (toml++) and
/// turned into the Yams nodes `YAMLMapping` holds, so that every key is read by the code that
/// reads YAML. TOML refuses duplicate keys itself; its errors carry toml++'s line and column.
///
/// toml++ does not say where each value stands, so top-level keys are found on their lines here
/// (a value's position is where it starts after `=`; a table's is its `[header]`), and values
/// inside a table or an array carry their key's position.
enum TOMLMapping {
    static func parse(_ text: String, path: String, lineOffset: Int) -> Result<YAMLMapping, Diagnostics> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(Diagnostics([Diagnostic("invalid TOML: \(error.description)",
                                                    at: SourceLocation(path: path, line: error.source.begin.line + lineOffset,
                                                                       column: max(1, error.source.begin.column)))]))
        } catch {
            return .failure(Diagnostics([Diagnostic("invalid TOML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))]))
        }
        let positions = keyPositions(in: text)
        var pairs: [(key: String, value: Node, position: TextPosition)] = []
        for (key, value) in table {
            let position = positions[key] ?? TextPosition(line: 1, column: 1)
            pairs.append((key, node(value, at: position), position))
        }
        pairs.sort { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) }
        let mapping = Node.Mapping(pairs.map { (Node.scalar(.init($0.key, .implicit, .plain, mark($0.position))), $0.value) })
        return .success(YAMLMapping.reading(mapping, path: path, lineOffset: lineOffset))
    }

    /// A TOML value as the node YAML would have made of it: text as a quoted scalar (so that
    /// `"true"` stays text), booleans, numbers and dates as plain ones, dates in the form
    /// `BulletinDate` reads.
    static func node(_ value: TOMLValueConvertible, at position: TextPosition) -> Node {
        let mark = mark(position)
        func plain(_ text: String) -> Node { .scalar(.init(text, .implicit, .plain, mark)) }
        switch value.type {
        case .string: return .scalar(.init(value.string ?? "", .implicit, .doubleQuoted, mark))
        case .bool: return plain(value.bool == true ? "true" : "false")
        case .int: return plain(String(value.int ?? 0))
        case .double: return plain(String(value.double ?? 0))
        case .date: return plain(value.date.map(dateText) ?? "")
        case .time: return plain(value.time.map(timeText) ?? "")
        case .dateTime:
            guard let dateTime = value.dateTime else { return plain("") }
            var text = dateText(dateTime.date) + "T" + timeText(dateTime.time)
            if let offset = dateTime.offset?.offset {
                text += offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
            }
            return plain(text)
        case .array:
            return .sequence(.init((value.array.map { Array($0) } ?? []).map { node($0, at: position) }, .implicit, .any, mark))
        case .table:
            let pairs = (value.table.map { Array($0) } ?? []).map { key, item in
                (Node.scalar(.init(key, .implicit, .plain, mark)), node(item, at: position))
            }
            return .mapping(.init(pairs, .implicit, .any, mark))
        }
    }

    private static func dateText(_ date: TOMLDate) -> String {
        String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
    }

    private static func timeText(_ time: TOMLTime) -> String {
        String(format: "%02d:%02d:%02d", time.hour, time.minute, time.second)
    }

    /// Where each top-level key's value starts (line and column from 1, counted in Unicode
    /// scalars as libyaml counts): `key = value` lines before the first table header, and each
    /// `[table]` or `[[array]]` header's first name.
    static func keyPositions(in text: String) -> [String: TextPosition] {
        var positions: [String: TextPosition] = [:]
        var inTable = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var index = 0
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            guard index < scalars.count else { continue }
            if scalars[index] == "[" {
                inTable = true
                let header = index
                while index < scalars.count, scalars[index] == "[" || scalars[index] == " " { index += 1 }
                if let key = Self.key(scalars, at: &index), positions[key] == nil {
                    positions[key] = TextPosition(line: number + 1, column: header + 1)
                }
                continue
            }
            guard !inTable, let key = Self.key(scalars, at: &index) else { continue }
            // A dotted key (`params.lede = …`) belongs to its first name.
            while index < scalars.count, scalars[index] != "=" { index += 1 }
            guard index < scalars.count else { continue }
            index += 1
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            if positions[key] == nil { positions[key] = TextPosition(line: number + 1, column: index + 1) }
        }
        return positions
    }

    /// A bare or quoted key starting at `index`, which is left after it.
    private static func key(_ scalars: [Unicode.Scalar], at index: inout Int) -> String? {
        guard index < scalars.count else { return nil }
        let quote = scalars[index]
        if quote == "\"" || quote == "'" {
            var key = String.UnicodeScalarView()
            index += 1
            while index < scalars.count, scalars[index] != quote {
                if quote == "\"", scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                key.append(scalars[index])
                index += 1
            }
            index += 1
            return String(key)
        }
        var key = String.UnicodeScalarView()
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
                || scalars[index] == "_" || scalars[index] == "-" {
            key.append(scalars[index])
            index += 1
        }
        return key.isEmpty ? nil : String(key)
    }

    /// Yams' `Mark` has no public initializer; it is two `Int`s (line, column), laid out in that
    /// order in a package built from source, which `markLayoutHolds` checks once.
    private static func mark(_ position: TextPosition) -> Mark? {
        guard markLayoutHolds else { return nil }
        return unsafeBitCast(MarkLayout(line: position.line, column: position.column), to: Mark.self)
    }

    private struct MarkLayout {
        var line: Int
        var column: Int
    }

    private static let markLayoutHolds: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<MarkLayout>.size,
              let node = try? Yams.compose(yaml: "\n  x: 1"), let mark = node.mapping?.keys.first?.mark else { return false }
        let copy = unsafeBitCast(mark, to: MarkLayout.self)
        return copy.line == mark.line && copy.column == mark.column && mark.line == 2 && mark.column == 3
    }()
}
