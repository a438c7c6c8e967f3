import Foundation
import NashraCore

/// The newsroom's photo desk: finds each published bulletin's lead photo, checks it (inside the
/// site, a known format, not too many pixels, not damaged), and has every width and format of it
/// made once: a photo whose bytes were processed before, in any earlier build, comes from the
/// photo cache untouched.
///
/// Raster photos (JPEG, PNG, WebP) are decoded once, turned upright by their EXIF orientation and
/// written at `widths` (never enlarged; the photo's own width when narrower) as WebP and in their
/// own format, with no metadata (a reporter's GPS position does not leak). GIF and SVG files are
/// published as they are: an SVG is never decoded, resized or inlined.
struct PhotoDesk {
    /// How a raster photo is published; part of every cache key and file address, so a change
    /// re-makes the files under new URLs.
    static let widths = [480, 960, 1600]
    static let webpQuality = 80
    static let jpegQuality = 82
    static let settingsVersion = "1 480,960,1600 webp80 jpeg82 png6 strip"

    /// Where a photo's words point in the front matter, and the files the build reads.
    struct Folders {
        /// The site folder (or the content folder when built alone): no photo may come from outside it.
        var boundary: InputBoundary
        /// `/…` paths are read from here (the site's `static/`), if there is a site folder.
        var staticFolder: URL?
        /// How the boundary folder is shown in messages (empty, or the prefix the build was given).
        var displayPrefix: String
    }

    /// A file of the site that the build places from the photo cache (or from the site itself).
    struct PlacedFile: Sendable, Hashable {
        var source: String
        var outputPath: String
        var hash: UInt64
    }

    /// What the desk did.
    struct Developed {
        /// Per bulletin, as `Site.photos`.
        var photos: [Photo?] = []
        var files: [PlacedFile] = []
        var problems: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        /// Photos decoded and written this build (the others came from the cache).
        var processed = 0
        /// The local files used as lead photos (real paths): never published as they are.
        var sources: Set<String> = []
    }

    let folders: Folders
    let cache: PhotoCache
    let maxPixels: Int

    /// Develops the lead photo of every bulletin of `site`, on all cores.
    func develop(_ site: Site) -> Developed {
        var developed = Developed()
        developed.photos = [Photo?](repeating: nil, count: site.bulletins.count)
        // The local files, each once however many bulletins show it.
        var sources: [String] = []
        var sourceIndex: [String: Int] = [:]
        var uses: [(bulletin: Int, source: Int)] = []
        for (index, bulletin) in site.bulletins.enumerated() {
            guard let image = bulletin.image else { continue }
            if image.isRemote {
                developed.photos[index] = Photo(image: image)
                continue
            }
            switch resolve(image, of: bulletin) {
            case .success(let path):
                let source = sourceIndex[path] ?? {
                    sources.append(path)
                    sourceIndex[path] = sources.count - 1
                    return sources.count - 1
                }()
                uses.append((index, source))
            case .failure(let problem): developed.problems.append(problem)
            }
        }
        developed.sources = Set(sources)
        let results = sources.parallelMap { path in cache.result(for: path) { hash in make(path, hash: hash) } }
        for (index, source) in uses {
            let bulletin = site.bulletins[index]
            let image = bulletin.image!
            switch results[source] {
            case .success(let (result, _)) where result.pixels > maxPixels:
                developed.problems.append(Diagnostic("the photo \(shown(sources[source])) \(tooLarge("\(result.pixels)").message)",
                                                     at: image.position.location(in: bulletin.source.displayPath)))
            case .success(let (result, _)):
                let name = Self.fileName(sources[source])
                let folder = "images/" + PhotoCache.hex(result.key).prefix(12) + "/"
                var photo = Photo(image: image, contentHash: result.key)
                for variant in result.variants {
                    let outputPath = folder + name + variant.suffix
                    photo.variants.append(Photo.Variant(width: variant.width, height: variant.height, format: variant.format, outputPath: outputPath))
                    developed.files.append(PlacedFile(source: cache.path(of: variant, key: result.key), outputPath: outputPath, hash: variant.hash))
                }
                developed.photos[index] = photo
            case .failure(let failure):
                developed.problems.append(Diagnostic("the photo \(shown(sources[source])) \(failure.message)",
                                                     at: image.position.location(in: bulletin.source.displayPath)))
            }
        }
        developed.processed = results.reduce(0) { count, result in
            if case .success(let (_, made)) = result, made { count + 1 } else { count }
        }
        // Two bulletins showing one photo place its files once.
        var seen = Set<String>()
        developed.files = developed.files.filter { seen.insert($0.outputPath).inserted }
        cache.save()
        return developed
    }

