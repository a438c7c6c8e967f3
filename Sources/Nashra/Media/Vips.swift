import CVips
import Foundation

/// libvips, through the `CVips` shim: the only file that touches it. libvips is thread-safe; each
/// image's pipeline runs on one thread and the photo desk runs images on all cores.
enum Vips {
    /// Why libvips refused a file, in its own words.
    struct Failure: Error {
        var message: String
    }

    /// An image decoded into memory; freed when the last reference goes.
    final class Image: @unchecked Sendable {
        fileprivate let handle: UnsafeMutableRawPointer
        let width: Int
        let height: Int

        fileprivate init(handle: UnsafeMutableRawPointer, width: Int32, height: Int32) {
            self.handle = handle
            self.width = Int(width)
            self.height = Int(height)
        }

        deinit { nashra_vips_release(handle) }
    }

    enum Encoding: Int32 {
        case webp = 0, jpeg = 1, png = 2
    }

    /// What a file's header says, without decoding its pixels.
    struct Header {
        /// libvips' loader class, e.g. `VipsForeignLoadJpegFile`.
        var loader: String
        var width: Int
        var height: Int
    }

    private static let started: Bool = nashra_vips_init() == 0

    private static func start() throws(Failure) {
        guard started else { throw Failure(message: "libvips could not start: " + lastError()) }
    }

    static func header(of path: String) throws(Failure) -> Header {
        try start()
        var loader = [CChar](repeating: 0, count: 128)
        var width: Int32 = 0, height: Int32 = 0
        guard nashra_vips_header(path, &loader, loader.count, &width, &height) == 0 else { throw Failure(message: lastError()) }
        let name = loader.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return Header(loader: name, width: Int(width), height: Int(height))
    }

    /// The file decoded once, upright (EXIF orientation applied) and at most `width` wide.
    static func upright(_ path: String, width: Int) throws(Failure) -> Image {
        try start()
        var handle: UnsafeMutableRawPointer?
        var outWidth: Int32 = 0, outHeight: Int32 = 0
        guard nashra_vips_thumbnail(path, Int32(clamping: width), &handle, &outWidth, &outHeight) == 0, let handle else {
            throw Failure(message: lastError())
        }
        return Image(handle: handle, width: outWidth, height: outHeight)
    }

    static func shrink(_ image: Image, to width: Int) throws(Failure) -> Image {
        var handle: UnsafeMutableRawPointer?
        var outWidth: Int32 = 0, outHeight: Int32 = 0
        guard nashra_vips_shrink(image.handle, Int32(clamping: width), &handle, &outWidth, &outHeight) == 0, let handle else {
            throw Failure(message: lastError())
        }
        return Image(handle: handle, width: outWidth, height: outHeight)
    }

    /// The image encoded with no metadata at all: EXIF (with any GPS position), XMP and IPTC are dropped.
    static func encode(_ image: Image, as encoding: Encoding, quality: Int) throws(Failure) -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard nashra_vips_save(image.handle, encoding.rawValue, Int32(quality), &buffer, &length) == 0, let buffer else {
            throw Failure(message: lastError())
        }
        defer { nashra_vips_free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: length))
    }

    /// libvips' error text, cleared; its messages end in line feeds and may repeat.
    private static func lastError() -> String {
        guard let text = nashra_vips_error_copy() else { return "unknown libvips error" }
        defer { nashra_vips_free(text) }
        var lines: [String] = []
        for line in String(cString: text).split(separator: "\n") where !lines.contains(String(line)) { lines.append(String(line)) }
        return lines.isEmpty ? "unknown libvips error" : lines.joined(separator: "; ")
    }
}
