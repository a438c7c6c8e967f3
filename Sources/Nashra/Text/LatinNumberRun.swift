/// A number kept together with the Latin word beside it ("120 MW", "35 km", "iPhone 15") in
/// right-to-left text.
///
/// In an Arabic paragraph the bidi algorithm leaves European digits weak: the space between "120"
/// and "MW" takes the paragraph's direction, so the pair is shown as "MW 120", and a phone may
/// break "iPhone" from its "15". A run of such tokens is shown left to right inside an isolate,
/// with no-break spaces between its tokens. Purely Arabic text and numbers beside Arabic words
/// are left alone: they already read right.
enum LatinNumberRun {
    /// Text split into what stays as it is and the runs to isolate (their spaces already no-break).
    enum Segment: Equatable, Sendable {
        case text(String)
        case run(String)
    }

    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// The segments of `text`, or nil when it has no run (most text: checked on bytes first).
    static func segments(of text: String) -> [Segment]? {
        guard mayHoldRun(text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        let chunks = Self.chunks(of: scalars)
        var runs: [Range<Int>] = []
        var index = 0
        while index < chunks.count {
            var last = index
            while last + 1 < chunks.count, joins(chunks[last], chunks[last + 1], in: scalars) { last += 1 }
            if last > index { runs.append(chunks[index].core.lowerBound..<chunks[last].core.upperBound) }
            index = last + 1
        }
        guard !runs.isEmpty else { return nil }
        var segments: [Segment] = []
        var position = 0
        for run in runs {
            if position < run.lowerBound { segments.append(.text(string(scalars[position..<run.lowerBound]))) }
            var view = String.UnicodeScalarView()
            for scalar in scalars[run] { view.append(scalar == " " ? noBreakSpace : scalar) }
            segments.append(.run(String(view)))
            position = run.upperBound
        }
        if position < scalars.count { segments.append(.text(string(scalars[position...]))) }
        return segments
    }

    /// The same for plain text that templates escape and may put anywhere, attributes included,
    /// where markup cannot go: each run between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE.
    static func isolated(_ text: String) -> String {
        guard let segments = segments(of: text) else { return text }
        return segments.map { segment in
            switch segment {
            case .text(let plain): plain
            case .run(let run): "\u{2066}" + run + "\u{2069}"
            }
        }.joined()
    }

    // MARK: - Tokens

    /// A word or number between spaces, with what surrounds its core: "(120" has a core "120".
    struct Chunk {
        var whole: Range<Int>
        var core: Range<Int>
        var kind: Kind
    }

    enum Kind { case number, word, other }

    /// Only a digit and a Latin letter in one word, or in two words side by side, can make a run:
    /// checked on bytes, so that a long paragraph with a figure in one sentence and an English name
    /// in another is not taken apart scalar by scalar. Words are split on ASCII spaces only, which
    /// can only join words, never miss a pair the full reading would find.
    private static func mayHoldRun(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayHoldRun)
    }

