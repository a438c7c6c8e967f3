import Foundation
import NashraCore

extension Builder {
    /// The photos stage: every published bulletin's lead photo found, checked and made in its
    /// widths and formats (or taken from the photo cache), and the other files of page bundles;
    /// for every edition through one photo cache, a photo two editions' versions share placed once.
    /// Returns each edition's photos (as `Site.photos`) and what the desk did for all of them.
    static func developPhotos(_ sites: [Site], _ options: BuildOptions, config: SiteConfig) -> (photos: [[Photo?]], developed: PhotoDesk.Developed) {
        let boundary = InputBoundary.forContent(options.contentFolder, site: options.siteFolder)
        let folders = PhotoDesk.Folders(boundary: boundary, staticFolder: options.siteFolder?.appendingPathComponent("static"),
                                        displayPrefix: boundaryDisplay(options, boundary))
        let cache = PhotoCache(folder: options.cacheFolder.appendingPathComponent("photos"), settings: PhotoDesk.settingsVersion,
                               trustStamps: !options.clean)
        let bundleCache = PhotoCache(folder: options.cacheFolder.appendingPathComponent("photos/bundles"), settings: PhotoDesk.bundleSettings,
                                     trustStamps: !options.clean)
        let leadDesk = PhotoDesk(folders: folders, cache: cache, maxPixels: config.maxImagePixels)
        let bundleDesk = PhotoDesk(folders: folders, cache: bundleCache, maxPixels: config.maxImagePixels)
        var all = PhotoDesk.Developed()
        var photos: [[Photo?]] = []
        for site in sites {
            let developed = PartClock.measure("photos: leads") { leadDesk.develop(site) }
            let bundles = PartClock.measure("photos: bundles") { bundleFiles(site, leads: developed.sources, desk: bundleDesk) }
            photos.append(developed.photos)
            all.files += developed.files + bundles.files
            all.problems += developed.problems + bundles.problems
            all.warnings += developed.warnings
            all.processed += developed.processed + bundles.processed
            all.sources.formUnion(developed.sources)
        }
        PartClock.measure("photos: save") { bundleCache.save() }
        var seen = Set<String>()
        all.files = all.files.filter { seen.insert($0.outputPath).inserted }
        return (photos, all)
    }

    /// The lead photos' files found, as a build would look for them, without reading or making any
    /// (for `nashra check`, which writes nothing: the photo cache is not touched).
    static func locatePhotos(_ site: Site, _ options: BuildOptions, config: SiteConfig) -> [Diagnostic] {
        let boundary = InputBoundary.forContent(options.contentFolder, site: options.siteFolder)
        let folders = PhotoDesk.Folders(boundary: boundary, staticFolder: options.siteFolder?.appendingPathComponent("static"),
                                        displayPrefix: boundaryDisplay(options, boundary))
        // A cache in a folder that is never written: `locate` only resolves paths.
        let cache = PhotoCache(folder: URL(fileURLWithPath: "/nonexistent-nashra-check"), settings: PhotoDesk.settingsVersion, trustStamps: false)
        return PhotoDesk(folders: folders, cache: cache, maxPixels: config.maxImagePixels).locate(site)
    }

    /// How messages name the boundary folder: the site prefix, or the content folder's display.
    private static func boundaryDisplay(_ options: BuildOptions, _ boundary: InputBoundary) -> String {
        if let site = options.siteFolder, boundary.realRoot == InputBoundary(folder: site, name: "").realRoot { return options.displayPrefix }
        return options.siteFolder == nil ? options.contentFolder.path : join(options.displayPrefix, options.contentFolder.lastPathComponent)
    }

    /// The file names that make a bulletin a page bundle, with the slash before them, as bytes.
    private static let bundleIndexNames = ["/index.md", "/index.markdown"].map { Array($0.utf8) }

    /// A bulletin written as `folder/index.md` is a page bundle: the files beside it (not Markdown,
    /// not hidden, not in subfolders) are published beside its page, so its body can show
    /// `![…](map.png)`. Its lead photo is published only as the desk made it, and its other photos
    /// only as the desk cleans them (no metadata); a photo the desk cannot read is an error.
    static func bundleFiles(_ site: Site, leads leadSources: Set<String>, desk: PhotoDesk)
        -> (files: [PhotoDesk.PlacedFile], problems: [Diagnostic], processed: Int) {
        var found: [(bulletin: Int, path: String, outputPath: String)] = []
        for (index, bulletin) in site.bulletins.enumerated() {
            // `…/index.md` or `…/index.markdown`, compared as bytes: this runs for every bulletin
            // on every build, and bridging each path to NSString took tens of milliseconds at 10,000.
            let isBundleIndex = bulletin.source.relativePath.withUTF8Bytes { path in
                Self.bundleIndexNames.contains { name in
                    path.count >= name.count && memcmp(path.baseAddress! + (path.count - name.count), name, name.count) == 0
                }
            }
            guard isBundleIndex else { continue }
            let folder = (bulletin.source.absolutePath as NSString).deletingLastPathComponent
            let pageFolder = (site.permalinks[index].outputPath as NSString).deletingLastPathComponent
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") && ContentLoader.markdownStem(entry.utf8[...]) == nil {
                let path = folder + "/" + entry
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, !leadSources.contains(InputBoundary.realPath(path) ?? path) else { continue }
                found.append((index, path, pageFolder.isEmpty ? entry : pageFolder + "/" + entry))
            }
        }
        let placed = found.parallelMap { file -> Result<(PhotoDesk.PlacedFile, Bool), Diagnostic> in
            guard PhotoDesk.isBundlePhoto(file.path) else {
                guard let bytes = RawFile.read(file.path) else {
                    return .failure(Diagnostic("the bundle file \(file.path) cannot be read: \(String(cString: strerror(errno)))",
                                               at: SourceLocation(path: site.bulletins[file.bulletin].source.displayPath)))
                }
                return .success((PhotoDesk.PlacedFile(source: file.path, outputPath: file.outputPath, hash: bytes.withUnsafeBytes { ByteHash.of($0) }), false))
            }
            switch desk.cleanCopy(of: file.path) {
            case .success(let copy):
                return .success((PhotoDesk.PlacedFile(source: copy.source, outputPath: file.outputPath, hash: copy.hash), copy.made))
            case .failure(let refusal):
                let shown = (site.bulletins[file.bulletin].source.displayPath as NSString).deletingLastPathComponent + "/" + (file.path as NSString).lastPathComponent
                return .failure(Diagnostic("the photo \(shown) beside the bulletin \(refusal.message)",
                                           at: SourceLocation(path: site.bulletins[file.bulletin].source.displayPath)))
            }
        }
        var result: (files: [PhotoDesk.PlacedFile], problems: [Diagnostic], processed: Int) = ([], [], 0)
        for outcome in placed {
            switch outcome {
            case .success(let (file, made)):
                result.files.append(file)
                if made { result.processed += 1 }
            case .failure(let problem): result.problems.append(problem)
            }
        }
        return result
    }

    /// Puts the photos and bundle files into the staging folder.
    static func placeFiles(_ files: [PhotoDesk.PlacedFile], into writer: SiteWriter, cacheFolder: URL) -> [Diagnostic] {
        let cachePrefix = cacheFolder.path + "/"
        return files.parallelMap { file -> [Diagnostic] in
            do throws(Diagnostics) {
                try writer.place(file.source, hash: file.hash, to: file.outputPath, link: file.source.hasPrefix(cachePrefix))
                return []
            } catch {
                return error.diagnostics
            }
        }.flatMap { $0 }
    }
}
