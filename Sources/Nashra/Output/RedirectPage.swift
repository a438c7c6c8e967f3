/// The page written at a bulletin's old URL (`aliases:`): it sends readers and crawlers on to the
/// bulletin's page, says which page is the real one, and asks not to be indexed itself.
enum RedirectPage {
    static func html(to bulletin: Int, in site: Site) -> String {
        let target = HTMLEscaping.escape(site.absoluteURL(site.permalinks[bulletin]))
        let title = HTMLEscaping.escape(site.bulletins[bulletin].title)
        let language = HTMLEscaping.escape(site.bulletins[bulletin].language)
        return """
            <!DOCTYPE html>
            <html lang="\(language)" dir="\(site.bulletins[bulletin].direction.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <link rel="canonical" href="\(target)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(target)">
            </head>
            <body>
            <p><a href="\(target)">\(title)</a></p>
            </body>
            </html>

            """
    }
}
