import Foundation
import NashraCore

/// What a response is validated by (its `ETag` and `Last-Modified`), and the rule for answering a
/// conditional request with 304.
///
/// The tag is a hash of the bytes actually sent, not of the file: an HTML page's bytes change
/// when the build it belongs to changes (the reload script names the build, the error overlay
/// comes and goes) even when the file on disk does not.
struct Validators: Sendable, Equatable {
    var entityTag: String
    var lastModified: Date

    init(body: some Sequence<UInt8>, lastModified: Date) {
        // FNV-1a, 64 bits: a change detector for one preview, not a defence against anyone.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        entityTag = "\"" + String(hash, radix: 16) + "\""
        self.lastModified = lastModified
    }

    /// RFC 9110 §13.2.2: `If-None-Match` wins when present (weak comparison, `*` matches);
    /// otherwise `If-Modified-Since`, to the second.
    func isNotModified(ifNoneMatch: String?, ifModifiedSince: String?) -> Bool {
        if let ifNoneMatch {
            return ifNoneMatch.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || Self.opaque(tag) == Self.opaque(entityTag)
            }
        }
        if let ifModifiedSince, let since = InternetDate.parseHTTP(ifModifiedSince) {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }

    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
    }
}
