import Foundation

/// The one rule for URLs that front matter and `nashra.yaml` put into pages, feeds, JSON-LD and
/// sitemaps: web addresses, mail links where a link is meant, and paths within the site. Nothing a
/// browser would run (`javascript:`, `vbscript:`) or take inline (`data:`).
///
/// Markdown links already lose such schemes in libcmark; these URLs never pass through it, and a
/// refused one is a build error at its position rather than a silent drop, so the newsroom sees it.
enum URLPolicy {
    /// Where the URL ends up, which decides the schemes it may have.
    enum Use: Sendable {
        /// `<a href>`: http, https, mailto, or a path or fragment within the site.
        case link
        /// `<img src>`, `og:image`, JSON-LD `image` and `logo`: http, https, or a path within the site.
        case image
        /// `baseURL`: an absolute http or https URL with a host.
        case siteAddress

        var schemes: Set<String> {
            switch self {
            case .link: ["http", "https", "mailto"]
            case .image, .siteAddress: ["http", "https"]
            }
        }
    }

    /// Why a URL was refused; the message says what to write instead.
    struct Refusal: Error, Equatable {
        var message: String
    }

    /// The URL as it will be written (without surrounding spaces), or why it may not be. Messages
    /// follow the key's name: `'image' is a javascript: URL, …`.
    static func check(_ text: String, as use: Use) -> Result<String, Refusal> {
        let trimmed = text.trimmed()
        // Decide on what a browser reads: it drops leading and trailing controls and spaces and
        // every tab and line break, so `\tjava\nscript:` is `javascript:` to it.
        let seen = String(String.UnicodeScalarView(trimmed.unicodeScalars.filter { !isTabOrLineBreak($0) }))
            .trimmingBrowserControls()
        let scheme = self.scheme(of: seen)?.lowercased()
        if let scheme, scheme == "javascript" || scheme == "vbscript" {
            return refuse("is a \(scheme): URL, which runs code in the reader's browser; give an https:// address or a path within the site")
        }
        if scheme == "data" {
            return refuse("is a data: URL, which is not published; put the file under static/ and give its path")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return refuse("holds a tab, line break or control character; remove it")
        }
        if use == .siteAddress {
            guard let scheme, use.schemes.contains(scheme), let host = URLComponents(string: trimmed)?.host, !host.isEmpty else {
                return refuse("must be an absolute http(s) URL such as https://news.example/")
            }
            return .success(trimmed)
        }
        if let scheme {
            guard use.schemes.contains(scheme) else {
                let allowed = use.schemes.sorted().map { $0 + ":" }.joined(separator: ", ")
                return refuse("is a \(scheme): URL; use \(allowed) or a path within the site")
            }
            return .success(trimmed)
        }
        // `//host/x` (and `\\host`, which browsers read the same) takes the page's scheme: it is not
        // a path within the site, and the absolute URL made from it for feeds would be wrong.
        let start = seen.unicodeScalars.prefix(2)
        if start.count == 2, start.allSatisfy({ $0 == "/" || $0 == "\\" }) {
            return refuse("has no scheme; write https://\(seen.drop { $0 == "/" || $0 == "\\" }) for an address on another host")
        }
        return .success(trimmed)
    }

    private static func refuse(_ message: String) -> Result<String, Refusal> { .failure(Refusal(message: message)) }

    /// The scheme as RFC 3986 and browsers read it: a letter, then letters, digits, `+`, `-` or
    /// `.`, up to the first `:`. `images/a:b.jpg` has none (a `/` comes first).
    static func scheme(of url: String) -> String? {
        var scheme = String.UnicodeScalarView()
        for scalar in url.unicodeScalars {
            if scalar == ":" { return scheme.isEmpty ? nil : String(scheme) }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isOther = ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.append(scalar)
        }
        return nil
    }

    private static func isTabOrLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

private extension String {
    /// Without the leading and trailing C0 controls and spaces a browser strips from a URL.
    func trimmingBrowserControls() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
              let last = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(scalars[first...last])
    }
}
