import NashraCore

/// Hugo shortcodes (`{{< youtube 7f1-z-WXWyw >}}`, `{{% figure src="…" %}}`) and Liquid tags
/// (`{% include … %}`, `{{ site.url }}`) in a Markdown body, as archives from Hugo and Jekyll
/// hold them.
///
/// A pre-pass on the Markdown, before cmark: what becomes Markdown (a `highlight` block as a
/// fenced code block, a `ref` as the URL it names) is written in place; what becomes HTML (a
/// figure, a link to a video) is left as a placeholder that `Markdown` replaces by the HTML
/// after parsing, as a block when it stands alone in its paragraph, else inline; so it is
/// written in safe mode too, where cmark drops raw HTML. Nothing here fetches anything: videos
/// and posts on other sites become plain links, and no request leaves the reader's browser until
/// they click. Unknown shortcodes and Liquid tags are removed, each with a warning at its line
/// and column.
struct Shortcodes {
    /// The HTML of one placeholder: alone in its paragraph, and among text.
    struct Insert: Sendable, Equatable {
        var block: String
        var inline: String
        /// The shortcode as written, put back where cmark made code of it.
        var source: String
    }

    /// The Markdown with placeholders, what each stands for, and what was found on the way.
    struct Expansion {
        var markdown: String
        var inserts: [Insert] = []
        /// Removed or unreadable shortcodes and Liquid tags, at their line and column in the file.
        var warnings: [(position: TextPosition, message: String)] = []
        var references: [Reference] = []
    }

    /// Placeholders are these two private-use characters around the insert's number.
    static let placeholderStart: Unicode.Scalar = "\u{E000}"
    static let placeholderEnd: Unicode.Scalar = "\u{E001}"

    /// The shortcodes this reads; any other is removed with a warning.
    static let known: Set<String> = ["youtube", "vimeo", "figure", "x", "tweet", "instagram", "gist", "ref", "relref", "highlight"]

    /// True when `body` may hold a shortcode or Liquid (most bulletins do not, and skip the pass).
    static func mayApply(to body: some Collection<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in body {
            if previous == UInt8(ascii: "{"), byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%") { return true }
            previous = byte
        }
        return false
    }

    /// Expands `body`, whose first line is line `firstLine` of its file. `resolve` turns a
    /// `ref`/`relref` target into the URL written (nil: not found, and `#` is written); it is
    /// nil while parsing, when only the references are gathered.
    static func expand(_ body: String, firstLine: Int, resolve: ((String) -> String?)? = nil) -> Expansion {
        var scanner = Scanner(text: Array(body.unicodeScalars), line: firstLine, resolve: resolve)
        scanner.run()
        return Expansion(markdown: String(String.UnicodeScalarView(scanner.output)), inserts: scanner.inserts,
                         warnings: scanner.warnings, references: scanner.references)
    }

    /// `text` without placeholders (a summary made from an expanded body).
    static func removingPlaceholders(_ text: String) -> String {
        guard text.unicodeScalars.contains(placeholderStart) else { return text }
        var kept = String.UnicodeScalarView()
        var inside = false
        for scalar in text.unicodeScalars {
            if scalar == placeholderStart { inside = true } else if scalar == placeholderEnd { inside = false } else if !inside { kept.append(scalar) }
        }
        return String(kept).trimmed()
    }

    // MARK: - Scanning

    private struct Scanner {
        let text: [Unicode.Scalar]
        let resolve: ((String) -> String?)?
        var output: [Unicode.Scalar] = []
        var inserts: [Insert] = []
        var warnings: [(position: TextPosition, message: String)] = []
        var references: [Reference] = []
        var index = 0
        var line: Int
        var column = 1

        init(text: [Unicode.Scalar], line: Int, resolve: ((String) -> String?)?) {
            self.text = text
            self.line = line
            self.resolve = resolve
            output.reserveCapacity(text.count)
        }

        func at(_ literal: String, _ offset: Int = 0) -> Bool {
            var position = index + offset
            for scalar in literal.unicodeScalars {
                guard position < text.count, text[position] == scalar else { return false }
                position += 1
            }
            return true
        }

