/// The `Content-Type` of a file of the site, from its extension: one table for the preview server
/// and for every deploy target, so a file is served and published with the same type. Text types
/// carry `charset=utf-8`: Nashra writes UTF-8, and a browser guessing otherwise shows Arabic as
/// mojibake.
public enum MediaType {
    public static let html = "text/html; charset=utf-8"
    public static let eventStream = "text/event-stream; charset=utf-8"
    public static let fallback = "application/octet-stream"

    /// The type for a path or a file name, by the last extension of its last component,
    /// case-insensitively.
    public static func of(_ path: String) -> String {
        let ext = fileExtension(of: path)
        if let text = textTypes[ext] { return text + "; charset=utf-8" }
        return binaryTypes[ext] ?? fallback
    }

    public static func isHTML(_ type: String) -> Bool { type.hasPrefix("text/html") }

    /// The lowercased extension of the last path component, without the dot ("" if none; a
    /// leading dot starts a hidden name, not an extension).
    public static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static let textTypes: [String: String] = [
        "html": "text/html", "htm": "text/html",
        "css": "text/css",
        "js": "text/javascript", "mjs": "text/javascript",
        "json": "application/json", "map": "application/json",
        "webmanifest": "application/manifest+json",
        "xml": "application/xml", "xsl": "application/xml",
        "rss": "application/rss+xml", "atom": "application/atom+xml",
        "svg": "image/svg+xml",
        "txt": "text/plain", "md": "text/markdown",
        "csv": "text/csv", "ics": "text/calendar", "vtt": "text/vtt",
    ]

    private static let binaryTypes: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/vnd.microsoft.icon", "bmp": "image/bmp",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "eot": "application/vnd.ms-fontobject",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
        "wasm": "application/wasm",
        "mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg",
        "mp3": "audio/mpeg", "ogg": "audio/ogg", "oga": "audio/ogg", "wav": "audio/wav", "m4a": "audio/mp4",
    ]
}
