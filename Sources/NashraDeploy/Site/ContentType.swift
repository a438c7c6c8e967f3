/// The `Content-Type` an object gets from its file name. Text types carry `charset=utf-8`: Nashra
/// writes UTF-8, and without the parameter some browsers guess a legacy encoding for Arabic text.
public enum ContentType {
    public static func of(_ path: String) -> String {
        let ext = FileRole.fileExtension(of: path)
        if let text = textTypes[ext] { return text + "; charset=utf-8" }
        return binaryTypes[ext] ?? "application/octet-stream"
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
