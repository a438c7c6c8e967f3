/// The CLDR plural category of a count, which decides the form of the noun after a number:
/// Arabic has six (خبر واحد، خبران، ٣ أخبار، ١١ خبراً، ١٠٠ خبر…), English two.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// CLDR's integer rules for the language's primary subtag (Arabic, Hebrew, Persian and Urdu
    /// get theirs; other languages the English one/other).
    public init(count: Int, language: String) {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        let n = abs(count)
        switch primary {
        case "ar":
            switch (n, n % 100) {
            case (0, _): self = .zero
            case (1, _): self = .one
            case (2, _): self = .two
            case (_, 3...10): self = .few
            case (_, 11...99): self = .many
            default: self = .other
            }
        case "he":
            self = n == 1 ? .one : n == 2 ? .two : .other
        case "fa":
            self = n <= 1 ? .one : .other
        default:
            self = n == 1 ? .one : .other
        }
    }
}
