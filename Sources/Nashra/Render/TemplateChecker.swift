import Foundation
import NashraCore

/// Finds names a template uses that the data contract does not have, with their line and column.
///
/// Mustache renders an unknown name as nothing, so a typo would silently empty a page. This reads
/// the tags of each template and resolves every name as Mustache would (up the stack of open
/// sections), against `TemplateShape`. Partials are checked where they are included, in the
/// scope of the including section.
struct TemplateChecker {
    struct Source: Sendable {
        var text: String
        var path: String
    }

    enum TagKind { case variable, section, inverted, close, partial, parent, block, comment, other }

    struct Tag {
        var kind: TagKind
        var name: String
        var line: Int
        var column: Int
    }

    let templates: [String: Source]
    let root: TemplateShape
    /// Templates that exist but failed to parse (already reported).
    var unavailable: Set<String> = []

    /// Checks the page templates (and, through them, their partials and parents).
    func check(pageTemplates: [String]) -> [Diagnostic] {
        var problems = Set<Diagnostic>()
        for name in pageTemplates {
            guard let source = templates[name] else { continue }
            check(source, stack: [root], depth: 0, into: &problems)
        }
        return problems.sorted { $0.location! < $1.location! }
    }

    /// Checks one template against the given scopes (outermost first); `why` ends each message
    /// about a name those scopes do not have.
    func check(template name: String, scopes: [TemplateShape], why: String) -> [Diagnostic] {
        guard let source = templates[name] else { return [] }
        var problems = Set<Diagnostic>()
        check(source, stack: scopes, depth: 0, into: &problems, why: why)
        return problems.sorted { $0.location! < $1.location! }
    }

    private func check(_ source: Source, stack initial: [TemplateShape], depth: Int, into problems: inout Set<Diagnostic>, why: String = "") {
        guard depth < 8, let tags = Self.tags(in: source.text) else { return }
        var stack = initial
        // Each open section pushes one scope (or none, for inverted sections and blocks).
        var pushed: [Bool] = []
        for tag in tags {
            let at = SourceLocation(path: source.path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .variable:
                if resolve(tag.name, in: stack) == nil {
                    problems.insert(Diagnostic("unknown template variable '\(tag.name)'" + why, at: at))
                }
            case .section:
                let shape = resolve(tag.name, in: stack)
                if shape == nil { problems.insert(Diagnostic("unknown template variable '\(tag.name)'" + why, at: at)) }
                stack.append(sectionScope(tag.name, shape ?? .open))
                pushed.append(true)
            case .inverted, .block, .parent:
                if tag.kind == .inverted, resolve(tag.name, in: stack) == nil {
                    problems.insert(Diagnostic("unknown template variable '\(tag.name)'" + why, at: at))
                }
                if tag.kind == .parent {
                    if let parent = templates[tag.name] {
                        check(parent, stack: stack, depth: depth + 1, into: &problems, why: why)
                    } else if !unavailable.contains(tag.name) {
                        problems.insert(Diagnostic("no template named '\(tag.name)' to inherit from", at: at))
                    }
                }
                pushed.append(false)
            case .close:
                if let didPush = pushed.popLast(), didPush { stack.removeLast() }
            case .partial:
                if let partial = templates[tag.name] {
                    check(partial, stack: stack, depth: depth + 1, into: &problems, why: why)
                } else if !unavailable.contains(tag.name) {
                    problems.insert(Diagnostic("no partial named '\(tag.name)'", at: at))
                }
            case .comment, .other:
                break
            }
        }
    }