        /// Moves past `count` scalars, counting lines.
        mutating func advance(_ count: Int) {
            for _ in 0..<count where index < text.count {
                if text[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }

        /// The first place at or after `from` where `literal` starts (within `limit` scalars).
        func find(_ literal: String, from: Int, sameLine: Bool = false) -> Int? {
            let scalars = Array(literal.unicodeScalars)
            var position = from
            while position + scalars.count <= text.count {
                if sameLine, text[position] == "\n" { return nil }
                if text[position] == scalars[0], Array(text[position..<position + scalars.count]) == scalars { return position }
                position += 1
            }
            return nil
        }

        mutating func warn(_ message: String, at position: TextPosition) {
            warnings.append((position, message))
        }

        mutating func run() {
            while index < text.count {
                let scalar = text[index]
                if scalar == Shortcodes.placeholderStart || scalar == Shortcodes.placeholderEnd {
                    output.append("\u{FFFD}")
                    advance(1)
                } else if scalar == "{", index + 1 < text.count, text[index + 1] == "{" || text[index + 1] == "%" {
                    tag()
                } else {
                    output.append(scalar)
                    advance(1)
                }
            }
        }

        /// At `{{` or `{%`: a shortcode, a Liquid tag or output, or plain braces.
        mutating func tag() {
            let position = TextPosition(line: line, column: column)
            if at("{{</*") || at("{{%/*") {
                // Hugo's way of writing a shortcode as text: `{{</* name */>}}` prints `{{< name >}}`.
                let percent = at("{{%")
                let close = percent ? "*/%}}" : "*/>}}"
                if let end = find(close, from: index + 5) {
                    let inner = text[(index + 5)..<end]
                    output += (percent ? "{{%" : "{{<").unicodeScalars
                    output += inner
                    output += (percent ? "%}}" : ">}}").unicodeScalars
                    advance(end + close.unicodeScalars.count - index)
                    return
                }
            }
            if at("{{<") || at("{{%") {
                let percent = at("{{%")
                let close = percent ? "%}}" : ">}}"
                guard let end = find(close, from: index + 3) else {
                    warn("this shortcode is not closed with '\(close)'; it was removed with the rest of the text after it", at: position)
                    advance(text.count - index)
                    return
                }
                let inner = String(String.UnicodeScalarView(text[(index + 3)..<end]))
                let source = String(String.UnicodeScalarView(text[index..<(end + 3)]))
                advance(end + 3 - index)
                shortcode(inner, source: source, percent: percent, at: position)
                return
            }
            if at("{%") {
                guard let end = find("%}", from: index + 2) else {
                    output.append(text[index])
                    advance(1)
                    return
                }
                let inner = String(String.UnicodeScalarView(text[(index + 2)..<end])).trimmingLiquid()
                advance(end + 2 - index)
                let name = inner.split(separator: " ").first.map(String.init) ?? ""
                switch name {
                case "raw":
                    // Liquid's escape: what stands between raw and endraw is text, written as is.
                    warn("Liquid tag '{% raw %}' removed; the text up to '{% endraw %}' is kept as written", at: position)
                    var search = index
                    while let start = find("{%", from: search) {
                        guard let close = find("%}", from: start + 2) else { break }
                        let tagText = String(String.UnicodeScalarView(text[(start + 2)..<close])).trimmingLiquid()
                        if tagText == "endraw" {
                            output += text[index..<start]
                            advance(close + 2 - index)
                            return
                        }
                        search = close + 2
                    }
                case "comment":
                    warn("Liquid comment removed", at: position)
                    var search = index
                    while let start = find("{%", from: search), let close = find("%}", from: start + 2) {
                        if String(String.UnicodeScalarView(text[(start + 2)..<close])).trimmingLiquid() == "endcomment" {
                            advance(close + 2 - index)
                            return
                        }
                        search = close + 2
                    }
                default:
                    warn("Liquid tag '{% \(inner.prefix(60)) %}' is not carried over; it was removed", at: position)
                }
                return
            }
            // `{{ site.url }}`: Liquid output, on one line.
            if let end = find("}}", from: index + 2, sameLine: true) {
                let inner = String(String.UnicodeScalarView(text[(index + 2)..<end])).trimmingLiquid()
                if !inner.isEmpty {
                    warn("Liquid output '{{ \(inner.prefix(60)) }}' is not carried over; it was removed", at: position)
                    advance(end + 2 - index)
                    return
                }
            }
            output.append(text[index])
            advance(1)
        }

        mutating func shortcode(_ inner: String, source: String, percent: Bool, at position: TextPosition) {
            let call = Call(parsing: inner)
            let open = percent ? "{{%" : "{{<", close = percent ? "%}}" : ">}}"
            if call.isClosing {
                if !Shortcodes.known.contains(call.name) {
                    warn("shortcode '\(open) /\(call.name) \(close)' is not known to Nashra; it was removed", at: position)
                }
                return
            }
            switch call.name {
            case "youtube":
                guard let id = call["id", 0], id.allSatisfy(Self.isIDCharacter) else { return missing("youtube", "a video id", at: position) }
                embed(url: "https://www.youtube.com/watch?v=\(id)", title: call["title"], kind: "video", source: source)
            case "vimeo":
                guard let id = call["id", 0], id.allSatisfy(Self.isIDCharacter) else { return missing("vimeo", "a video id", at: position) }
                embed(url: "https://vimeo.com/\(id)", title: call["title"], kind: "video", source: source)
            case "x", "tweet":
                // `{{< x user="…" id="…" >}}`, `{{< tweet user id >}}`, or an old `{{< tweet id >}}`.
                let user = call["user"] ?? (call.positional.count >= 2 ? call[0] : nil)
                guard let id = call["id"] ?? call[call.positional.count >= 2 ? 1 : 0], !id.isEmpty, id.allSatisfy(\.isNumber),
                      user?.allSatisfy(Self.isIDCharacter) ?? true else { return missing(call.name, "a post id", at: position) }
                embed(url: "https://x.com/\(user ?? "i")/status/\(id)", title: nil, kind: "post", source: source)
            case "instagram":
                guard let id = call["id", 0], id.allSatisfy(Self.isIDCharacter) else { return missing("instagram", "a post id", at: position) }
                embed(url: "https://www.instagram.com/p/\(id)/", title: nil, kind: "post", source: source)
            case "gist":
                guard let user = call["user", 0], let id = call["id", 1], user.allSatisfy(Self.isIDCharacter), id.allSatisfy(Self.isIDCharacter) else {
                    return missing("gist", "a user and a gist id", at: position)
                }
                var url = "https://gist.github.com/\(user)/\(id)"
                if let file = call["file", 2] { url += "#file-" + String(file.map { $0.isLetter || $0.isNumber ? $0 : "-" }).lowercased() }
                embed(url: url, title: nil, kind: "code", source: source)
            case "figure":
                figure(call, source: source, at: position)
            case "ref", "relref":
                guard let target = call["path", 0], !target.isEmpty else { return missing(call.name, "a content path", at: position) }
                var path = target
                var fragment = ""
                if let hash = target.firstIndex(of: "#") {
                    path = String(target[..<hash])
                    fragment = String(target[hash...])
                }
                if path.isEmpty {
                    output += fragment.unicodeScalars
                    return
                }
                references.append(Reference(target: path, position: position))
                let url = resolve?(path) ?? "#"
                output += (url == "#" ? url : url + fragment).unicodeScalars
            case "highlight":
                let language = call["lang", 0] ?? ""
                let closing = percent ? "%}}" : ">}}"
                var code = ""
                var search = index
                var found = false
                while let start = find(percent ? "{{%" : "{{<", from: search), let end = find(closing, from: start + 3) {
                    let tag = Call(parsing: String(String.UnicodeScalarView(text[(start + 3)..<end])))
                    if tag.isClosing, tag.name == "highlight" {
                        code = String(String.UnicodeScalarView(text[index..<start]))
                        advance(end + 3 - index)
                        found = true
                        break
                    }
                    search = end + 3
                }
                guard found else {
                    warn("shortcode 'highlight' has no closing '\(open) /highlight \(close)'; it was removed", at: position)
                    return
                }
                fence(code, language: language)
            default:
                warn("shortcode '\(open) \(call.name) \(close)' is not known to Nashra; it was removed", at: position)
            }
        }

        mutating func missing(_ name: String, _ what: String, at position: TextPosition) {
            warn("shortcode '\(name)' needs \(what); it was removed", at: position)
        }

        static func isIDCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
        }

        mutating func place(_ insert: Insert) {
            output.append(Shortcodes.placeholderStart)
            output += String(inserts.count).unicodeScalars
            output.append(Shortcodes.placeholderEnd)
            inserts.append(insert)
        }

        /// A video or a post elsewhere, as a plain link: nothing is loaded from that site until
        /// the reader follows it.
        mutating func embed(url: String, title: String?, kind: String, source: String) {
            let text = title.map { escape($0) } ?? "<span dir=\"ltr\">\(escape(url))</span>"
            let link = "<a class=\"embed-link\" href=\"\(escape(url))\" rel=\"external noopener\">\(text)</a>"
            place(Insert(block: "<p class=\"embed embed-\(kind)\">\(link)</p>\n", inline: link, source: source))
        }

        mutating func figure(_ call: Call, source: String, at position: TextPosition) {
            guard let rawSource = call["src", 0], case .success(let src) = URLPolicy.check(rawSource, as: .image), !src.isEmpty else {
                return missing("figure", "a 'src' that is an image path or an https:// address", at: position)
            }
            var image = "<img src=\"\(escape(src))\" alt=\"\(escape(call["alt"] ?? ""))\""
            for dimension in ["width", "height"] {
                if let value = call[dimension], !value.isEmpty, value.allSatisfy(\.isNumber) { image += " \(dimension)=\"\(value)\"" }
            }
            image += ">"
            if let rawLink = call["link"], case .success(let link) = URLPolicy.check(rawLink, as: .link), !link.isEmpty {
                image = "<a href=\"\(escape(link))\">\(image)</a>"
            }
            var caption = ""
            if let title = call["title"], !title.isEmpty { caption += "<strong>\(escape(title))</strong>" }
            if let text = call["caption"], !text.isEmpty { caption += (caption.isEmpty ? "" : " ") + escape(text) }
            if let attribution = call["attr"], !attribution.isEmpty { caption += (caption.isEmpty ? "" : " ") + "<small>\(escape(attribution))</small>" }
            let block = "<figure>\(image)" + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>\n"
            place(Insert(block: block, inline: image, source: source))
        }

        /// A fenced code block, on lines of its own, with a fence no line of the code can close.
        mutating func fence(_ code: String, language: String) {
            var longest = 0, run = 0
            for scalar in code.unicodeScalars {
                run = scalar == "~" ? run + 1 : 0
                longest = max(longest, run)
            }
            let marks = String(repeating: "~", count: max(3, longest + 1))
            var trimmed = Substring(code)
            while trimmed.first == "\n" || trimmed.first == "\r" { trimmed = trimmed.dropFirst() }
            while trimmed.last == "\n" || trimmed.last == "\r" || trimmed.last == " " { trimmed = trimmed.dropLast() }
            let safeLanguage = language.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "+" || $0 == "_" }
            var block = ""
            if let last = output.last, last != "\n" { block += "\n" }
            block += "\(marks)\(safeLanguage)\n\(trimmed)\n\(marks)"
            if index < text.count, text[index] != "\n" { block += "\n" }
            output += block.unicodeScalars
        }
    }

