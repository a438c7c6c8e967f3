import NashraCore

/// How templates receive a photo (`bulletin.photo`, `bulletin.thumbnail`) and what of it pages are
/// fingerprinted with.
extension Photo {
    /// A file's URL as written in HTML.
    static func href(_ variant: Variant, root: String) -> String {
        Permalink.percentEncode(root + variant.outputPath)
    }

    /// The `src`: the widest file in the original's format, or the address as written.
    func src(root: String) -> String {
        fallback.map { Self.href($0, root: root) } ?? image.src
    }

    /// `… 480w, … 960w` for one format; empty when there is one file or none.
    func srcset(_ format: Format, root: String) -> String {
        let files = variants(format)
        guard files.count > 1 || (files.count == 1 && format != .svg && format != .gif) else { return "" }
        return files.map { Self.href($0, root: root) + " \($0.width)w" }.joined(separator: ", ")
    }

    /// The `src` as an absolute URL, for `og:image` and JSON-LD.
    func absoluteURL(in site: Site) -> String {
        fallback.map { site.config.origin + Self.href($0, root: site.config.rootPath) } ?? StructuredData.absolute(image.src, site: site)
    }

    /// `bulletin.photo`: the lead photo with every width, its real size and its words.
    func leadValue(root: String) -> TemplateValue {
        var value = words()
        value["src"] = .string(src(root: root))
        if let fallback, fallback.width > 0 {
            value["width"] = .int(fallback.width)
            value["height"] = .int(fallback.height)
        }
        addSources(to: &value, root: root)
        return .object(value)
    }

    /// `bulletin.thumbnail`: the narrowest file as `src` (a list shows the photo small), with
    /// every width for the browser to choose from.
    func thumbnailValue(root: String) -> TemplateValue {
        var value: [String: TemplateValue] = ["src": .string(smallest.map { Self.href($0, root: root) } ?? image.src)]
        if let alt = image.alt { value["alt"] = .string(alt) }
        if let smallest, smallest.width > 0 {
            value["width"] = .int(smallest.width)
            value["height"] = .int(smallest.height)
        }
        addSources(to: &value, root: root)
        return .object(value)
    }

    private func words() -> [String: TemplateValue] {
        var value: [String: TemplateValue] = [:]
        if let alt = image.alt { value["alt"] = .string(alt) }
        if let caption = image.caption { value["caption"] = .string(caption) }
        if let credit = image.credit { value["credit"] = .string(credit) }
        if image.caption != nil || image.credit != nil { value["hasCaption"] = true }
        return value
    }

    /// `srcset` in the fallback format, and `webp`: the WebP `srcset` for a `<source>` when the
    /// fallback is another format.
    private func addSources(to value: inout [String: TemplateValue], root: String) {
        if let format = fallbackFormat {
            let srcset = srcset(format, root: root)
            if !srcset.isEmpty { value["srcset"] = .string(srcset) }
            value["type"] = .string(format.mediaType)
            if format != .webp, !variants(.webp).isEmpty { value["webp"] = .string(self.srcset(.webp, root: root)) }
        }
    }

    /// Everything the values above are made from (the site's root is in every page's fingerprint).
    func add(to print: inout Fingerprint) {
        print.add(image.src)
        print.add(image.alt ?? "\u{0}")
        print.add(image.caption ?? "\u{0}")
        print.add(image.credit ?? "\u{0}")
        print.add(contentHash)
        print.add(variants.count)
        for variant in variants {
            print.add(variant.outputPath)
            print.add(variant.width)
            print.add(variant.height)
        }
    }

    static let shape = TemplateShape.object([
        "src": .value, "width": .value, "height": .value, "alt": .value, "caption": .value, "credit": .value,
        "hasCaption": .value, "srcset": .value, "webp": .value, "type": .value,
    ])
    static let thumbnailShape = TemplateShape.object([
        "src": .value, "width": .value, "height": .value, "alt": .value, "srcset": .value, "webp": .value, "type": .value,
    ])
}
