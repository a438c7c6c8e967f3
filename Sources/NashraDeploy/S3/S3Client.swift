import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// One bucket's S3 API over HTTP: each request signed (Signature V4) and tried again with growing
/// waits when the server fails (5xx, throttling) or does not answer in time.
final class S3Client: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    /// An object as ListObjectsV2 describes it.
    struct Object: Sendable, Equatable {
        var key: String
        /// Without the quotes S3 puts around it, lowercased.
        var etag: String
        var size: Int64
    }

    let endpoint: S3Endpoint
    let signer: SignatureV4
    let retry: RetryPolicy
    let timeout: Double
    private let http: HTTPClient
    private let warn: @Sendable (String) -> Void

    init(endpoint: S3Endpoint, credentials: AWSCredentials, retry: RetryPolicy = RetryPolicy(), timeout: Double = 60,
         connections: Int = 8, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.endpoint = endpoint
        self.signer = SignatureV4(credentials: credentials, region: endpoint.region, service: "s3")
        self.retry = retry
        self.timeout = timeout
        self.warn = warn
        let wait = TimeAmount.milliseconds(Int64(timeout * 1000))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10), read: wait),
            connectionPool: HTTPClient.Configuration.ConnectionPool(
                idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections)))
        configuration.httpVersion = .http1Only
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// `s3://bucket/key`, for messages.
    func display(_ key: String?) -> String { "s3://\(endpoint.bucket)/\(key ?? "")" }

    // MARK: Operations

    /// Every object whose key starts with `prefix`, a page of up to 1,000 at a time.
    func listObjects(prefix: String) async throws -> [Object] {
        var objects: [Object] = []
        var token: String?
        repeat {
            var query = [(name: "list-type", value: "2"), (name: "prefix", value: prefix)]
            if let token { query.append((name: "continuation-token", value: token)) }
            let response = try await send("GET", key: nil, query: query, operation: "ListObjectsV2", shown: prefix)
            guard let tree = XMLTree.parse(response.body), tree.name == "ListBucketResult" else {
                throw malformed("ListObjectsV2", prefix, response)
            }
            for entry in tree.children("Contents") {
                guard let key = entry["Key"] else { continue }
                objects.append(Object(key: key, etag: Self.unquote(entry["ETag"] ?? ""), size: Int64(entry["Size"] ?? "") ?? -1))
            }
            token = tree["IsTruncated"] == "true" ? tree["NextContinuationToken"] : nil
        } while token != nil
        return objects
    }

    func putObject(_ key: String, body: Data, contentType: String, cacheControl: String) async throws {
        try await send("PUT", key: key, headers: [
            ("content-type", contentType),
            ("cache-control", cacheControl),
            ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()),
        ], body: body, operation: "PutObject")
    }

    /// Starts a multipart upload; the headers of the object are given here, not with the parts.
    func createMultipartUpload(_ key: String, contentType: String, cacheControl: String) async throws -> String {
        let response = try await send("POST", key: key, query: [(name: "uploads", value: "")], headers: [
            ("content-type", contentType),
            ("cache-control", cacheControl),
        ], body: Data(), operation: "CreateMultipartUpload")
        guard let id = XMLTree.parse(response.body)?["UploadId"], !id.isEmpty else {
            throw malformed("CreateMultipartUpload", key, response)
        }
        return id
    }

    /// Uploads part `number` (from 1) and returns its ETag, which completing the upload needs.
    func uploadPart(_ key: String, uploadID: String, number: Int, body: Data) async throws -> String {
        let response = try await send("PUT", key: key, query: [
            (name: "partNumber", value: String(number)), (name: "uploadId", value: uploadID),
        ], headers: [("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())],
        body: body, operation: "UploadPart")
        guard let etag = response.headers.first(name: "etag") else { throw malformed("UploadPart", key, response) }
        return etag
    }

    func completeMultipartUpload(_ key: String, uploadID: String, parts: [(number: Int, etag: String)]) async throws {
        let list = parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(Self.escape($0.etag))</ETag></Part>" }.joined()
        let body = Data("<CompleteMultipartUpload>\(list)</CompleteMultipartUpload>".utf8)
        let response = try await send("POST", key: key, query: [(name: "uploadId", value: uploadID)], body: body,
                                      operation: "CompleteMultipartUpload")
        // S3 may fail a completion after it has answered 200, in the body.
        if let tree = XMLTree.parse(response.body), tree.name == "Error" {
            throw DeployError.s3(operation: "CompleteMultipartUpload", key: display(key), status: response.status,
                                 code: tree["Code"] ?? "Error", message: tree["Message"] ?? "")
        }
    }

    /// Frees the parts of an upload that will not be completed; S3 would keep (and bill) them.
    func abortMultipartUpload(_ key: String, uploadID: String) async {
        _ = try? await send("DELETE", key: key, query: [(name: "uploadId", value: uploadID)], operation: "AbortMultipartUpload")
    }

    /// Deletes up to 1,000 objects in one request.
    func deleteObjects(_ keys: [String]) async throws {
        let list = keys.map { "<Object><Key>\(Self.escape($0))</Key></Object>" }.joined()
        let body = Data("<Delete><Quiet>true</Quiet>\(list)</Delete>".utf8)
        let response = try await send("POST", key: nil, query: [(name: "delete", value: "")], headers: [
            ("content-type", "application/xml"),
            ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()),
        ], body: body, operation: "DeleteObjects", shown: keys.first)
        // Quiet mode lists only the keys that could not be deleted.
        if let failed = XMLTree.parse(response.body)?.children("Error").first {
            throw DeployError.s3(operation: "DeleteObjects", key: display(failed["Key"]), status: response.status,
                                 code: failed["Code"] ?? "Error", message: failed["Message"] ?? "")
        }
    }

    // MARK: Requests

    /// Signs and sends one request, trying again on 5xx, 429, 408 and on no answer at all. Any
    /// other status outside 2xx is an error at once: retrying a refused request only repeats it.
    @discardableResult
    func send(_ method: String, key: String?, query: [(name: String, value: String)] = [],
              headers: [(String, String)] = [], body: Data? = nil, operation: String, shown: String? = nil) async throws -> Response {
        let display = self.display(shown ?? key)
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let reason: String
            do {
                let response = try await perform(method, key: key, query: query, headers: headers, body: body)
                if (200..<300).contains(response.status) { return response }
                let error = XMLTree.parse(response.body)
                let failure = DeployError.s3(operation: operation, key: display, status: response.status,
                                             code: error?["Code"] ?? HTTPResponseStatus(statusCode: response.status).reasonPhrase,
                                             message: error?["Message"] ?? "")
                guard RetryPolicy.isRetryable(status: response.status), attempt < retry.attempts else { throw failure }
                reason = "HTTP \(response.status)"
            } catch let error as DeployError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attempt < retry.attempts else {
                    throw DeployError.transport(operation: operation, key: display, reason: Self.describe(error))
                }
                reason = Self.describe(error)
            }
            let wait = retry.delay(after: attempt)
            warn("\(operation) \(display): \(reason); trying again in \(String(format: "%.1f", wait)) s (\(attempt + 1) of \(retry.attempts))")
            try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            attempt += 1
        }
    }

    private func perform(_ method: String, key: String?, query: [(name: String, value: String)],
                         headers: [(String, String)], body: Data?) async throws -> Response {
        let path = endpoint.path(forKey: key)
        let payload = body ?? Data()
        let payloadHash = SignatureV4.sha256Hex(payload)
        // Signed again on every try: the date is part of the signature.
        let date = Date()
        var signed: [(name: String, value: String)] = [
            ("host", endpoint.hostHeader),
            ("x-amz-date", SignatureV4.timestamp(date).dateTime),
            ("x-amz-content-sha256", payloadHash),
        ]
        if let token = signer.credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        signed += headers.map { (name: $0.0.lowercased(), value: $0.1) }
        let authorization = signer.authorization(
            for: SignatureV4.Request(method: method, path: path, query: query, headers: signed, payloadHash: payloadHash),
            at: date)

        var request = HTTPClientRequest(url: endpoint.url(path: path, query: SignatureV4.canonicalQuery(query)))
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in signed { request.headers.add(name: name, value: value) }
        request.headers.add(name: "authorization", value: authorization)
        if let body { request.body = .bytes(body) }
        let response = try await http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Response(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    private func malformed(_ operation: String, _ key: String?, _ response: Response) -> DeployError {
        .s3(operation: operation, key: display(key), status: response.status, code: "MalformedResponse",
            message: "the answer was not what S3 sends: " + String(decoding: response.body.prefix(200), as: UTF8.self))
    }

    static func unquote(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout: return "timed out"
            case .connectTimeout: return "could not connect in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return String(describing: error)
            }
        }
        return String(describing: error)
    }
}