    /// A shortcode's name and its parameters, positional (`youtube 7f1`) or named (`src="…"`).
    struct Call {
        var name = ""
        var isClosing = false
        var positional: [String] = []
        var named: [String: String] = [:]

        init(parsing inner: String) {
            var words: [String] = []
            var current = ""
            var quote: Character?
            var started = false
            for character in inner {
                if let open = quote {
                    if character == open { quote = nil } else { current.append(character) }
                } else if character == "\"" || character == "`" {
                    quote = character
                    started = true
                } else if character.isWhitespace {
                    if started { words.append(current) }
                    current = ""
                    started = false
                } else {
                    current.append(character)
                    started = true
                }
            }
            if started { words.append(current) }
            guard var first = words.first else { return }
            if first.hasPrefix("/") {
                isClosing = true
                first.removeFirst()
                if first.isEmpty, words.count > 1 { first = words[1]; words.removeFirst() }
            }
            name = first.lowercased()
            for word in words.dropFirst() {
                if let equals = word.firstIndex(of: "="), equals != word.startIndex {
                    named[String(word[..<equals]).lowercased()] = String(word[word.index(after: equals)...])
                } else {
                    positional.append(word)
                }
            }
        }

        subscript(_ key: String) -> String? { named[key] }
        subscript(_ position: Int) -> String? { position < positional.count ? positional[position] : nil }
        /// The named parameter, else the one at `position`.
        subscript(_ key: String, _ position: Int) -> String? { named[key] ?? self[position] }
    }
}

/// `&`, `<`, `>` and `"` as character references, for text and attribute values.
private func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text.removingControlCharacters() {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        default: escaped.append(character)
        }
    }
    return escaped
}

private extension String {
    /// A Liquid tag's inside without its whitespace-control dashes and spaces (`{%- raw -%}`).
    func trimmingLiquid() -> String {
        var trimmed = Substring(self)
        while let first = trimmed.first, first == "-" || first.isWhitespace { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == "-" || last.isWhitespace { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
