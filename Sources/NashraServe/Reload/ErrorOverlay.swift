import Nashra
import NashraCore

/// What a page shows over itself while the last build failed: every error as
/// `path:line:column: message`, HTML-escaped. The page under it is the last good build, so the
/// editor keeps their place; the next good save removes the overlay with the reload.
enum ErrorOverlay {
    static func html(for problems: [Diagnostic]) -> String {
        let count = problems.count
        let items = problems.map { "<li>\(escape($0.description))</li>" }.joined(separator: "\n")
        return """
        <div id="nashra-build-errors" role="alert" lang="en" dir="ltr" style="position:fixed;inset:0;z-index:2147483647;\
        overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f4;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;\
        padding:2rem;text-align:left">
        <button type="button" onclick="this.parentNode.remove()" aria-label="Hide" style="float:right;font:inherit;\
        background:none;color:inherit;border:1px solid #888;border-radius:4px;cursor:pointer">×</button>
        <h2 style="margin:0 0 1rem;font-size:18px;color:#ff8a80">The build failed with \(count) error\(count == 1 ? "" : "s")</h2>
        <p style="margin:0 0 1rem;color:#bbb">The page below is the last good build. Save a fix and it reloads.</p>
        <ol style="margin:0;padding-left:1.5rem;white-space:pre-wrap;unicode-bidi:plaintext">
        \(items)
        </ol>
        </div>
        """
    }

    /// The build's own HTML escaping, so the overlay escapes exactly as pages do.
    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
