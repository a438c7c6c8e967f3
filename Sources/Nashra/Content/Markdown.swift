import CCmark
import Foundation
import NashraCore

/// CommonMark through libcmark. The only file that touches cmark's C API: every node tree is freed
/// on every path, and nothing outside gets an `OpaquePointer`.
///
/// libcmark renders separate documents safely from several threads, so this is called in parallel.
public enum Markdown {
    /// Renders a bulletin body to HTML: smart punctuation on; raw HTML and unsafe URLs
    /// (`javascript:` and the like) dropped unless `unsafeHTML`; every heading gets an `id` made
    /// from its text (Arabic kept), so that sections can be linked. With `keepingLatinRuns` (a
    /// right-to-left body) a number and the Latin word beside it are written as one left-to-right
    /// isolate that does not break (`LatinNumberRun`), in text only: never in code, URLs or raw HTML.
    /// `inserts` are the HTML of the shortcode placeholders in `markdown` (see `Shortcodes`).
    public static func html(_ markdown: String, unsafeHTML: Bool, keepingLatinRuns: Bool = false) -> String {
        html(markdown, unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: [])
    }

    /// `fileLinks`, when given, turns the path of a link to another bulletin's file
    /// (`[…](other.md#part)`, see `fileLinkPath`) into that bulletin's URL; nil leaves it as written.
    static func html(_ markdown: String, unsafeHTML: Bool, keepingLatinRuns: Bool = false, inserts: [Shortcodes.Insert],
                     fileLinks: ((String) -> String?)? = nil) -> String {
        markdown.withUTF8Bytes { html($0, unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: inserts, fileLinks: fileLinks) }
    }

    /// The same, from UTF-8 bytes (a bulletin's body as read from its file).
    static func html(_ utf8: some Collection<UInt8>, unsafeHTML: Bool, keepingLatinRuns: Bool = false,
                     fileLinks: ((String) -> String?)? = nil) -> String {
        utf8.withContiguousStorageIfAvailable {
            html(UnsafeRawBufferPointer($0), unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: [], fileLinks: fileLinks)
        } ?? html(String(decoding: utf8, as: UTF8.self), unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: [], fileLinks: fileLinks)
    }

    /// The HTML of a body (as `html(_:unsafeHTML:keepingLatinRuns:fileLinks:)`) and its plain
    /// text for the search index (as `plainTextUTF8`), from one parse: the text is taken from the
    /// tree before anything is changed in it. (`CMARK_OPT_UNSAFE` changes only how the tree is
    /// written, so the tree is the one `plainTextUTF8` parses.)
    static func htmlAndPlainText(_ utf8: some Collection<UInt8>, unsafeHTML: Bool, keepingLatinRuns: Bool = false,
                                 fileLinks: ((String) -> String?)? = nil) -> (html: String, plainText: [UInt8]) {
        var text: [UInt8]? = []
        let rendered = utf8.withContiguousStorageIfAvailable {
            Self.html(UnsafeRawBufferPointer($0), unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: [], fileLinks: fileLinks,
                      plainText: &text)
        } ?? Array(utf8).withUnsafeBytes {
            Self.html($0, unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: [], fileLinks: fileLinks, plainText: &text)
        }
        return (rendered, text ?? [])
    }

    private static func html(_ utf8: UnsafeRawBufferPointer, unsafeHTML: Bool, keepingLatinRuns: Bool, inserts: [Shortcodes.Insert],
                             fileLinks: ((String) -> String?)? = nil) -> String {
        var unused: [UInt8]? = nil
        return html(utf8, unsafeHTML: unsafeHTML, keepingLatinRuns: keepingLatinRuns, inserts: inserts, fileLinks: fileLinks, plainText: &unused)
    }