    /// `mayHoldRun` on the UTF-8 of a text, as cmark holds it: most text nodes have no run, and
    /// are then never made into a `String`.
    static func mayHoldRun(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var digit = false, letter = false, inWord = false
        var previousDigit = false, previousLetter = false
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { inWord = true }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                // An Arabic word between a figure and a Latin word keeps them apart; a second
                // space does not.
                if inWord { (previousDigit, previousLetter) = (digit, letter) }
                (digit, letter, inWord) = (false, false, false)
            case 0x30...0x39: digit = true
            case 0x41...0x5A, 0x61...0x7A: letter = true
            // ٠–٩ (D9 A0–A9) and ۰–۹ (DB B0–B9).
            case 0xA0...0xA9 where previous == 0xD9, 0xB0...0xB9 where previous == 0xDB: digit = true
            default: break
            }
            if (digit && letter) || (digit && previousLetter) || (letter && previousDigit) { return true }
            previous = byte
        }
        return false
    }

    private static func chunks(of scalars: [Unicode.Scalar]) -> [Chunk] {
        var chunks: [Chunk] = []
        var index = 0
        while index < scalars.count {
            while index < scalars.count, isSpace(scalars[index]) { index += 1 }
            let start = index
            while index < scalars.count, !isSpace(scalars[index]) { index += 1 }
            if start < index { chunks.append(chunk(start..<index, in: scalars)) }
        }
        return chunks
    }

    private static func chunk(_ whole: Range<Int>, in scalars: [Unicode.Scalar]) -> Chunk {
        var lower = whole.lowerBound
        var upper = whole.upperBound
        while lower < upper, isLeadingPunctuation(scalars[lower]) { lower += 1 }
        while upper > lower, isTrailingPunctuation(scalars[upper - 1]) { upper -= 1 }
        if isWord(scalars[lower..<upper]) { return Chunk(whole: whole, core: lower..<upper, kind: .word) }
        // An Arabic prefix written onto a number: بـ120, و35.
        var digits = lower
        while digits < upper, isArabicLetter(scalars[digits]) { digits += 1 }
        if isNumber(scalars[digits..<upper]) { return Chunk(whole: whole, core: digits..<upper, kind: .number) }
        return Chunk(whole: whole, core: lower..<upper, kind: .other)
    }

    /// Two chunks join when one is a number and the other a word or number, one plain space or
    /// no-break space apart, with nothing between them (a comma or bracket ends the run).
    private static func joins(_ left: Chunk, _ right: Chunk, in scalars: [Unicode.Scalar]) -> Bool {
        guard left.kind != .other, right.kind != .other, left.kind == .number || right.kind == .number else { return false }
        guard left.core.upperBound == left.whole.upperBound, right.core.lowerBound == right.whole.lowerBound,
              right.whole.lowerBound == left.whole.upperBound + 1 else { return false }
        let between = scalars[left.whole.upperBound]
        return between == " " || between == noBreakSpace
    }

    /// 120, 1,200, 98.5%, ١٢٠, ٩٨٫٥٪.
    private static func isNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = scalars
        if let last = body.last, last == "%" || last == "\u{066A}" { body = body.dropLast() }
        guard let first = body.first, let last = body.last, isDigit(first), isDigit(last) else { return false }
        var previousWasSeparator = false
        for scalar in body {
            if isDigit(scalar) {
                previousWasSeparator = false
            } else if [".", ",", "\u{066B}", "\u{066C}"].contains(scalar), !previousWasSeparator {
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return true
    }

    /// MW, km, iPhone, kWh, km/h, m², °C, 5G: Latin letters and digits, starting with a letter
    /// (or a digit that a letter follows), joined by / - . and ending in an optional ² or ³.
    private static func isWord(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = scalars
        if body.first == "°" { body = body.dropFirst() }
        if let last = body.last, last == "²" || last == "³" { body = body.dropLast() }
        guard let first = body.first, let last = body.last, isLatinAlphanumeric(first), isLatinAlphanumeric(last),
              body.contains(where: isLatinLetter) else { return false }
        var previousWasJoiner = false
        for scalar in body {
            if isLatinAlphanumeric(scalar) {
                previousWasJoiner = false
            } else if ["/", "-", "."].contains(scalar), !previousWasJoiner {
                previousWasJoiner = true
            } else {
                return false
            }
        }
        return true
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == noBreakSpace || scalar.properties.isWhitespace
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x0660...0x0669, 0x06F0...0x06F9: true
        default: false
        }
    }

    private static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
    }

    private static func isLatinAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isLatinLetter(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39)
    }

    private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x0620...0x064A).contains(scalar.value) || (0x0671...0x06D3).contains(scalar.value)
    }

    /// What may stand before a core without belonging to it: brackets, quotes, dashes.
    private static func isLeadingPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        !isLatinAlphanumeric(scalar) && !isDigit(scalar) && !isArabicLetter(scalar) && scalar != "°"
            && scalar.properties.generalCategory != .nonspacingMark && scalar != "\u{0640}"
    }

    private static func isTrailingPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        !isLatinAlphanumeric(scalar) && !isDigit(scalar) && !["%", "\u{066A}", "²", "³"].contains(scalar)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
