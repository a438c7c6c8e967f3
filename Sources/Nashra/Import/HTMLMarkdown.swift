import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An HTML body (ninjs `body_html`, a feed item's content) as Markdown, for the part of HTML that
/// Markdown has: p, h2–h4, strong/b, em/i, a, ul/ol/li, blockquote, br. Every other element is
/// dropped and named in `dropped`: containers and inline wrappers (div, span, h1…) lose only their
/// tags, so no word of the story goes; embedded things (script, style, img, iframe…) go whole.
/// Nothing is passed through as raw HTML.
///
/// The fragment is read by Foundation's XMLParser, so it must be well-formed once the few things
/// HTML allows and XML does not are mended: named entities (`&nbsp;`), void elements written
/// without `/>` (`<br>`), upper-case tag names, end tags left out (`<p>…<p>…`, `<li>…<li>…`) or
/// never opened, and a bare `&` or `<`. Unquoted attributes are still an error.
public enum HTMLMarkdown {
    public struct Conversion: Sendable {
        public var markdown: String
        /// What was left out, each once, in the order met: `<div> (its text kept)`,
        /// `<script> and what it holds`, `a javascript: link (its text kept)`.
        public var dropped: [String]
    }

    /// Why a fragment could not be read: the parser's message and where in the fragment.
    public struct Failure: Error, Sendable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    public static func convert(_ html: String) -> Result<Conversion, Failure> {
        let data = Data(("<nashra-root>" + mend(html) + "</nashra-root>").utf8)
        switch XMLTree.parse(data, lowercaseNames: true) {
        case .success(let document):
            return .success(convert(document.first("nashra-root")?.children ?? []))
        case .failure(let failure):
            return .failure(Failure(message: failure.message, line: failure.line, column: failure.column))
        }
    }

    /// The words of an HTML fragment without its tags (an Atom title typed html).
    static func plainText(_ html: String) -> Result<String, Failure> {
        XMLTree.parse(Data(("<nashra-root>" + mend(html) + "</nashra-root>").utf8), lowercaseNames: true)
            .map { $0.text.collapsingWhitespace().trimmed() }
            .mapError { Failure(message: $0.message, line: $0.line, column: $0.column) }
    }

    /// Markdown for nodes already parsed (an Atom entry's XHTML content).
    static func convert(_ nodes: [Node]) -> Conversion {
        var renderer = Renderer()
        let blocks = renderer.blocks(nodes)
        return Conversion(markdown: blocks.joined(separator: "\n\n").nfc, dropped: renderer.dropped)
    }

    // MARK: Mending HTML into XML

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// HTML's named entities that news copy uses; the five XML knows are left to the parser.
    static let entities: [String: String] = [
        "nbsp": "\u{A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "\u{AD}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "ndash": "–", "mdash": "—", "hellip": "…", "bull": "•", "middot": "·", "deg": "°", "times": "×",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "prime": "′", "Prime": "″",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "sect": "§", "para": "¶", "plusmn": "±", "frac12": "½", "frac14": "¼", "frac34": "¾", "percnt": "%",
    ]
    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    static func mend(_ html: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count + 64)
        let characters = Array(html)
        var index = 0
        var open: [String] = []
        while index < characters.count {
            let character = characters[index]
            if character == "&" {
                // `&name;`, `&#123;`, `&#x1F;` within 32 characters, else a bare ampersand.
                var end = index + 1
                while end < characters.count, end - index <= 32, characters[end].isLetter || characters[end].isNumber || characters[end] == "#" { end += 1 }
                let name = String(characters[(index + 1)..<min(end, characters.count)])
                if end < characters.count, characters[end] == ";", !name.isEmpty {
                    if xmlEntities.contains(name) || (name.hasPrefix("#") && name.count > 1) {
                        output += "&" + name + ";"
                    } else if let replacement = entities[name] {
                        output += replacement
                    } else {
                        output += "&amp;" + name + ";"
                    }
                    index = end + 1
                    continue
                }
                output += "&amp;"
                index += 1
                continue
            }
            if character == "<", index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1] == "/" {
                // A tag: lower-case its name, close a void element, and balance it against the
                // tags still open (HTML lets </p> and </li> be left out).
                let closing = characters[index + 1] == "/"
                var nameEnd = index + (closing ? 2 : 1)
                while nameEnd < characters.count, characters[nameEnd].isLetter || characters[nameEnd].isNumber { nameEnd += 1 }
                let name = String(characters[(index + (closing ? 2 : 1))..<nameEnd]).lowercased()
                var tagEnd = nameEnd
                var quote: Character?
                while tagEnd < characters.count {
                    let c = characters[tagEnd]
                    if let open = quote { if c == open { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { break }
                    tagEnd += 1
                }
                guard tagEnd < characters.count, !name.isEmpty else { output += "&lt;"; index += 1; continue }
                var rest = String(characters[nameEnd..<tagEnd])
                index = tagEnd + 1
                if voidElements.contains(name) {
                    // `</br>` is written by some editors for `<br>`.
                    if closing { if name == "br" { output += "<br/>" }; continue }
                    if !rest.hasSuffix("/") { rest += "/" }
                    output += "<" + name + rest + ">"
                    continue
                }
                if closing {
                    // Close what was left open inside it; an end tag nothing opened is dropped.
                    guard let position = open.lastIndex(of: name) else { continue }
                    for inner in open[position...].reversed() { output += "</" + inner + ">" }
                    open.removeSubrange(position...)
                    continue
                }
                if !rest.hasSuffix("/") {
                    // A block starting inside a paragraph ends it; an item starting inside an item
                    // of the same list ends that one.
                    if blockStarts.contains(name), open.last == "p" { output += "</p>"; open.removeLast() }
                    if name == "li", let item = open.lastIndex(of: "li"), !open[item...].contains(where: { $0 == "ul" || $0 == "ol" }) {
                        for inner in open[item...].reversed() { output += "</" + inner + ">" }
                        open.removeSubrange(item...)
                    }
                    open.append(name)
                }
                output += "<" + name + rest + ">"
                continue
            }
            if character == "<" {
                // `<!-- a comment -->` is skipped; any other `<` that opens no tag is text.
                if characters[index...].starts(with: "<!--") {
                    var end = index + 4
                    while end < characters.count, !characters[end...].starts(with: "-->") { end += 1 }
                    index = min(end + 3, characters.count)
                    continue
                }
                output += "&lt;"
                index += 1
                continue
            }
            output.append(character)
            index += 1
        }
        for name in open.reversed() { output += "</" + name + ">" }
        return output
    }

    /// Start tags that end an open paragraph in HTML.
    static let blockStarts: Set<String> = ["p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "table",
                                           "pre", "section", "article", "figure", "hr", "header", "footer", "dl"]

    typealias Element = XMLTree.Element
    typealias Node = XMLTree.Node

    // MARK: Markdown

    static let containers: Set<String> = ["div", "section", "article", "header", "footer", "main", "aside", "figure", "figcaption",
                                          "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd",
                                          "h1", "h5", "h6", "pre", "address", "details", "summary", "center", "li", "nav"]
    static let embedded: Set<String> = ["script", "style", "iframe", "object", "embed", "video", "audio", "img", "svg", "math",
                                        "form", "input", "button", "select", "textarea", "noscript", "template", "canvas",
                                        "head", "title", "meta", "link", "picture", "source", "track", "map", "area", "base"]

    private struct Renderer {
        var dropped: [String] = []

        mutating func drop(_ name: String) {
            if !dropped.contains(name) { dropped.append(name) }
        }

        /// Markdown blocks for `nodes`: text and inline elements between blocks gather into paragraphs.
        mutating func blocks(_ nodes: [Node]) -> [String] {
            var result: [String] = []
            var pending: [Node] = []
            func flush(_ renderer: inout Renderer) {
                let text = renderer.paragraph(pending)
                if !text.isEmpty { result.append(text) }
                pending = []
            }
            for node in nodes {
                guard case .element(let element) = node, isBlock(element.name) else {
                    pending.append(node)
                    continue
                }
                flush(&self)
                result += block(element)
            }
            flush(&self)
            return result
        }

        func isBlock(_ name: String) -> Bool {
            ["p", "h2", "h3", "h4", "ul", "ol", "blockquote", "hr"].contains(name) || HTMLMarkdown.containers.contains(name)
                || HTMLMarkdown.embedded.contains(name)
        }

        mutating func block(_ element: Element) -> [String] {
            switch element.name {
            case "p": return [paragraph(element.children)].filter { !$0.isEmpty }
            case "h2", "h3", "h4":
                let text = inline(element.children).collapsedLines()
                guard !text.isEmpty else { return [] }
                return [String(repeating: "#", count: Int(String(element.name.last!))!) + " " + text.replacingOccurrences(of: "\\\n", with: " ")]
            case "ul", "ol":
                var items: [String] = []
                var number = Int(element.attributes["start"] ?? "") ?? 1
                for case .element(let item) in element.children {
                    if item.name != "li" { drop("<\(item.name)> (its text kept)") }
                    let marker = element.name == "ul" ? "- " : "\(number). "
                    number += 1
                    let body = blocks(item.children).joined(separator: "\n\n")
                    guard !body.isEmpty else { continue }
                    // Lines after the first are indented under the item's text, so they stay in it.
                    let indent = String(repeating: " ", count: marker.count)
                    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
                    var text = marker + lines[0]
                    for line in lines.dropFirst() { text += "\n" + (line.isEmpty ? "" : indent + line) }
                    items.append(text)
                }
                // A loose list when an item holds several paragraphs, so they stay in the item.
                return items.isEmpty ? [] : [items.joined(separator: items.contains { $0.contains("\n\n") } ? "\n\n" : "\n")]
            case "blockquote":
                let inner = blocks(element.children).joined(separator: "\n\n")
                guard !inner.isEmpty else { return [] }
                return [inner.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")]
            case "hr":
                drop("<hr>")
                return []
            default:
                if HTMLMarkdown.embedded.contains(element.name) {
                    drop("<\(element.name)> and what it holds")
                    return []
                }
                drop("<\(element.name)> (its text kept)")
                return blocks(element.children)
            }
        }

        /// One paragraph: inline Markdown, HTML's white space collapsed, line starts escaped.
        mutating func paragraph(_ nodes: [Node]) -> String {
            let text = inline(nodes).collapsedLines()
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { MarkdownText.escapeLineStart(String($0)) }.joined(separator: "\n")
        }

        mutating func inline(_ nodes: [Node]) -> String {
            var result = ""
            for node in nodes {
                switch node {
                case .text(let text): result += MarkdownText.escapeInline(text.collapsingWhitespace())
                case .element(let element): result += inlineElement(element)
                }
            }
            return result
        }

        mutating func inlineElement(_ element: Element) -> String {
            switch element.name {
            case "strong", "b": return wrap(inline(element.children), "**")
            case "em", "i": return wrap(inline(element.children), "*")
            case "br": return "\\\n"
            case "a":
                let text = inline(element.children)
                guard let href = element.attributes["href"], !href.trimmed().isEmpty else { return text }
                switch URLPolicy.check(href, as: .link) {
                case .success(let url):
                    guard !text.trimmed().isEmpty else { return "" }
                    return "[" + text + "](" + Self.destination(url) + ")"
                case .failure:
                    drop("a \(URLPolicy.scheme(of: href.trimmed())?.lowercased() ?? "refused"): link (its text kept)")
                    return text
                }
            default:
                if HTMLMarkdown.embedded.contains(element.name) {
                    drop("<\(element.name)> and what it holds")
                    return ""
                }
                // A block inside inline content (a <p> in an <a>) or an unknown wrapper: its text stays.
                if !["p", "h2", "h3", "h4", "ul", "ol", "blockquote", "li"].contains(element.name) { drop("<\(element.name)> (its text kept)") }
                return inline(element.children)
            }
        }

        /// `**text**` with the spaces moved outside the markers, where CommonMark needs them.
        func wrap(_ text: String, _ marker: String) -> String {
            let leading = text.prefix(while: { $0 == " " })
            let trailing = text.reversed().prefix(while: { $0 == " " })
            let core = text.trimmed(newlines: false)
            guard !core.isEmpty else { return text.isEmpty ? "" : " " }
            return leading + marker + core + marker + String(trailing)
        }

        /// A link destination CommonMark reads whole: spaces, parentheses and angle brackets encoded.
        static func destination(_ url: String) -> String {
            var result = ""
            for character in url {
                switch character {
                case " ": result += "%20"
                case "(": result += "%28"
                case ")": result += "%29"
                case "<": result += "%3C"
                case ">": result += "%3E"
                default: result.append(character)
                }
            }
            return result
        }
    }
}

private extension String {
    /// HTML white space: every run of spaces, tabs and line breaks is one space.
    func collapsingWhitespace() -> String {
        var result = ""
        var inSpace = false
        for character in self {
            if character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                if !inSpace { result.append(" ") }
                inSpace = true
            } else {
                result.append(character)
                inSpace = false
            }
        }
        return result
    }

    /// Each line (split at `<br>`'s breaks) without spaces around it, runs of spaces made one.
    func collapsedLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).collapsingWhitespace().trimmed(newlines: false) }
            .joined(separator: "\n")
            .trimmingHardBreaks()
    }

    /// A `<br>` at the start or end of a paragraph breaks nothing.
    func trimmingHardBreaks() -> String {
        var text = self.trimmed()
        while text.hasSuffix("\\"), !text.hasSuffix("\\\\") { text.removeLast(); text = text.trimmed() }
        while text.hasPrefix("\\\n") { text.removeFirst(2); text = text.trimmed() }
        return text.trimmed()
    }
}
