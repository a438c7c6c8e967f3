import Foundation

/// Tells an agency's footer lines (follow us on a messaging app, a bare link, a number to text)
/// from the story: built-in patterns for common phrasings in Arabic and English, plus the site's
/// own (`import.boilerplate` in nashra.yaml).
///
/// Only the end of a story is looked at (`footerStart`): a line that matches in the middle of the
/// story is the story's. A line that only half-matches (an invitation with no channel, a phone
/// number with no word about texting it) is `uncertain`, and the footer stops there: the importer
/// keeps it and warns, since dropping a sentence of the story is worse than keeping a footer line.
public struct BoilerplateFilter {
    public enum Verdict: Sendable, Equatable {
        case story, footer, uncertain
    }

    private let sitePatterns: [NSRegularExpression]

    /// `patterns` come from `import.boilerplate`, already checked when nashra.yaml was read.
    public init(patterns: [String] = []) {
        sitePatterns = patterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }

    // Built-in patterns. An invitation opens the line with a verb or phrase readers are asked to
    // act on; a channel names where. Either alone is not enough to drop a line.
    private static let invitation = expression(#"^[\p{P}\p{S}\s]*(تابعونا|تابعوا|تابع|اشتركوا|اشترك|للاشتراك|انضموا|انضم|للانضمام|للمتابعة|لمتابعة|يمكنكم متابعة|تابعوا أخبار|follow us|follow|subscribe|join us|join our|join|for more news)"#)
    private static let channel = expression(#"(تلغرام|تيلغرام|تليغرام|تيليغرام|تلجرام|تليجرام|تيليجرام|واتساب|واتس اب|واتس آب|وتساب|فيسبوك|فيس بوك|تويتر|منصة إكس|منصة اكس|انستغرام|إنستغرام|انستجرام|إنستجرام|يوتيوب|تيك توك|قناتنا|قناة الوكالة|صفحتنا|حسابنا|telegram|whatsapp|facebook|twitter|instagram|youtube|tiktok|our channel|our page|https?://|www\.|t\.me/)"#)
    /// A line that is only a link, or a short label and a link (`قناة الوكالة: https://…`).
    private static let bareLink = expression(#"^\s*([^\s:：]{1,30}(\s+[^\s:：]{1,30}){0,3}\s*[:：]\s*)?(https?://|www\.|t\.me/|wa\.me/)\S+\s*$"#)
    /// Eight or more digits (Latin or Arabic-Indic) in a run of digits, spaces, dashes and a `+`.
    private static let phone = expression(#"\+?[\d٠-٩۰-۹][\d٠-٩۰-۹\s\-‐]{6,}[\d٠-٩۰-۹]"#)
    private static let texting = expression(#"(أرسل|ارسل|أرسلوا|ارسلوا|راسلونا|راسلوا|رسالة|رسائل|الرسائل|واتساب|واتس|sms|text|send|message|whatsapp)"#)
    /// `انتهى`, `(انتهى)`, `ـ(انتهى)ـ`, `END`: the agency's end-of-story mark.
    private static let endMark = expression(#"^[\s\p{P}ـ]*(انتهى|انتهي|ENDS?)[\s\p{P}ـ]*$"#)

    private static func expression(_ pattern: String) -> NSRegularExpression {
        // The built-in patterns are constants: a failure here is a bug in this file.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    private static func matches(_ expression: NSRegularExpression, _ line: String) -> Bool {
        expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }

    /// What one line (trimmed) is.
    public func verdict(_ line: String) -> Verdict {
        let line = line.trimmed()
        if line.isEmpty { return .footer }
        for pattern in sitePatterns where Self.matches(pattern, line) { return .footer }
        // A rule of dashes, stars or tatweel between story and footer says nothing.
        // (Tatweel is a letter to Unicode, but a line of it is a rule.)
        if !line.contains(where: { ($0.isLetter && $0 != "ـ") || $0.isNumber }) { return .footer }
        if Self.matches(Self.endMark, line) || Self.matches(Self.bareLink, line) { return .footer }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        let invites = Self.matches(Self.invitation, line)
        let names = Self.matches(Self.channel, line)
        let hasPhone = Self.matches(Self.phone, line)
        // Footers are short; a long line that mentions a channel is the story talking about one.
        if words <= 25 {
            if invites && (names || hasPhone) { return .footer }
            if hasPhone && Self.matches(Self.texting, line) { return .footer }
        }
        if invites || hasPhone || (names && words <= 12) { return .uncertain }
        return .story
    }

    /// Where the footer starts in `paragraphs` (each a list of lines): the trailing paragraphs
    /// whose every line is footer, from `start` on, and then the last `lines` lines of the
    /// paragraph before them (`انتهى` or a link written right under the last sentence). Only the
    /// end is looked at. `uncertain` holds the paragraph where the footer stopped if it holds a
    /// line that looks like footer but not surely so: it is kept, and the caller warns.
    public func footerStart(_ paragraphs: [[String]]) -> (start: Int, lines: Int, uncertain: [Int]) {
        var start = paragraphs.count
        // The first paragraph is the story's even if it looks like a footer: copy that is only a
        // footer is a mistake the desk should see, not an empty bulletin.
        while start > 1 {
            let verdicts = paragraphs[start - 1].map(verdict)
            guard verdicts.allSatisfy({ $0 == .footer }) else {
                let lines = verdicts.reversed().prefix(while: { $0 == .footer }).count
                let kept = verdicts.dropLast(lines)
                return (start, lines, kept.contains(.uncertain) ? [start - 1] : [])
            }
            start -= 1
        }
        return (start, 0, [])
    }
}