    /// `plainText`, when not nil, gets the tree's plain text (see `htmlAndPlainText`).
    private static func html(_ utf8: UnsafeRawBufferPointer, unsafeHTML: Bool, keepingLatinRuns: Bool, inserts: [Shortcodes.Insert],
                             fileLinks: ((String) -> String?)?, plainText: inout [UInt8]?) -> String {
        let options = CMARK_OPT_SMART | (unsafeHTML ? CMARK_OPT_UNSAFE : 0)
        guard let document = parse(utf8, options: options) else { return "" }
        defer { cmark_node_free(document) }
        if plainText != nil { plainText = Self.plainText(ofDocument: document, capacity: utf8.count) }
        if !inserts.isEmpty { placeInserts(document, inserts) }
        if let fileLinks { rewriteFileLinks(document, fileLinks) }
        if keepingLatinRuns { isolateLatinRuns(document) }
        addHeadingIDs(document, options: options)
        // libcmark turns a NUL into U+FFFD but passes other control bytes through, and a page, a
        // feed or a reader's parser has no use for them.
        return takeString(cmark_render_html(document, options)).removingControlCharacters()
    }

    /// The plain text of the first paragraph (links and emphasis reduced to their text), cut at a
    /// word boundary after `limit` characters.
    public static func firstParagraphText(_ markdown: String, limit: Int = 300) -> String {
        guard let document = parse(markdown, options: CMARK_OPT_SMART) else { return "" }
        defer { cmark_node_free(document) }
        var child = cmark_node_first_child(document)
        while let node = child, cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH {
            child = cmark_node_next(node)
        }
        guard let paragraph = child else { return "" }
        return truncate(plainText(of: paragraph), limit: limit)
    }

    /// A link or an image of a Markdown text, where its source starts.
    public struct Reference: Sendable, Hashable {
        public enum Kind: Sendable { case link, image }
        public var kind: Kind
        /// As written (an unescaped URL, possibly relative); a reference link's comes from its definition.
        public var destination: String
        /// A link's text or an image's alt text, as plain text, trimmed.
        public var text: String
        /// Line and column (from 1, in Unicode scalars) in the text given.
        public var position: TextPosition
    }

