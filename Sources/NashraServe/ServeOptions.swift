import Foundation

/// What `nashra serve` was asked for.
public struct ServeOptions: Sendable {
    /// The site folder: nashra.yaml, content/, templates/, themes/, static/.
    public var siteFolder: URL
    /// Where the preview builds to: a folder of its own, never the site's `site/`, so that a
    /// preview with drafts in it cannot be deployed by mistake.
    public var outputFolder: URL
    public var host: String
    /// 0 asks the system for a free port; the chosen one is passed to `onListening`.
    public var port: Int
    /// Drafts and bulletins dated in the future are shown unless `--no-drafts`.
    public var includeUnpublished: Bool
    /// How error paths are printed: the site folder as the user named it.
    public var displayPrefix: String
    /// How long the files must stay still after a change before the rebuild starts.
    public var quietWindow: Duration

    /// How long a connection may stay silent before the server closes it: idle between requests,
    /// or stuck part-way through a request's head (Hummingbird counts from the last whole part
    /// it read), so that idle or half-sent connections cannot pile up and starve real requests.
    /// Open live-reload streams are answers in progress and are not cut. Short in tests.
    var idleTimeout: Duration = .seconds(30)

    /// The entries of the site folder whose changes trigger a rebuild.
    public static let watchedEntries: Set<String> = ["content", "templates", "themes", "static", "nashra.yaml"]

    public init(siteFolder: URL, outputFolder: URL? = nil, host: String = "127.0.0.1", port: Int = 8080,
                includeUnpublished: Bool = true, displayPrefix: String = "", quietWindow: Duration = .milliseconds(50)) {
        self.siteFolder = siteFolder.standardizedFileURL
        self.outputFolder = outputFolder ?? self.siteFolder.appendingPathComponent(".nashra/serve")
        self.host = host
        self.port = port
        self.includeUnpublished = includeUnpublished
        self.displayPrefix = displayPrefix
        self.quietWindow = quietWindow
    }
}
