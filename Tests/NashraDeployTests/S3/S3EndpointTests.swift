import Testing
@testable import NashraDeploy

@Suite struct S3EndpointTests {
    @Test func customEndpointIsPathStyleWithItsPort() throws {
        let endpoint = try S3Endpoint(bucket: "news", region: "us-east-1", endpoint: "http://127.0.0.1:9000", addressing: nil)
        #expect(endpoint.addressing == .path)
        #expect(endpoint.hostHeader == "127.0.0.1:9000")
        #expect(endpoint.path(forKey: "tags/اقتصاد/index.html") == "/news/tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/index.html")
        #expect(endpoint.path(forKey: nil) == "/news")
        #expect(endpoint.url(path: "/news", query: "list-type=2&prefix=") == "http://127.0.0.1:9000/news?list-type=2&prefix=")
    }

    @Test func awsIsVirtualHostStyle() throws {
        let endpoint = try S3Endpoint(bucket: "news-site", region: "eu-central-1", endpoint: nil, addressing: nil)
        #expect(endpoint.addressing == .virtualHost)
        #expect(endpoint.hostHeader == "news-site.s3.eu-central-1.amazonaws.com")
        #expect(endpoint.path(forKey: "index.html") == "/index.html")
        #expect(endpoint.path(forKey: nil) == "/")
        #expect(endpoint.url(path: "/index.html", query: "") == "https://news-site.s3.eu-central-1.amazonaws.com/index.html")
    }

    @Test func bucketWithDotsStaysPathStyleOnAWS() throws {
        let endpoint = try S3Endpoint(bucket: "news.example.org", region: "us-east-1", endpoint: nil, addressing: nil)
        #expect(endpoint.addressing == .path)
        #expect(endpoint.hostHeader == "s3.us-east-1.amazonaws.com")
    }

    @Test func virtualHostOnACustomEndpointWhenAsked() throws {
        let endpoint = try S3Endpoint(bucket: "news", region: "auto", endpoint: "https://storage.example:443", addressing: .virtualHost)
        #expect(endpoint.hostHeader == "news.storage.example")
        #expect(endpoint.path(forKey: "a b.css") == "/a%20b.css")
    }

    @Test func rejectsAnEndpointThatIsNotHTTP() {
        #expect(throws: DeployError.self) {
            try S3Endpoint(bucket: "news", region: "us-east-1", endpoint: "ftp://example", addressing: nil)
        }
    }
}
