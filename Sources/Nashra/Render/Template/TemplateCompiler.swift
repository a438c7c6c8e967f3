/// Turns Mustache text into `TemplateNode`s that `TemplateLibrary` renders without dynamic casts.
///
/// swift-mustache stays the authority on the language: `Theme` parses every template with it
/// first (it reports syntax errors with their line and column), and tests check that both
/// renderers give the same bytes. This is a port of swift-mustache 2.1's parser, so that
/// whitespace (standalone tags, partial indentation, blocks) comes out exactly the same.
///
/// Transforms (`{{uppercased(name)}}`), dynamic partials (`{{>*name}}`) and unknown pragmas are
/// not compiled: `compile` returns nil and the theme renders through swift-mustache instead.
enum TemplateCompiler {
    static func compile(_ text: String) -> [TemplateNode]? {
        var cursor = Cursor(text)
        return try? parse(&cursor, state: State())
    }

    private struct Unsupported: Error {}

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var partialDefinitionIndent: String?
        var start = "{{"
        var end = "}}"

        func section(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// What a `{{<parent}}…{{/parent}}` body may hold, before it is folded into the partial node.
    private enum Parsed {
        case node(TemplateNode)
        case blockDefinition(String, [TemplateNode])
    }

    private static func parse(_ cursor: inout Cursor, state initial: State) throws -> [TemplateNode] {
        try parseParts(&cursor, state: initial).map { part in
            guard case .node(let node) = part else { throw Unsupported() }
            return node
        }
    }

    private static func parseParts(_ cursor: inout Cursor, state initial: State) throws -> [Parsed] {
        var parts: [Parsed] = []
        var state = initial
        var whiteSpaceBefore = ""
        func text(_ text: String) { parts.append(.node(.text(text))) }

        while !cursor.atEnd {
            if state.newLine {
                let whiteSpace = cursor.read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let read = try readUntilDelimiterOrNewline(&cursor, state: state)
            if cursor.current.isNewline {
                text(whiteSpaceBefore + read + String(cursor.current))
                state.newLine = true
                cursor.advance()
                continue
            }
            if !read.isEmpty {
                text(whiteSpaceBefore + read)
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if cursor.atEnd { break }

            var setNewLine = false
            switch cursor.current {
            case "#", "^":
                let inverted = cursor.current == "^"
                cursor.advance()
                let name = try parseName(&cursor, state: state)
                if isStandalone(&cursor, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                let body = try parse(&cursor, state: state.section(name, newLine: setNewLine))
                parts.append(.node(inverted ? .inverted(TemplateName(name), body) : .section(TemplateName(name), body)))

            case "/":
                cursor.advance()
                let name = try parseName(&cursor, state: state)
                guard name == state.sectionName else { throw Unsupported() }
                if isStandalone(&cursor, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                return parts

            case "!":
                cursor.advance()
                guard cursor.skip(past: state.end) else { throw Unsupported() }
                setNewLine = isStandalone(&cursor, state: state)

            case "{", "&":
                let triple = cursor.current == "{"
                if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                cursor.advance()
                let name = try parseName(&cursor, state: state)
                if triple {
                    guard !cursor.atEnd, cursor.current == "}" else { throw Unsupported() }
                    cursor.advance()
                }
                parts.append(.node(.variable(TemplateName(name), escaped: false)))

            case ">":
                cursor.advance()
                _ = cursor.read(while: \.isWhitespace)
                guard cursor.current != "*" else { throw Unsupported() }
                let name = try parsePartialName(&cursor, state: state)
                if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                if isStandalone(&cursor, state: state) {
                    setNewLine = true
                    parts.append(.node(.partial(name, indentation: whiteSpaceBefore, overrides: nil)))
                } else {
                    parts.append(.node(.partial(name, indentation: nil, overrides: nil)))
                }
                whiteSpaceBefore = ""

            case "<":
                cursor.advance()
                _ = cursor.read(while: \.isWhitespace)
                let name = try parsePartialName(&cursor, state: state)
                guard name.first != "*" else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                if isStandalone(&cursor, state: state) { setNewLine = true }
                let body = try parseParts(&cursor, state: state.inheritancePartial(name))
                var overrides: [String: [TemplateNode]] = [:]
                for part in body {
                    switch part {
                    case .blockDefinition(let block, let nodes): overrides[block] = nodes
                    case .node(.text): break
                    case .node: throw Unsupported()
                    }
                }
                parts.append(.node(.partial(name, indentation: whiteSpaceBefore, overrides: overrides)))
                whiteSpaceBefore = ""

            case "$":
                cursor.advance()
                let name = try parseName(&cursor, state: state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(&cursor, state: state) { setNewLine = true }
                    let body = try parse(&cursor, state: state.section(name, newLine: setNewLine))
                    parts.append(.blockDefinition(name, body))
                } else {
                    if !whiteSpaceBefore.isEmpty { text(whiteSpaceBefore) }
                    if isStandalone(&cursor, state: state) { setNewLine = true }
                    let body = try parse(&cursor, state: state.section(name, newLine: setNewLine))
                    parts.append(.node(.block(name, defaultNodes: body, indentation: whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }

            case "=":
                cursor.advance()
                state = try setDelimiters(&cursor, state: state)
                setNewLine = isStandalone(&cursor, state: state)

            case "%":
                cursor.advance()
                parts.append(.node(.escaping(try readContentType(&cursor, state: state))))
                setNewLine = isStandalone(&cursor, state: state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    text(whiteSpaceBefore)
                    whiteSpaceBefore = ""
                }
                let name = try parseName(&cursor, state: state)
                parts.append(.node(.variable(TemplateName(name), escaped: true)))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return parts
    }

    private static func readUntilDelimiterOrNewline(_ cursor: inout Cursor, state: State) throws -> String {
        guard let first = state.start.first else { return "" }
        var total = ""
        while !cursor.atEnd {
            total += cursor.read { $0 != "\n" && $0 != "\r\n" && $0 != first }
            if cursor.current.isNewline {
                break
            } else if cursor.current == first {
                if cursor.read(string: state.start) { break }
                total.append(first)
                cursor.advance()
            }
        }
        return total
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// A tag's name; a name with brackets is a transform, which is not compiled.
    private static func parseName(_ cursor: inout Cursor, state: State) throws -> String {
        _ = cursor.read(while: \.isWhitespace)
        let name = cursor.read { nameCharacters.contains($0) }
        _ = cursor.read(while: \.isWhitespace)
        guard cursor.read(string: state.end) else { throw Unsupported() }
        return name
    }

    private static func parsePartialName(_ cursor: inout Cursor, state: State) throws -> String {
        _ = cursor.read(while: \.isWhitespace)
        let name = cursor.read { partialNameCharacters.contains($0) }
        _ = cursor.read(while: \.isWhitespace)
        guard cursor.read(string: state.end) else { throw Unsupported() }
        return name
    }

    private static func setDelimiters(_ cursor: inout Cursor, state: State) throws -> State {
        _ = cursor.read(while: \.isWhitespace)
        let start = cursor.read { !$0.isWhitespace }
        _ = cursor.read(while: \.isWhitespace)
        let end = cursor.read { $0 != "=" && !$0.isWhitespace }
        _ = cursor.read(while: \.isWhitespace)
        guard !cursor.atEnd, cursor.current == "=" else { throw Unsupported() }
        cursor.advance()
        guard cursor.read(string: state.end), !start.isEmpty, !end.isEmpty else { throw Unsupported() }
        var state = state
        state.start = start
        state.end = end
        state.isPartialDefinitionTopLevel = false
        return state
    }

    /// `{{% CONTENT_TYPE: HTML }}`: whether later `{{name}}` tags escape HTML.
    private static func readContentType(_ cursor: inout Cursor, state: State) throws -> Bool {
        let word = { (character: Character) in nameCharacters.contains(character) && character != "(" && character != ")" }
        _ = cursor.read(while: \.isWhitespace)
        let variable = cursor.read(while: word)
        _ = cursor.read(while: \.isWhitespace)
        guard !cursor.atEnd, cursor.current == ":" else { throw Unsupported() }
        cursor.advance()
        _ = cursor.read(while: \.isWhitespace)
        let value = cursor.read(while: word)
        _ = cursor.read(while: \.isWhitespace)
        guard cursor.read(string: state.end), variable == "CONTENT_TYPE" else { throw Unsupported() }
        switch value {
        case "HTML", HTMLEscaping.name: return true
        case "TEXT": return false
        default: throw Unsupported()
        }
    }

    /// A standalone tag (alone on its line) takes the line's whitespace and newline with it.
    private static func isStandalone(_ cursor: inout Cursor, state: State) -> Bool {
        guard state.newLine else { return false }
        if cursor.atEnd { return true }
        var ahead = cursor
        _ = ahead.read { $0 == " " || $0 == "\t" }
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        cursor = ahead
        return true
    }

    /// A position in the template's characters (swift-mustache reads `Character`s, so `\r\n` is
    /// one character here too).
    private struct Cursor {
        let characters: [Character]
        var position = 0

        init(_ text: String) { characters = Array(text) }

        var atEnd: Bool { position == characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }
        mutating func advance() { position += 1 }

        mutating func read(while accepts: (Character) -> Bool) -> String {
            let start = position
            while !atEnd, accepts(characters[position]) { position += 1 }
            return String(characters[start..<position])
        }

        /// Reads `string` if it comes next.
        mutating func read(string: String) -> Bool {
            let expected = Array(string)
            guard characters.count - position >= expected.count,
                  Array(characters[position..<position + expected.count]) == expected else { return false }
            position += expected.count
            return true
        }

        /// Moves past the next `string`; false (and no move) if there is none.
        mutating func skip(past string: String) -> Bool {
            let expected = Array(string)
            var index = position
            while index + expected.count <= characters.count {
                if Array(characters[index..<index + expected.count]) == expected {
                    position = index + expected.count
                    return true
                }
                index += 1
            }
            return false
        }
    }
}
