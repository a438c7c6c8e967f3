/// A BCP 47 language as OpenGraph's `og:locale` wants it: `language_TERRITORY` (`ar_AR`,
/// `en_US`). A tag with a region keeps it (`en-GB` → `en_GB`); a bare language gets the
/// territory Facebook's locale list pairs it with; nil when there is none to say (`und`).
public enum OpenGraphLocale {
    static let territories: [String: String] = [
        "ar": "AR", "en": "US", "fa": "IR", "fr": "FR", "de": "DE", "es": "ES", "tr": "TR", "ku": "TR",
        "he": "IL", "ur": "PK", "ru": "RU", "it": "IT", "pt": "BR", "nl": "NL", "zh": "CN", "ja": "JP",
    ]

    public static func of(_ language: String) -> String? {
        let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, first.count >= 2, first.count <= 3, first.lowercased() != "und" else { return nil }
        let base = first.lowercased()
        if let region = parts.dropFirst().first(where: { $0.count == 2 && $0.allSatisfy(\.isLetter) }) {
            return base + "_" + region.uppercased()
        }
        return territories[base].map { base + "_" + $0 }
    }
}
