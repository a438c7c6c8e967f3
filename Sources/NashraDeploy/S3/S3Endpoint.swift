import Foundation

/// Where a bucket's requests go: the service's scheme, host and port, the bucket, and whether its
/// name goes in the path or in the host name.
struct S3Endpoint: Sendable, Equatable {
    let scheme: String
    let host: String
    let port: Int?
    let bucket: String
    let region: String
    let addressing: S3Addressing

    /// With no `endpoint`, AWS's own for `region`, virtual-host style (path style for a bucket with
    /// dots, which the wildcard TLS certificate of `*.s3.amazonaws.com` does not cover). With an
    /// `endpoint`, path style unless `addressing` says otherwise: most S3-compatible servers expect it.
    init(bucket: String, region: String, endpoint: String?, addressing: S3Addressing?) throws {
        self.bucket = bucket
        self.region = region
        if let endpoint {
            guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  let host = url.host, !host.isEmpty else {
                throw DeployError.badDestination(endpoint, reason: "an endpoint is an http(s) URL such as http://127.0.0.1:9000")
            }
            self.scheme = scheme
            self.host = host
            self.port = url.port
            self.addressing = addressing ?? .path
        } else {
            scheme = "https"
            host = "s3.\(region).amazonaws.com"
            port = nil
            self.addressing = addressing ?? (bucket.contains(".") ? .path : .virtualHost)
        }
    }

    /// The `Host` header for every request: the port only when it is not the scheme's own, as
    /// HTTP clients send it (the signature covers this exact text).
    var hostHeader: String {
        let name = addressing == .virtualHost ? "\(bucket).\(host)" : host
        guard let port, port != (scheme == "https" ? 443 : 80) else { return name }
        return "\(name):\(port)"
    }

    /// The encoded path of an object (`key`) or of the bucket itself (`nil`).
    func path(forKey key: String?) -> String {
        let object = key.map { "/" + AWSURIEncoding.encode($0, keepingSlashes: true) } ?? "/"
        switch addressing {
        case .virtualHost: return object
        case .path: return "/\(bucket)" + (key == nil ? "" : object)
        }
    }

    /// The full URL, the query in its canonical (signed) form.
    func url(path: String, query: String) -> String {
        "\(scheme)://\(hostHeader)\(path)" + (query.isEmpty ? "" : "?\(query)")
    }
}
