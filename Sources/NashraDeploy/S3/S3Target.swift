import Crypto
import Foundation
import NashraCore

/// An S3 bucket (AWS, or any S3-compatible storage), the site under a key prefix.
///
/// What is there is read from ListObjectsV2: an object uploaded in one part has the MD5 of its
/// bytes as its ETag, one uploaded in parts the MD5 of its parts' MD5s and the count of parts,
/// which Nashra computes the same way from the local file with its own part size. Each PUT replaces
/// an object whole, so readers see the old file or the new one, never a mix.
struct S3Target: DeployTarget {
    static let defaultMultipartThreshold: Int64 = 16 << 20
    static let defaultPartSize: Int64 = 8 << 20

    let client: S3Client
    let prefix: String
    let cachePolicy: CachePolicy
    var multipartThreshold = S3Target.defaultMultipartThreshold
    var partSize = S3Target.defaultPartSize
    var jobs = 8

    func inventory(of site: BuiltSite) async throws -> [String: RemoteFile] {
        var remote: [String: RemoteFile] = [:]
        for object in try await client.listObjects(prefix: prefix) {
            let path = String(object.key.dropFirst(prefix.count))
            // A key ending in `/` is a "folder" made by a console; the site never has one.
            guard !path.isEmpty, !path.hasSuffix("/") else { continue }
            remote[path] = RemoteFile(path: path, size: object.size, fingerprint: object.etag)
        }
        return remote
    }

    func isCurrent(_ file: SiteFile, _ remote: RemoteFile, in site: BuiltSite) throws -> Bool {
        guard remote.size == file.size, let etag = remote.fingerprint else { return false }
        guard etag.contains("-") else { return etag == file.md5 }
        return try Self.multipartETag(of: site.url(of: file), size: file.size, partSize: partSize) == etag
    }

    func upload(_ files: [SiteFile], from site: BuiltSite, progress: ProgressDisplay) async throws {
        try await files.concurrentForEach(limit: jobs) { file in
            try await upload(file, from: site)
            progress.finished("upload", file.path, bytes: file.size)
        }
    }

    func delete(_ paths: [String], from site: BuiltSite, progress: ProgressDisplay) async throws {
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + 1000, paths.count)])
            try await client.deleteObjects(batch.map { prefix + $0 })
            for path in batch { progress.finished("delete", path) }
            start += batch.count
        }
    }

    func close() async {
        await client.shutdown()
    }

    private func upload(_ file: SiteFile, from site: BuiltSite) async throws {
        let key = prefix + file.path
        let type = MediaType.of(file.path)
        let cache = cachePolicy.cacheControl(for: file.path)
        let url = site.url(of: file)
        guard file.size >= multipartThreshold else {
            let body: Data
            do { body = try Data(contentsOf: url) } catch {
                throw DeployError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
            }
            try await client.putObject(key, body: body, contentType: type, cacheControl: cache)
            return
        }
        let uploadID = try await client.createMultipartUpload(key, contentType: type, cacheControl: cache)
        do {
            var parts: [(number: Int, etag: String)] = []
            for (index, range) in Self.partRanges(size: file.size, partSize: partSize).enumerated() {
                var body = Data()
                try BuiltSite.read(url, range: range) { body.append($0) }
                parts.append((index + 1, try await client.uploadPart(key, uploadID: uploadID, number: index + 1, body: body)))
            }
            try await client.completeMultipartUpload(key, uploadID: uploadID, parts: parts)
        } catch {
            await client.abortMultipartUpload(key, uploadID: uploadID)
            throw error
        }
    }

    /// The byte ranges of the parts: `partSize` each, the last one shorter. S3 takes at most
    /// 10,000 parts, so a file too large for that many gets larger parts (the same ones every time,
    /// which keeps its ETag predictable).
    static func partRanges(size: Int64, partSize: Int64) -> [Range<Int64>] {
        let partSize = max(partSize, (size + 9_999) / 10_000, 1)
        return stride(from: Int64(0), to: max(size, 1), by: Int(partSize)).map { $0..<min($0 + partSize, size) }
    }

    /// The ETag S3 gives an object uploaded in parts of `partSize`: the MD5 of the parts' binary
    /// MD5s, then `-` and the number of parts.
    static func multipartETag(of url: URL, size: Int64, partSize: Int64) throws -> String {
        var digests = Data()
        let ranges = partRanges(size: size, partSize: partSize)
        for range in ranges {
            var hash = Insecure.MD5()
            try BuiltSite.read(url, range: range) { hash.update(data: $0) }
            digests.append(contentsOf: hash.finalize())
        }
        return SignatureV4.hex(Insecure.MD5.hash(data: digests)) + "-\(ranges.count)"
    }
}
