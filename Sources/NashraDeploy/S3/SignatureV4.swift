import Crypto
import Foundation

/// AWS Signature Version 4: the `Authorization` header that proves a request was made with the
/// secret key, without sending it. See AWS's "Signature Version 4 signing process": a canonical
/// form of the request is hashed, and that hash signed with a key derived from the secret, the day,
/// the region and the service.
struct SignatureV4: Sendable {
    /// The parts of a request that are signed.
    struct Request: Sendable {
        var method: String
        /// The path exactly as sent: already URI-encoded, `/` kept (S3 does not encode it twice).
        var path: String
        /// Names and values not yet encoded.
        var query: [(name: String, value: String)] = []
        /// Every header to sign, `host` and `x-amz-date` among them.
        var headers: [(name: String, value: String)]
        /// Hex SHA-256 of the body (S3 also sends it as `x-amz-content-sha256`).
        var payloadHash: String
    }

    static let algorithm = "AWS4-HMAC-SHA256"
    static let emptyPayloadHash = sha256Hex(Data())

    let credentials: AWSCredentials
    let region: String
    let service: String

    func authorization(for request: Request, at date: Date) -> String {
        let (canonical, signedHeaders) = canonicalRequest(request)
        let signature = self.signature(of: stringToSign(canonical, at: date), at: date)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(at: date)), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The canonical request and the list of signed header names.
    func canonicalRequest(_ request: Request) -> (text: String, signedHeaders: String) {
        let (headers, signed) = Self.canonicalHeaders(request.headers)
        let text = [request.method, request.path.isEmpty ? "/" : request.path, Self.canonicalQuery(request.query),
                    headers, signed, request.payloadHash].joined(separator: "\n")
        return (text, signed)
    }

    func stringToSign(_ canonicalRequest: String, at date: Date) -> String {
        [Self.algorithm, Self.timestamp(date).dateTime, scope(at: date), Self.sha256Hex(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    func signature(of stringToSign: String, at date: Date) -> String {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [Self.timestamp(date).day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    func scope(at date: Date) -> String {
        "\(Self.timestamp(date).day)/\(region)/\(service)/aws4_request"
    }

    /// Encoded names and values, sorted by name then value; a name without value keeps its `=`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (AWSURIEncoding.encode($0.name), AWSURIEncoding.encode($0.value)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Lowercase names in order, each value trimmed with inner runs of spaces made one, values of
    /// a repeated name joined with commas; and the `;`-separated list of names.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (text: String, signed: String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[name.lowercased(), default: []].append(trimmed)
        }
        let names = merged.keys.sorted()
        let text = names.map { "\($0):\(merged[$0]!.joined(separator: ","))\n" }.joined()
        return (text, names.joined(separator: ";"))
    }

    /// `20150830T123600Z` and `20150830`, in UTC.
    static func timestamp(_ date: Date) -> (dateTime: String, day: String) {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let day = String(format: "%04d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        return (day + String(format: "T%02d%02d%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)), day)
    }

    static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
