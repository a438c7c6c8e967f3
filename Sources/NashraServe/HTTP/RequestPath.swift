import Foundation
import Nashra

/// The path of a request, decoded: percent escapes undone, the bytes read as UTF-8, each segment
/// in NFC (the form Nashra writes folder names in), so that `/tags/%D8%B3%D8%AF/`, the same path
/// in raw UTF-8 and one typed with decomposed letters all name one folder.
///
/// Anything that could name a file outside the served folder is refused here, before the disk is
/// touched: `.` and `..` segments (also as `%2e%2e`), an escaped `/` or `\`, NUL.
struct RequestPath: Sendable, Hashable {
    /// Why a request path was refused; the server answers 400 and logs it.
    enum Rejection: Error, Sendable, Hashable, CustomStringConvertible {
        case notAbsolute
        case badEscape
        case escapedSeparator
        case nul
        case dotSegment
        case notUTF8

        var description: String {
            switch self {
            case .notAbsolute: "the path does not start with /"
            case .badEscape: "a % is not followed by two hex digits"
            case .escapedSeparator: "an escaped / or \\ (%2F, %5C) in a path segment"
            case .nul: "a NUL byte"
            case .dotSegment: "a . or .. segment"
            case .notUTF8: "the decoded path is not UTF-8"
            }
        }
    }

    /// The segments, decoded; empty for `/`. Empty segments (`//`) are dropped.
    var segments: [String]
    /// Whether the path ends with `/` (so `index.html` is meant, not a redirect).
    var hasTrailingSlash: Bool
    /// The query, without `?`, if there was one.
    var query: String?

    init(segments: [String], hasTrailingSlash: Bool, query: String? = nil) {
        self.segments = segments
        self.hasTrailingSlash = hasTrailingSlash
        self.query = query
    }

    /// Reads a request target: origin form (`/a/b?q`) or absolute form (`http://host/a/b`).
    static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        var target = Substring(target)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        var query: String?
        if let mark = target.firstIndex(of: "?") {
            query = String(target[target.index(after: mark)...])
            target = target[..<mark]
        }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            target = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        }
        guard target.hasPrefix("/") else { return .failure(.notAbsolute) }

        var segments: [String] = []
        for raw in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch decode(raw) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let segment):
                if segment == "." || segment == ".." { return .failure(.dotSegment) }
                segments.append(segment)
            }
        }
        return .success(RequestPath(segments: segments, hasTrailingSlash: target.hasSuffix("/"), query: query))
    }

    /// The path percent-encoded again, the way Nashra writes links: for `Location` headers.
    var encoded: String {
        let path = "/" + segments.joined(separator: "/") + (hasTrailingSlash && !segments.isEmpty ? "/" : "")
        return Permalink.percentEncode(path)
    }

    private static func decode(_ raw: Substring) -> Result<String, Rejection> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return .failure(.badEscape)
                }
                let decoded = high << 4 | low
                if decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "\\") { return .failure(.escapedSeparator) }
                bytes.append(decoded)
            } else {
                bytes.append(byte)
            }
        }
        if bytes.contains(0) { return .failure(.nul) }
        // A raw backslash is a plain character on Linux, but never a name Nashra writes; refusing it
        // keeps the rule the same on every system.
        if bytes.contains(UInt8(ascii: "\\")) { return .failure(.escapedSeparator) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.notUTF8) }
        return .success(text.precomposedStringWithCanonicalMapping)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
