import Foundation
import NashraCore

/// Photos beside a page bundle's bulletin (`![…](street.jpg)` in its body). They are published
/// under their own names, but never as the camera wrote them: a phone's photo carries where it was
/// taken, and a source's street is a newsroom's secret. Each is decoded once, turned upright, kept
/// at most the desk's largest width, and written in its own format without any metadata; made
/// once per content and kept in its own photo cache.
extension PhotoDesk {
    static let bundleSettings = "1 bundle 1600 webp80 jpeg82 png6 strip"

    /// Whether a bundle file is a photo the desk cleans (by its name; its bytes decide the format).
    static func isBundlePhoto(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [".jpg", ".jpeg", ".png", ".webp"].contains { lowered.hasSuffix($0) }
    }

    /// The clean copy of the bundle photo at `path`: where it is in the cache, its hash, and
    /// whether it was made now.
    func cleanCopy(of path: String) -> Result<(source: String, hash: UInt64, made: Bool), PhotoCache.Refusal> {
        cache.result(for: path) { key in makeCleanCopy(path, key: key) }.flatMap { made, now in
            guard let variant = made.variants.first else { return .failure(PhotoCache.Refusal(message: "was not made")) }
            if made.pixels > maxPixels { return .failure(tooLarge("\(made.pixels)")) }
            return .success((cache.path(of: variant, key: made.key), variant.hash, now))
        }
    }

    private func makeCleanCopy(_ path: String, key: UInt64) -> Result<([PhotoCache.Variant], Int), PhotoCache.Refusal> {
        let header: Vips.Header
        switch checkedHeader(path) {
        case .success(let checked): header = checked
        case .failure(let refusal): return .failure(refusal)
        }
        let format: Photo.Format, encoding: Vips.Encoding, quality: Int
        switch header.loader {
        case let name where name.hasPrefix("VipsForeignLoadJpeg"): (format, encoding, quality) = (.jpeg, .jpeg, Self.jpegQuality)
        case let name where name.hasPrefix("VipsForeignLoadPng"): (format, encoding, quality) = (.png, .png, 0)
        case let name where name.hasPrefix("VipsForeignLoadWebp"): (format, encoding, quality) = (.webp, .webp, Self.webpQuality)
        default:
            return .failure(PhotoCache.Refusal(message: "is named as a photo but is not a JPEG, PNG or WebP file (libvips reads it as \(header.loader))"))
        }
        do throws(Vips.Failure) {
            let image = try Vips.upright(path, width: Self.widths.last!)
            let bytes = try Vips.encode(image, as: encoding, quality: quality)
            return cache.store(key: key, variants: [(format, image.width, image.height, format == .webp ? WebPMetadata.stripped(bytes) : bytes)])
                .map { ($0, header.width * header.height) }
        } catch {
            return .failure(PhotoCache.Refusal(message: "cannot be decoded (damaged or cut short?): \(error.message)"))
        }
    }
}
