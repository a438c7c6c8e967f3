
/// An HTML page as the preview serves it: the built page with the live-reload script and, while
/// the last build failed, the error overlay, both put before `</body>`. Only the response gets
/// them; the file in the output folder stays as the build wrote it.
enum PreviewPage {
    static func decorate(_ html: [UInt8], state: BuildState) -> [UInt8] {
        var fragment = ""
        if state.failed { fragment += ErrorOverlay.html(for: state.problems) + "\n" }
        fragment += LiveReloadScript.tag(generation: state.generation) + "\n"
        var page = html
        page.insert(contentsOf: Array(fragment.utf8), at: insertionPoint(in: html))
        return page
    }

    /// A page of the preview's own, for when the site has none to show: no `404.html` in it, or
    /// no successful build yet.
    static func standalone(title: String, state: BuildState) -> [UInt8] {
        let html = """
        <!DOCTYPE html>
        <html lang="en" dir="ltr">
        <head><meta charset="utf-8"><title>\(ErrorOverlay.escape(title))</title></head>
        <body><h1>\(ErrorOverlay.escape(title))</h1>
        </body>
        </html>

        """
        return decorate(Array(html.utf8), state: state)
    }

    /// Before the last `</body>` (any case); at the end when there is none.
    static func insertionPoint(in html: [UInt8]) -> Int {
        let closing = Array("</body".utf8)
        guard html.count >= closing.count else { return html.count }
        var index = html.count - closing.count
        while index >= 0 {
            var matches = true
            for offset in 0..<closing.count where lowercased(html[index + offset]) != closing[offset] {
                matches = false
                break
            }
            if matches { return index }
            index -= 1
        }
        return html.count
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
