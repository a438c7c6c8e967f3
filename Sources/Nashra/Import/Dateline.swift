/// The city and agency at the head of wire copy: `دمشق-سانا`, `حلب - سانا`, `بيروت (رويترز) -`,
/// `القاهرة، أ ش أ:`, `Damascus, SANA-`, `BEIRUT, Nov 27 (Reuters) -`.
public struct Dateline: Sendable, Hashable {
    public var location: String
    public var agency: String?

    public init(location: String, agency: String?) {
        self.location = location
        self.agency = agency
    }

    /// The most words a city (`دير الزور`, `New York`) or an agency (`أ ش أ`) is given; anything
    /// longer before a separator is a sentence of the story, not a dateline.
    static let maximumCityWords = 3
    static let maximumAgencyWords = 4

    /// Reads a dateline at the start of `text` (the first line of the story). Returns it with the
    /// text after it (the rest of that line and the lines below), or nil when the line does not
    /// start with one.
    ///
    /// The forms, tried in order:
    /// - `CITY[, a date] (AGENCY) -|:` (or the line's end) — the parentheses make it clear;
    /// - `CITY - AGENCY [-:]` and `CITY, AGENCY -|:`, with any spacing around the separator. The
    ///   agency ends at a final dash or colon, or (hyphen form) at the end of the line. Without either, the
    ///   hyphen form is still a dateline when the story goes on on the same line
    ///   (`حلب - سانا أعلنت …`), but then the agency is one word and the city at most two, so
    ///   a sentence such as `قال الوزير - في تصريح …` is less likely to be taken for one. The
    ///   comma form always needs the dash or colon (`Damascus, the capital, …` is prose).
    public static func parse(_ text: Substring) -> (dateline: Dateline, rest: Substring)? {
        let lineEnd = text.firstIndex(of: "\n") ?? text.endIndex
        let line = text[..<lineEnd]
        if let found = parseParenthesized(line, text: text) { return found }
        // Each separator in turn: `Al-Hasakah, SANA-` must not stop at the hyphen inside the city.
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if isDash(character) || isComma(character) {
                if let found = parseSeparated(line, at: index, text: text) { return found }
            } else if character == ":" || character == "(" {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    private static func parseParenthesized(_ line: Substring, text: Substring) -> (dateline: Dateline, rest: Substring)? {
        guard let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")") else { return nil }
        var head = line[..<open]
        // `BEIRUT, Nov 27 (Reuters)`: what follows the comma is the date, which the bulletin's
        // `date:` already says.
        if let comma = head.firstIndex(where: isComma) { head = head[..<comma] }
        guard let city = words(head, maximum: maximumCityWords),
              let agency = words(line[line.index(after: open)..<close], maximum: maximumAgencyWords) else { return nil }
        // A dash or colon after the parentheses, or the end of the line: `مهرجان (للموسيقى) في بيروت`
        // is a headline.
        var rest = skipSpaces(text[line.index(after: close)...])
        if let first = rest.first, isDash(first) || first == ":" {
            rest = rest.dropFirst()
        } else if !(rest.first == nil || rest.first == "\n" || rest.first == "\r\n") {
            return nil
        }
        return (Dateline(location: city, agency: agency), skipSpaces(rest))
    }

    private static func parseSeparated(_ line: Substring, at separator: Substring.Index, text: Substring) -> (dateline: Dateline, rest: Substring)? {
        guard let city = words(line[..<separator], maximum: maximumCityWords) else { return nil }
        let afterSeparator = skipSpaces(line[line.index(after: separator)...])
        // The agency up to a closing dash or colon, or to the end of the line.
        if let terminator = afterSeparator.firstIndex(where: { isDash($0) || $0 == ":" }) {
            if let agency = words(afterSeparator[..<terminator], maximum: maximumAgencyWords), looksLikeAgency(agency) {
                let rest = text[afterSeparator.index(after: terminator)...]
                return (Dateline(location: city, agency: agency), skipSpaces(rest))
            }
        } else if isDash(line[separator]), let agency = words(afterSeparator, maximum: maximumAgencyWords - 1), looksLikeAgency(agency) {
            return (Dateline(location: city, agency: agency), skipSpaces(text[line.endIndex...]))
        }
        // `حلب - سانا أعلنت …`: only the hyphen form, a one-word agency and a short city.
        guard isDash(line[separator]), city.split(separator: " ").count <= 2 else { return nil }
        let wordEnd = afterSeparator.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? afterSeparator.endIndex
        guard wordEnd < afterSeparator.endIndex, let agency = words(afterSeparator[..<wordEnd], maximum: 1), looksLikeAgency(agency) else { return nil }
        return (Dateline(location: city, agency: agency), skipSpaces(text[wordEnd...]))
    }

    /// `text` as one to `maximum` words of letters (with marks, and an inner `-`, `'` or `.`, as in
    /// `Al-Hasakah` or `A.F.P.`), spaces collapsed; nil if it is anything else.
    static func words(_ text: Substring, maximum: Int) -> String? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
        guard !parts.isEmpty, parts.count <= maximum else { return nil }
        for part in parts {
            guard part.first?.isLetter == true,
                  part.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark } })
            else { return nil }
        }
        return parts.joined(separator: " ")
    }

    /// Latin agency names are capitalized (`SANA`, `Reuters`, `AFP`): `Oil, gas prices rise - report`
    /// is a headline. Arabic has no capitals, so Arabic names pass.
    static func looksLikeAgency(_ name: String) -> Bool {
        name.split(separator: " ").allSatisfy { word in
            guard let first = word.first, first.isASCII else { return true }
            return first.isUppercase
        }
    }

    static func isDash(_ character: Character) -> Bool {
        character == "-" || character == "–" || character == "—" || character == "‐" || character == "‑"
    }

    static func isComma(_ character: Character) -> Bool { character == "," || character == "،" }

    private static func skipSpaces(_ text: Substring) -> Substring {
        text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
    }
}
