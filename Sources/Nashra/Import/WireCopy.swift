import Foundation
import NashraCore

/// A story as an agency files it in plain text: maybe a headline, a dateline (city and agency),
/// paragraphs separated by blank lines, and maybe a footer of the agency's channels.
public struct WireCopy: Sendable {
    public var headline: String?
    public var dateline: Dateline?
    /// The story's paragraphs, each exactly as filed (NFC, trimmed), typographic quotes and
    /// digits untouched; lines a paragraph was wrapped into keep their line breaks.
    public var paragraphs: [String]
    /// The footer lines that were left out, for the importer to report.
    public var droppedLines: [String]
    public var warnings: [Diagnostic]

    /// A first line longer than this is the story's first sentence, not a headline.
    static let maximumHeadlineWords = 20
    static let maximumHeadlineCharacters = 200
    /// The most words a provisional title (taken from the first sentence) keeps.
    public static let maximumProvisionalWords = 14

    private struct Block {
        var line: Int
        var lines: [String]
        var text: String { lines.joined(separator: "\n").trimmed() }
    }

    /// Reads `text` (the file's, decoded); `path` names the file in warnings.
    public static func parse(_ text: String, path: String, filter: BoilerplateFilter) -> WireCopy {
        var copy = WireCopy(headline: nil, dateline: nil, paragraphs: [], droppedLines: [], warnings: [])
        var blocks = Self.blocks(text.nfc)
        guard !blocks.isEmpty else { return copy }

        // A headline is a first line that is short, does not end a sentence, is not itself a
        // dateline, and is followed by the dateline or by a blank line and the body. A first line
        // followed directly by another line of prose is a wrapped paragraph.
        let first = blocks[0]
        let candidate = first.lines[0].trimmed()
        let next: String? = first.lines.count > 1 ? first.lines[1].trimmed() : (blocks.count > 1 ? blocks[1].lines[0].trimmed() : nil)
        if let next, isHeadline(candidate),
           first.lines.count == 1 || Dateline.parse(Substring(next)) != nil {
            copy.headline = candidate
            if first.lines.count == 1 {
                blocks.removeFirst()
            } else {
                blocks[0] = Block(line: first.line + 1, lines: Array(first.lines.dropFirst()))
            }
        }

        if let opening = blocks.first {
            let start = opening.text
            if let (dateline, rest) = Dateline.parse(Substring(start)) {
                copy.dateline = dateline
                let remaining = String(rest).trimmed()
                if remaining.isEmpty {
                    blocks.removeFirst()
                } else {
                    let consumed = start.utf8.count - rest.utf8.count
                    let restLines = remaining.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    // The paragraph starts on the dateline's line, or on the next one if the dateline filled it.
                    let lineOffset = start.utf8.prefix(consumed).filter { $0 == UInt8(ascii: "\n") }.count
                    blocks[0] = Block(line: opening.line + lineOffset, lines: restLines)
                }
            } else {
                copy.warnings.append(Diagnostic("no dateline (such as دمشق-سانا or Damascus, SANA-) at the start of the story; location and agency are left empty: give --location and --agency",
                                                at: SourceLocation(path: path, line: opening.line), severity: .warning))
            }
        }

        let (footer, footerLines, uncertain) = filter.footerStart(blocks.map { $0.lines.map { $0.trimmed() } })
        if footerLines > 0 {
            copy.droppedLines = blocks[footer - 1].lines.suffix(footerLines).map { $0.trimmed() }
            blocks[footer - 1].lines.removeLast(footerLines)
        }
        for index in uncertain {
            copy.warnings.append(Diagnostic("kept a paragraph that looks like an agency footer but may be the story's; if it is a footer, add a pattern for it to import.boilerplate in nashra.yaml",
                                            at: SourceLocation(path: path, line: blocks[index].line), severity: .warning))
        }
        copy.paragraphs = blocks[..<footer].map(\.text).filter { !$0.isEmpty }
        copy.droppedLines += blocks[footer...].flatMap { $0.lines.map { $0.trimmed() } }.filter { !$0.isEmpty }
        return copy
    }

    static func isHeadline(_ line: String) -> Bool {
        guard !line.isEmpty, line.count <= maximumHeadlineCharacters,
              line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count <= maximumHeadlineWords,
              let last = line.last, !".۔…:،,؛;".contains(last),
              Dateline.parse(Substring(line)) == nil else { return false }
        return true
    }

    /// The story's first sentence, cut at a word boundary to at most `maximumProvisionalWords`
    /// words, for a bulletin filed without a headline (it is imported as a draft).
    public static func provisionalHeadline(from paragraph: String) -> String {
        var sentence = Substring(paragraph)
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let character = paragraph[index]
            let after = paragraph.index(after: index)
            // `3.5` and `U.S.` do not end a sentence: a stop ends one only before a space or the
            // end, and not after a lone capital (an initial).
            if ".!?؟۔".contains(character), after == paragraph.endIndex || paragraph[after].isWhitespace,
               !(character == "." && isInitial(before: index, in: paragraph)) {
                sentence = paragraph[..<index]
                break
            }
            index = after
        }
        let words = sentence.split(whereSeparator: { $0.isWhitespace }).prefix(maximumProvisionalWords)
        var title = words.joined(separator: " ")
        while let last = title.last, "،,؛;:-–—".contains(last) || last == " " { title.removeLast() }
        return title
    }

    private static func isInitial(before index: String.Index, in text: String) -> Bool {
        guard index > text.startIndex else { return false }
        let letter = text.index(before: index)
        guard text[letter].isUppercase, text[letter].isASCII else { return false }
        guard letter > text.startIndex else { return true }
        let previous = text[text.index(before: letter)]
        return previous == "." || previous.isWhitespace
    }

    /// Lines grouped into blocks at blank lines, with the number of each block's first line.
    private static func blocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var number = 0
        // `\r\n` is one Character in Swift, so split on Characters, not bytes.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            if line.allSatisfy({ $0.isWhitespace }) {
                if let block = current { blocks.append(block) }
                current = nil
            } else if current == nil {
                current = Block(line: number, lines: [String(line)])
            } else {
                current!.lines.append(String(line))
            }
        }
        if let block = current { blocks.append(block) }
        return blocks
    }
}
