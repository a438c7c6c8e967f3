import NashraCore

/// The configured shape of bulletin URLs, such as `/:year/:month/:slug/`.
public struct PermalinkPattern: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case year, month, day, slug, section
    }

    let segments: [Segment]

    public static let `default` = PermalinkPattern(segments: [.year, .month, .slug])

    /// Parses a pattern; the message says what is wrong with it.
    public static func parse(_ text: String) -> Result<PermalinkPattern, InvalidValue> {
        var segments: [Segment] = []
        for part in text.split(separator: "/") {
            switch part {
            case ":year": segments.append(.year)
            case ":month": segments.append(.month)
            case ":day": segments.append(.day)
            case ":slug": segments.append(.slug)
            case ":section": segments.append(.section)
            default:
                if part.hasPrefix(":") {
                    return .failure(InvalidValue("unknown permalink token '\(part)'; tokens are :year, :month, :day, :slug, :section"))
                }
                let literal = Slug.make(String(part))
                guard literal == part.lowercased() else {
                    return .failure(InvalidValue("permalink part '\(part)' may hold only letters, digits, '-' and '_'"))
                }
                segments.append(.literal(literal))
            }
        }
        guard segments.contains(.slug) else {
            return .failure(InvalidValue("'permalink' must contain :slug, or bulletins would share one URL"))
        }
        return .success(PermalinkPattern(segments: segments))
    }
}