    /// The keys of a list entry that the page templates name inside `{{#bulletins}}` (through
    /// their partials and parents too), or nil when one names the entry as a whole (`{{.}}`, a
    /// transform of it): the build then keeps every entry's values for the lists, and otherwise
    /// only these (for the default theme, `item`).
    func listEntryKeys(pageTemplates: [String]) -> Set<String>? {
        var keys: Set<String> = []
        var whole = false
        func walk(_ source: Source, stack initial: [TemplateShape], entries initialEntries: Set<Int>, depth: Int) {
            guard depth < 8, !whole, let tags = Self.tags(in: source.text) else { return }
            var stack = initial
            // Indices in `stack` of the scopes a `bulletins` section pushed.
            var entries = initialEntries
            var pushed: [Bool] = []
            func note(_ name: String) {
                guard !entries.isEmpty else { return }
                var base = Substring(name)
                if let open = base.firstIndex(of: "("), base.hasSuffix(")") {
                    base = base[base.index(after: open)..<base.index(before: base.endIndex)]
                }
                if base.isEmpty || base == "." {
                    if entries.contains(stack.count - 1) { whole = true }
                    return
                }
                let first = String(base.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0])
                if let scope = stack.indices.reversed().first(where: { stack[$0].child(first) != nil }), entries.contains(scope) {
                    keys.insert(first)
                }
            }
            for tag in tags {
                switch tag.kind {
                case .variable:
                    note(tag.name)
                case .section:
                    note(tag.name)
                    let shape = resolve(tag.name, in: stack)
                    stack.append(sectionScope(tag.name, shape ?? .open))
                    var base = Substring(tag.name)
                    if let open = base.firstIndex(of: "("), base.hasSuffix(")") {
                        base = base[base.index(after: open)..<base.index(before: base.endIndex)]
                    }
                    if base == "bulletins" { entries.insert(stack.count - 1) }
                    pushed.append(true)
                case .inverted, .block, .parent:
                    if tag.kind == .inverted { note(tag.name) }
                    if tag.kind == .parent, let parent = templates[tag.name] {
                        walk(parent, stack: stack, entries: entries, depth: depth + 1)
                    }
                    pushed.append(false)
                case .close:
                    if let didPush = pushed.popLast(), didPush {
                        entries.remove(stack.count - 1)
                        stack.removeLast()
                    }
                case .partial:
                    if let partial = templates[tag.name] { walk(partial, stack: stack, entries: entries, depth: depth + 1) }
                case .comment, .other:
                    break
                }
            }
        }
        for name in pageTemplates {
            guard let source = templates[name] else { continue }
            walk(source, stack: [root], entries: [], depth: 0)
        }
        return whole ? nil : keys
    }

    /// Partials and parents that include themselves, directly or through others: rendering one
    /// never ends (the stack overflows), since nothing in Nashra's data nests to stop it. Reported
    /// at the tag that closes the loop.
    func inclusionCycles() -> [Diagnostic] {
        var problems = Set<Diagnostic>()
        var finished = Set<String>()
        // A parent renders the blocks its child overrides, and the overrides reach every partial
        // rendered below it: so a parent also includes, in effect, the partials its children
        // include (`bulletin` → `{{<base}}` with `{{>nav}}`, and `nav` → `{{>base}}` never ends).
        var inherited: [String: [(tag: Tag, path: String)]] = [:]
        for (_, source) in templates {
            guard let tags = Self.tags(in: source.text) else { continue }
            for parent in tags where parent.kind == .parent {
                for tag in tags where tag.kind == .partial && tag.name != parent.name {
                    inherited[parent.name, default: []].append((tag, source.path))
                }
            }
        }
        func visit(_ name: String, path: [String]) {
            guard !finished.contains(name), let source = templates[name], let own = Self.tags(in: source.text) else { return }
            let tags = own.map { (tag: $0, path: source.path) } + (inherited[name] ?? [])
            for (tag, tagPath) in tags where (tag.kind == .partial || tag.kind == .parent) && templates[tag.name] != nil {
                if let start = path.firstIndex(of: tag.name) {
                    let loop = (path[start...] + [name, tag.name]).joined(separator: " → ")
                    problems.insert(Diagnostic("templates include each other without end (\(loop)); remove one of these includes",
                                               at: SourceLocation(path: tagPath, line: tag.line, column: tag.column)))
                } else if tag.name == name {
                    problems.insert(Diagnostic("template '\(name)' includes itself, which never ends; remove this include",
                                               at: SourceLocation(path: tagPath, line: tag.line, column: tag.column)))
                } else {
                    visit(tag.name, path: path + [name])
                }
            }
            finished.insert(name)
        }
        for name in templates.keys.sorted() { visit(name, path: []) }
        return problems.sorted { $0.location! < $1.location! }
    }

    /// The shape a name refers to, or nil when no open scope has it. `f(x)` transforms are
    /// resolved on `x`; `f()` works on the current item and is always fine.
    private func resolve(_ name: String, in stack: [TemplateShape]) -> TemplateShape? {
        var name = Substring(name)
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = name[name.index(after: open)..<name.index(before: name.endIndex)]
            if name.isEmpty { return .open }
        }
        if name == "." { return stack.last }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for scope in stack.reversed() {
            guard var shape = scope.child(parts[0]) else { continue }
            for part in parts.dropFirst() {
                guard let next = shape.child(part) else { return nil }
                shape = next
            }
            return shape
        }
        return nil
    }

    private func sectionScope(_ name: String, _ shape: TemplateShape) -> TemplateShape {
        let isTransform = name.contains("(")
        switch shape {
        case .list(let element):
            if isTransform && !(name.hasPrefix("reversed(") || name.hasPrefix("sorted(")) { return .value }
            return element
        default:
            return shape
        }
    }

    /// The opening tag of the section that a template leaves open, for swift-mustache's section
    /// errors: it stops at the first closing tag that does not fit, or at the end, often far from
    /// the tag that was never closed. A closing tag that closes an outer section means the ones
    /// opened inside it are not closed; one that closes nothing open is itself the mistake (nil).
    static func unclosedSection(in text: String) -> (open: Tag, stoppedAt: Tag?)? {
        guard let tags = tags(in: text) else { return nil }
        var open: [Tag] = []
        for tag in tags {
            switch tag.kind {
            case .section, .inverted, .parent, .block:
                open.append(tag)
            case .close:
                if open.last?.name == tag.name {
                    open.removeLast()
                } else {
                    guard open.contains(where: { $0.name == tag.name }), let innermost = open.last else { return nil }
                    return (innermost, tag)
                }
            default:
                break
            }
        }
        return open.last.map { ($0, nil) }
    }

    /// The tags of a template, or nil if it changes delimiters (`{{=<% %>=}}`), which this does
    /// not follow; the Mustache parser has already rejected malformed tags.
    static func tags(in text: String) -> [Tag]? {
        var tags: [Tag] = []
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var lineStart = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
            var start = index + 2
            let triple = start < bytes.count && bytes[start] == UInt8(ascii: "{")
            if triple { start += 1 }
            guard let end = find("}}", in: bytes, from: start) else { return tags }
            var body = String(decoding: bytes[start..<end], as: UTF8.self)
            var kind = TagKind.variable
            if !triple, let sigil = body.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "&": kind = .variable
                case "=": return nil
                case "%": kind = .other
                default: break
                }
                if kind != .variable || sigil == "&" { body.removeFirst() }
            }
            let name = body.trimmed()
            tags.append(Tag(kind: kind, name: name, line: line, column: column))
            // Comments may span lines: keep the line count right.
            for byte in bytes[index..<end] where byte == UInt8(ascii: "\n") {
                line += 1
            }
            if let lastNewline = bytes[index..<end].lastIndex(of: UInt8(ascii: "\n")) { lineStart = lastNewline + 1 }
            index = end + 2 + (triple && end + 2 < bytes.count && bytes[end + 2] == UInt8(ascii: "}") ? 1 : 0)
        }
        return tags
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index + 1] == needle[1] { return index }
            index += 1
        }
        return nil
    }
}