    /// Every link and image of a Markdown text, in source order, from cmark's source positions.
    /// Links in raw HTML (`<a href>`) are not Markdown links and are not listed.
    static func references(in utf8: some Collection<UInt8>) -> [Reference] {
        withSourcePositions(utf8) { document, columns in
            var references: [Reference] = []
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
                let line = Int(cmark_node_get_start_line(node))
                references.append(Reference(kind: type == CMARK_NODE_IMAGE ? .image : .link,
                                            destination: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                                            text: plainText(of: node),
                                            position: TextPosition(line: line, column: columns(line, Int(cmark_node_get_start_column(node))))))
            }
            return references
        } ?? []
    }

    /// Whether a body may link to another bulletin's file: a cheap test on its bytes before the
    /// links are looked for (`.md` or `.markdown` somewhere in it).
    static func mayLinkToFiles(_ utf8: some Collection<UInt8>) -> Bool {
        var dot = false, m = false
        for byte in utf8 {
            if m, byte | 0x20 == UInt8(ascii: "d") || byte | 0x20 == UInt8(ascii: "a") { return true }
            m = dot && byte | 0x20 == UInt8(ascii: "m")
            dot = byte == UInt8(ascii: ".")
        }
        return false
    }

    /// The file path a link names when it leads to another Markdown file of the site, as editors
    /// and Hugo or Jekyll archives write them (`other.md`, `../2016/old.markdown#part`), percent
    /// escapes undone; nil for a web address, a path from the root, a fragment or anything else.
    static func fileLinkPath(_ destination: String) -> String? {
        guard !destination.isEmpty, !destination.hasPrefix("/"), !destination.hasPrefix("#"), !destination.hasPrefix("?") else { return nil }
        let path = destination.prefix { $0 != "#" && $0 != "?" }
        // A scheme (`https:`, `mailto:`) comes before any slash.
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
        let lowered = path.lowercased()
        guard lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") else { return nil }
        return String(path).removingPercentEncoding ?? String(path)
    }

    /// The links of a body that lead to other Markdown files (see `fileLinkPath`): the path of
    /// each, and where the link starts in the body.
    static func fileLinks(in utf8: some Collection<UInt8>) -> [(path: String, position: TextPosition)] {
        references(in: utf8).compactMap { reference in
            guard reference.kind == .link, let path = fileLinkPath(reference.destination) else { return nil }
            return (path, reference.position)
        }
    }

    /// Each link to another Markdown file gets the URL `url` gives for its path, with the link's
    /// fragment kept (`#part`); one `url` does not know is left as written.
    private static func rewriteFileLinks(_ document: OpaquePointer, _ url: (String) -> String?) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_LINK,
                  let written = cmark_node_get_url(node).map({ String(cString: $0) }),
                  let path = fileLinkPath(written), let target = url(path) else { continue }
            let fragment = written.firstIndex(of: "#").map { String(written[$0...]) } ?? ""
            cmark_node_set_url(node, target + fragment)
        }
    }

    /// The lines (from 1) that Markdown shows verbatim or passes through: code blocks (fenced or
    /// indented, fences included) and HTML blocks. Rules about how prose is written skip them.
    static func verbatimLines(in utf8: some Collection<UInt8>) -> Set<Int> {
        withSourcePositions(utf8) { document, _ in
            var lines: Set<Int> = []
            let iterator = cmark_iter_new(document)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK else { continue }
                let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
                if first > 0 { lines.formUnion(first...max(first, last)) }
            }
            return lines
        } ?? []
    }

    /// A body's plain text for the search index, as UTF-8 made without a `String` per text node
    /// (the index reads every body of the archive): text, code and image descriptions, a line
    /// break after each block; raw HTML, link destinations and markup left out; control
    /// characters dropped.
    /// cmark's nodes and buffers come from this thread's `ParseArena` and are let go at once when
    /// the text is made (a cmark tree is hundreds of small allocations, and `malloc` and `free`
    /// were most of what reading the archive's bodies again cost); `arena: false` uses cmark's
    /// own allocator, the same tree.
    static func plainTextUTF8(_ utf8: some Collection<UInt8>, arena: Bool = true) -> [UInt8] {
        if arena {
            let state = ParseArena.ofThisThread()
            defer { ParseArena.reset(state) }
            return utf8.withContiguousStorageIfAvailable { plainText(UnsafeRawBufferPointer($0), arena: true) }
                ?? Array(utf8).withUnsafeBytes { plainText($0, arena: true) }
        }
        return utf8.withContiguousStorageIfAvailable { plainText(UnsafeRawBufferPointer($0), arena: false) }
            ?? Array(utf8).withUnsafeBytes { plainText($0, arena: false) }
    }

    private static func plainText(_ utf8: UnsafeRawBufferPointer, arena: Bool) -> [UInt8] {
        let document: OpaquePointer?
        if arena {
            // The same tree as `cmark_parse_document`, from a parser on the arena's allocator.
            guard let parser = cmark_parser_new_with_mem(CMARK_OPT_SMART, ParseArena.allocator) else { return [] }
            utf8.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            document = cmark_parser_finish(parser)
            cmark_parser_free(parser)
        } else {
            document = parse(utf8, options: CMARK_OPT_SMART)
        }
        guard let document else { return [] }
        // The arena lets the tree go whole (its `free` does nothing).
        defer { if !arena { cmark_node_free(document) } }
        return plainText(ofDocument: document, capacity: utf8.count)
    }

    /// The plain text of a parsed body (see `plainTextUTF8`).
    private static func plainText(ofDocument document: OpaquePointer, capacity: Int) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(capacity)
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM { text.append(0x0A) }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) {
                    text.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)).bindMemory(to: UInt8.self))
                }
                if type == CMARK_NODE_CODE_BLOCK { text.append(0x0A) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(0x20)
            default:
                break
            }
        }
        String.removeControlCharacters(from: &text)
        return text
    }

    /// Memory for cmark while one body's plain text is made, one per thread: allocations are
    /// carved from a block in order and never freed one by one; `reset` takes the block back
    /// whole once the tree is done with. cmark's allocator has no context argument, so its
    /// functions find the arena of the calling thread (`pthread_getspecific`).
    enum ParseArena {
        struct State {
            /// The block allocations are carved from now, its size, and how much is used.
            var base: UnsafeMutableRawPointer
            var capacity: Int
            var used: Int
            /// The last allocation, which `realloc` may grow in place.
            var last: UnsafeMutableRawPointer?
            /// The block kept between bodies.
            var first: UnsafeMutableRawPointer
            var firstCapacity: Int
            /// Blocks taken when the first was full, linked through their first word, and their bytes.
            var overflow: UnsafeMutableRawPointer?
            var overflowBytes: Int
        }

        /// Each allocation starts after a header of this many bytes (its capacity), and is
        /// aligned to it.
        private static let header = 16
        private static let firstSize = 256 << 10
        private static let largestKept = 16 << 20

        private static let key: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { pointer in
                guard let pointer else { return }
                let state = pointer.assumingMemoryBound(to: State.self)
                ParseArena.freeOverflow(state)
                free(state.pointee.first)
                state.deinitialize(count: 1)
                free(pointer)
            }
            return key
        }()

        /// The allocator cmark is given.
        nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
            let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
            memory.initialize(to: cmark_mem(
                calloc: { count, size in
                    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                    guard !overflow, let pointer = ParseArena.allocate(ParseArena.current(), Int(bytes)) else { return nil }
                    memset(pointer, 0, Int(bytes))
                    return pointer
                },
                realloc: { pointer, size in ParseArena.reallocate(ParseArena.current(), pointer, Int(size)) },
                free: { _ in }))
            return memory
        }()

        /// This thread's arena, made on first use.
        static func ofThisThread() -> UnsafeMutablePointer<State> {
            if let pointer = pthread_getspecific(key) { return pointer.assumingMemoryBound(to: State.self) }
            let first = malloc(firstSize)!
            let state = malloc(MemoryLayout<State>.stride)!.bindMemory(to: State.self, capacity: 1)
            state.initialize(to: State(base: first, capacity: firstSize, used: 0, last: nil, first: first,
                                       firstCapacity: firstSize, overflow: nil, overflowBytes: 0))
            pthread_setspecific(key, state)
            return state
        }

        @inline(__always)
        private static func current() -> UnsafeMutablePointer<State> {
            pthread_getspecific(key)!.assumingMemoryBound(to: State.self)
        }

        /// `count` bytes (not zeroed), aligned to 16.
        static func allocate(_ state: UnsafeMutablePointer<State>, _ count: Int) -> UnsafeMutableRawPointer? {
            let rounded = (max(count, 1) + header - 1) & ~(header - 1)
            if state.pointee.used + header + rounded > state.pointee.capacity {
                // A new block, linked to the others through its first header.
                let size = max(state.pointee.firstCapacity, 2 * header + rounded)
                guard let block = malloc(size) else { return nil }
                block.storeBytes(of: state.pointee.overflow, as: UnsafeMutableRawPointer?.self)
                state.pointee.overflow = block
                state.pointee.overflowBytes += size
                state.pointee.base = block
                state.pointee.capacity = size
                state.pointee.used = header
            }
            let start = state.pointee.base + state.pointee.used
            start.storeBytes(of: rounded, as: Int.self)
            state.pointee.used += header + rounded
            let pointer = start + header
            state.pointee.last = pointer
            return pointer
        }

        static func reallocate(_ state: UnsafeMutablePointer<State>, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> UnsafeMutableRawPointer? {
            guard let pointer else { return allocate(state, count) }
            let held = (pointer - header).load(as: Int.self)
            if count <= held { return pointer }
            let rounded = (count + header - 1) & ~(header - 1)
            if pointer == state.pointee.last, pointer - state.pointee.base + rounded <= state.pointee.capacity {
                // The last allocation grows where it is.
                (pointer - header).storeBytes(of: rounded, as: Int.self)
                state.pointee.used = pointer - state.pointee.base + rounded
                return pointer
            }
            guard let moved = allocate(state, count) else { return nil }
            memcpy(moved, pointer, held)
            return moved
        }

        /// Takes every allocation back; a body that needed more than the first block makes it
        /// bigger for the next (up to `largestKept`).
        static func reset(_ state: UnsafeMutablePointer<State>) {
            if state.pointee.overflowBytes > 0 {
                let wanted = min(state.pointee.firstCapacity + state.pointee.overflowBytes, largestKept)
                freeOverflow(state)
                if wanted > state.pointee.firstCapacity, let bigger = malloc(wanted) {
                    free(state.pointee.first)
                    state.pointee.first = bigger
                    state.pointee.firstCapacity = wanted
                }
            }
            state.pointee.base = state.pointee.first
            state.pointee.capacity = state.pointee.firstCapacity
            state.pointee.used = 0
            state.pointee.last = nil
        }

        private static func freeOverflow(_ state: UnsafeMutablePointer<State>) {
            var block = state.pointee.overflow
            while let current = block {
                block = current.load(as: UnsafeMutableRawPointer?.self)
                free(current)
            }
            state.pointee.overflow = nil
            state.pointee.overflowBytes = 0
        }
    }

    // MARK: - Private

    /// Parses `utf8` with source positions and hands `body` the document and a function that turns
    /// cmark's column (a byte offset in the line, from 1) into a column in Unicode scalars; nil if
    /// cmark could not parse (out of memory).
    private static func withSourcePositions<Result>(_ utf8: some Collection<UInt8>,
                                                    _ body: (OpaquePointer, (Int, Int) -> Int) -> Result) -> Result? {
        let bytes = Array(utf8)
        // Where each line starts, ending lines as cmark does: LF, CR LF or CR.
        var lineStarts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                lineStarts.append(index + 1)
            } else if bytes[index] == UInt8(ascii: "\n") {
                lineStarts.append(index + 1)
            }
            index += 1
        }
        func scalarColumn(line: Int, byteColumn: Int) -> Int {
            guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return max(1, byteColumn) }
            let start = lineStarts[line - 1]
            let end = min(bytes.count, start + byteColumn - 1)
            guard start < end else { return byteColumn }
            // Every byte but UTF-8 continuation bytes starts a scalar.
            return bytes[start..<end].count { $0 & 0xC0 != 0x80 } + 1
        }
        let document = bytes.withUnsafeBytes { parse($0, options: CMARK_OPT_SOURCEPOS) }
        guard let document else { return nil }
        defer { cmark_node_free(document) }
        return body(document, scalarColumn)
    }

    private static func parse(_ markdown: String, options: Int32) -> OpaquePointer? {
        markdown.withUTF8Bytes { parse($0, options: options) }
    }

    private static func parse(_ utf8: UnsafeRawBufferPointer, options: Int32) -> OpaquePointer? {
        utf8.withMemoryRebound(to: CChar.self) { chars in
            cmark_parse_document(chars.baseAddress, chars.count, options)
        }
    }

    private static func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Shortcode placeholders become the HTML they stand for: a paragraph that holds only one
    /// becomes its block, written verbatim as a custom block; one among text becomes a custom
    /// inline; one inside code is put back as the shortcode was written.
    private static func placeInserts(_ document: OpaquePointer, _ inserts: [Shortcodes.Insert]) {
        cmark_consolidate_text_nodes(document)
        var nodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK,
               let literal = cmark_node_get_literal(node), strstr(literal, "\u{E000}") != nil {
                nodes.append(node)
            }
        }
        cmark_iter_free(iterator)
        for node in nodes {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let pieces = placeholderPieces(String(cString: literal), count: inserts.count)
            let type = cmark_node_get_type(node)
            if type != CMARK_NODE_TEXT {
                let restored = pieces.map { piece in
                    switch piece {
                    case .text(let text): text
                    case .insert(let number): inserts[number].source
                    }
                }.joined()
                cmark_node_set_literal(node, restored)
                continue
            }
            if pieces.count == 1, case .insert(let number) = pieces[0], let paragraph = cmark_node_parent(node),
               cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, cmark_node_first_child(paragraph) == node,
               cmark_node_next(node) == nil, let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) {
                cmark_node_set_on_enter(block, inserts[number].block)
                cmark_node_set_on_exit(block, "")
                if cmark_node_insert_before(paragraph, block) == 0 {
                    cmark_node_free(block)
                    continue
                }
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
                continue
            }
            for piece in pieces {
                let new: OpaquePointer?
                switch piece {
                case .text(let text):
                    new = cmark_node_new(CMARK_NODE_TEXT)
                    if let new { cmark_node_set_literal(new, text) }
                case .insert(let number):
                    new = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                    if let new {
                        cmark_node_set_on_enter(new, inserts[number].inline)
                        cmark_node_set_on_exit(new, "")
                    }
                }
                if let new, cmark_node_insert_before(node, new) == 0 { cmark_node_free(new) }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private enum PlaceholderPiece {
        case text(String)
        case insert(Int)
    }

    /// `text` cut at its placeholders; a malformed or unknown one stays text.
    private static func placeholderPieces(_ text: String, count: Int) -> [PlaceholderPiece] {
        var pieces: [PlaceholderPiece] = []
        var plain = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == Shortcodes.placeholderStart, let end = scalars.firstIndex(of: Shortcodes.placeholderEnd),
               let number = Int(String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<end]))), number < count {
                if !plain.isEmpty { pieces.append(.text(String(plain))) }
                plain = String.UnicodeScalarView()
                pieces.append(.insert(number))
                scalars = scalars[scalars.index(after: end)...]
            } else {
                plain.append(scalar)
                scalars = scalars.dropFirst()
            }
        }
        if !plain.isEmpty { pieces.append(.text(String(plain))) }
        return pieces
    }

    /// Each text node holding a run becomes its plain parts and, per run, a custom inline that
    /// cmark writes verbatim around an escaped text child (raw HTML would be dropped in safe mode).
    /// Only text nodes are read, so code spans, link destinations and raw HTML are never changed.
    private static func isolateLatinRuns(_ document: OpaquePointer) {
        // Smart punctuation splits "98.5" into three text nodes; the rule needs them whole.
        cmark_consolidate_text_nodes(document)
        var texts: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT {
                texts.append(node)
            }
        }
        for text in texts {
            guard let literal = cmark_node_get_literal(text),
                  LatinNumberRun.mayHoldRun(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))),
                  let segments = LatinNumberRun.segments(of: String(cString: literal)) else { continue }
            for segment in segments {
                switch segment {
                case .text(let plain):
                    guard let node = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                    cmark_node_set_literal(node, plain)
                    if cmark_node_insert_before(text, node) == 0 { cmark_node_free(node) }
                case .run(let run):
                    guard let isolate = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
                    guard let node = cmark_node_new(CMARK_NODE_TEXT) else {
                        cmark_node_free(isolate)
                        continue
                    }
                    cmark_node_set_literal(node, run)
                    cmark_node_append_child(isolate, node)
                    cmark_node_set_on_enter(isolate, "<span dir=\"ltr\">")
                    cmark_node_set_on_exit(isolate, "</span>")
                    if cmark_node_insert_before(text, isolate) == 0 { cmark_node_free(isolate) }
                }
            }
            cmark_node_unlink(text)
            cmark_node_free(text)
        }
    }

    /// cmark's HTML renderer writes `<h2>` with no attributes, so each heading is replaced by a
    /// custom block holding the heading's own rendering with an `id` added. Custom blocks are
    /// written verbatim, and the inline content inside was already rendered under `options`.
    private static func addHeadingIDs(_ document: OpaquePointer, options: Int32) {
        var headings: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
               cmark_node_get_type(node) == CMARK_NODE_HEADING {
                headings.append(node)
            }
        }
        // A numbered id may already be taken by a heading whose own text gives it ("Notes 2").
        var used: Set<String> = []
        var nextNumber: [String: Int] = [:]
        for heading in headings {
            var base = Slug.make(plainText(of: heading))
            if base.isEmpty { base = "section" }
            var id = base
            if used.contains(id) {
                var number = nextNumber[base, default: 2]
                while used.contains("\(base)-\(number)") { number += 1 }
                id = "\(base)-\(number)"
                nextNumber[base] = number + 1
            }
            used.insert(id)
            let level = cmark_node_get_heading_level(heading)
            let rendered = takeString(cmark_render_html(heading, options))
            let plainTag = "<h\(level)>"
            guard rendered.hasPrefix(plainTag), let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let withID = "<h\(level) id=\"\(id)\">" + rendered.dropFirst(plainTag.count)
            cmark_node_set_on_enter(custom, withID)
            cmark_node_set_on_exit(custom, "")
            cmark_node_insert_before(heading, custom)
            cmark_node_unlink(heading)
            cmark_node_free(heading)
        }
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text.trimmed()
    }

    static func truncate(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        if let space = cut.lastIndex(of: " ") { return cut[..<space] + "…" }
        return cut + "…"
    }
}
