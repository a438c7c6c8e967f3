/// A glob over site paths, for cache rules: `*` and `?` stay within one folder name, `**` crosses
/// folders, `{a,b}` offers alternatives. A pattern without `/` matches the file name alone, as in
/// `.gitignore`, so `*.html` means every page wherever it is.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    private let alternatives: [[Character]]
    private let matchesName: Bool

    public init(_ text: String) {
        description = text
        var body = text
        if body.hasPrefix("/") { body.removeFirst() }
        matchesName = !body.contains("/")
        alternatives = PathPattern.expandBraces(body).map(Array.init)
    }

    public func matches(_ path: String) -> Bool {
        let subject = matchesName ? String(path.split(separator: "/").last ?? "") : path
        let characters = Array(subject)
        return alternatives.contains { PathPattern.match($0, 0, characters, 0) }
    }

    /// `a{b,c}d{e,f}` → `abde abdf acde acdf`; an unclosed brace is taken literally.
    static func expandBraces(_ text: String) -> [String] {
        guard let open = text.firstIndex(of: "{"),
              let close = text[open...].firstIndex(of: "}") else { return [text] }
        let head = text[..<open]
        let tail = text[text.index(after: close)...]
        let choices = text[text.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        return choices.flatMap { choice in expandBraces(String(tail)).map { head + choice + $0 } }
    }

    private static func match(_ pattern: [Character], _ i: Int, _ subject: [Character], _ j: Int) -> Bool {
        if i == pattern.count { return j == subject.count }
        switch pattern[i] {
        case "*" where i + 1 < pattern.count && pattern[i + 1] == "*":
            // `**/` may stand for no folder at all, so `**/x` matches `x` as well as `a/b/x`.
            var next = i + 2
            let slash = next < pattern.count && pattern[next] == "/"
            if slash { next += 1 }
            for end in j...subject.count where !slash || end == j || subject[end - 1] == "/" {
                if match(pattern, next, subject, end) { return true }
            }
            return false
        case "*":
            var end = j
            while true {
                if match(pattern, i + 1, subject, end) { return true }
                if end == subject.count || subject[end] == "/" { return false }
                end += 1
            }
        case "?":
            return j < subject.count && subject[j] != "/" && match(pattern, i + 1, subject, j + 1)
        default:
            return j < subject.count && subject[j] == pattern[i] && match(pattern, i + 1, subject, j + 1)
        }
    }
}