    /// What `nashra check` asks of the photos without making any: each local lead photo's file
    /// found inside the site folder, readable as an image and within `images.maxPixels` (the
    /// build's own errors when it is not). Only headers are read: nothing is decoded.
    func locate(_ site: Site) -> [Diagnostic] {
        site.bulletins.compactMap { bulletin in
            guard let image = bulletin.image, !image.isRemote else { return nil }
            switch resolve(image, of: bulletin) {
            case .failure(let problem): return problem
            case .success(let path):
                let lowered = path.lowercased()
                guard !lowered.hasSuffix(".svg"), !lowered.hasSuffix(".svgz") else { return nil }
                guard case .failure(let refusal) = checkedHeader(path) else { return nil }
                return Diagnostic("the photo \(shown(path)) \(refusal.message)", at: image.position.location(in: bulletin.source.displayPath))
            }
        }
    }

    // MARK: Finding the file

    /// The photo's file with every link resolved: `/x.jpg` under `static/`, anything else beside
    /// the bulletin; it must exist and lie inside the site folder.
    func resolve(_ image: BulletinImage, of bulletin: Bulletin) -> Result<String, Diagnostic> {
        let at = image.position.location(in: bulletin.source.displayPath)
        let src = image.src.removingPercentEncoding ?? image.src
        let written: String
        if src.hasPrefix("/") {
            guard let staticFolder = folders.staticFolder else {
                return .failure(Diagnostic("the photo '\(image.src)' is a path under static/, and this build has no site folder; give its path beside the bulletin", at: at))
            }
            let folder = staticFolder.standardizedFileURL.path
            written = (InputBoundary.realPath(folder) ?? folder) + src
        } else {
            // From the folder's real path, so `..` is judged where the file really is.
            let folder = (bulletin.source.absolutePath as NSString).deletingLastPathComponent
            written = (InputBoundary.realPath(folder) ?? folder) + "/" + src
        }
        let lexical = (written as NSString).standardizingPath
        guard folders.boundary.contains(lexical) || folders.boundary.contains(InputBoundary.realPath(lexical) ?? lexical) else {
            return .failure(Diagnostic("the photo '\(image.src)' is outside \(folders.boundary.name); put it beside the bulletin or under static/", at: at))
        }
        guard let real = InputBoundary.realPath(lexical) else {
            return .failure(Diagnostic("the photo '\(image.src)' does not exist: no file at \(shown(lexical))", at: at))
        }
        guard folders.boundary.contains(real) else {
            return .failure(Diagnostic("the photo '\(image.src)' leads outside \(folders.boundary.name) (through a link); put the file itself in the site", at: at))
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Diagnostic("the photo '\(image.src)' is not a regular file", at: at))
        }
        return .success(real)
    }

    /// A path as messages show it: relative to the site folder when inside it.
    func shown(_ path: String) -> String {
        let root = folders.boundary.realRoot + "/"
        guard path.hasPrefix(root) else { return path }
        let relative = String(path.dropFirst(root.count))
        return folders.displayPrefix.isEmpty || folders.displayPrefix == "." ? relative : folders.displayPrefix + "/" + relative
    }

    /// The published name: the file's stem as a slug (`صورة المطر.jpg` → `صورة-المطر`).
    static func fileName(_ path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let slug = Slug.make(stem)
        return slug.isEmpty ? "photo" : slug
    }

    // MARK: Making the files

    func tooLarge(_ size: String) -> PhotoCache.Refusal {
        PhotoCache.Refusal(message: "is \(size) pixels, more than images.maxPixels (\(maxPixels)); it was not decoded: "
                           + "make it smaller, or raise images.maxPixels in nashra.yaml")
    }

    /// The photo's header, read without decoding it: refused when libvips cannot read it or it
    /// has more than `maxPixels` pixels (a decompression bomb is stopped here).
    func checkedHeader(_ path: String) -> Result<Vips.Header, PhotoCache.Refusal> {
        let header: Vips.Header
        do throws(Vips.Failure) {
            header = try Vips.header(of: path)
        } catch {
            return .failure(PhotoCache.Refusal(message: "cannot be read as an image: \(error.message)"))
        }
        let pixels = header.width.multipliedReportingOverflow(by: header.height)
        if pixels.overflow || pixels.partialValue > maxPixels {
            return .failure(tooLarge("\(header.width)×\(header.height)"))
        }
        return .success(header)
    }

    /// Decodes the photo once and encodes every variant into the cache (called only on a miss).
    func make(_ path: String, hash key: UInt64) -> Result<([PhotoCache.Variant], Int), PhotoCache.Refusal> {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".svg") || lowered.hasSuffix(".svgz") {
            // Published as written: never decoded (libvips would run it through librsvg), never resized.
            return cache.store(copyOf: path, key: key, variant: PhotoCache.Variant(width: 0, height: 0, format: .svg, hash: 0)).map { ($0, 0) }
        }
        let header: Vips.Header
        switch checkedHeader(path) {
        case .success(let checked): header = checked
        case .failure(let refusal): return .failure(refusal)
        }
        let pixels = header.width * header.height
        let own: Photo.Format
        switch header.loader {
        case let name where name.hasPrefix("VipsForeignLoadJpeg"): own = .jpeg
        case let name where name.hasPrefix("VipsForeignLoadPng"): own = .png
        case let name where name.hasPrefix("VipsForeignLoadWebp"): own = .webp
        case let name where name.hasPrefix("VipsForeignLoadGif"):
            // Kept whole so an animation still plays.
            return cache.store(copyOf: path, key: key, variant: PhotoCache.Variant(width: header.width, height: header.height, format: .gif, hash: 0))
                .map { ($0, pixels) }
        default:
            return .failure(PhotoCache.Refusal(message: "is not a JPEG, PNG, WebP, GIF or SVG file (libvips reads it as \(header.loader))"))
        }
        do throws(Vips.Failure) {
            let top = try Vips.upright(path, width: Self.widths.last!)
            let widths = Self.widths.filter { $0 < top.width } + [top.width]
            var variants: [(Photo.Format, Vips.Encoding, Int, [UInt8], Int)] = []
            for width in widths {
                let image = width == top.width ? top : try Vips.shrink(top, to: width)
                var encodings: [(Photo.Format, Vips.Encoding, Int)] = [(.webp, .webp, Self.webpQuality)]
                switch own {
                case .jpeg: encodings.append((.jpeg, .jpeg, Self.jpegQuality))
                case .png: encodings.append((.png, .png, 0))
                default: break
                }
                for (format, encoding, quality) in encodings {
                    let bytes = try Vips.encode(image, as: encoding, quality: quality)
                    variants.append((format, encoding, image.width, format == .webp ? WebPMetadata.stripped(bytes) : bytes, image.height))
                }
            }
            return cache.store(key: key, variants: variants.map { ($0.0, $0.2, $0.4, $0.3) }).map { ($0, pixels) }
        } catch {
            return .failure(PhotoCache.Refusal(message: "cannot be decoded (damaged or cut short?): \(error.message)"))
        }
    }
}
