import Foundation
import Testing
@testable import NashraDeploy

/// Signatures checked against published values: AWS's Signature V4 test suite (service "service",
/// 2015-08-30T12:36:00Z), the S3 examples of AWS's S3 API reference (examplebucket,
/// 2013-05-24T00:00:00Z), and, for Arabic keys, values computed by botocore's S3SigV4Auth, an
/// implementation independent of this one.
@Suite struct SignatureV4Tests {
    static let suiteSigner = SignatureV4(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static let s3Signer = SignatureV4(
        credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "s3")
    static let s3Date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    struct SuiteCase: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var signedHeaders = "host;x-amz-date"
        var signature: String
        var testDescription: String { name }
    }

    static let suite: [SuiteCase] = [
        SuiteCase(name: "get-vanilla", path: "/",
                  signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        SuiteCase(name: "get-vanilla-query-order-key-case", path: "/",
                  query: [("Param2", "value2"), ("Param1", "value1")],
                  signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        SuiteCase(name: "get-vanilla-query-order-value", path: "/",
                  query: [("Param1", "value2"), ("Param1", "value1")],
                  signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        SuiteCase(name: "get-vanilla-utf8-query", path: "/", query: [("ሴ", "bar")],
                  signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        SuiteCase(name: "get-utf8", path: "/" + AWSURIEncoding.encode("ሴ"),
                  signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        SuiteCase(name: "get-unreserved", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                  signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        SuiteCase(name: "get-header-value-trim", path: "/",
                  headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
                  signedHeaders: "host;my-header1;my-header2;x-amz-date",
                  signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
    ]

    @Test(arguments: suite)
    func awsTestSuite(_ example: SuiteCase) {
        let request = SignatureV4.Request(
            method: "GET", path: example.path, query: example.query,
            headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")] + example.headers,
            payloadHash: SignatureV4.emptyPayloadHash)
        #expect(Self.suiteSigner.authorization(for: request, at: Self.suiteDate) ==
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=\(example.signedHeaders), Signature=\(example.signature)")
    }

    @Test func getVanillaIntermediateSteps() {
        let request = SignatureV4.Request(method: "GET", path: "/",
                                          headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
                                          payloadHash: SignatureV4.emptyPayloadHash)
        let canonical = Self.suiteSigner.canonicalRequest(request).text
        #expect(canonical == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(Self.emptyHash)")
        #expect(Self.suiteSigner.stringToSign(canonical, at: Self.suiteDate) ==
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
    }

    @Test func postVanilla() {
        let request = SignatureV4.Request(method: "POST", path: "/",
                                          headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
                                          payloadHash: SignatureV4.emptyPayloadHash)
        #expect(Self.suiteSigner.authorization(for: request, at: Self.suiteDate).hasSuffix(
            "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"))
    }

    @Test func s3GetObjectExample() {
        let request = SignatureV4.Request(method: "GET", path: "/test.txt", headers: [
            ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
            ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z"),
        ], payloadHash: Self.emptyHash)
        #expect(Self.s3Signer.authorization(for: request, at: Self.s3Date) ==
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func s3PutObjectExampleEncodesTheKey() {
        let body = Data("Welcome to Amazon S3.".utf8)
        let hash = SignatureV4.sha256Hex(body)
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SignatureV4.Request(method: "PUT", path: "/" + AWSURIEncoding.encode("test$file.text", keepingSlashes: true), headers: [
            ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", hash),
        ], payloadHash: hash)
        #expect(Self.s3Signer.authorization(for: request, at: Self.s3Date).hasSuffix(
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
    }

    @Test func s3ListObjectsExample() {
        let request = SignatureV4.Request(method: "GET", path: "/", query: [("max-keys", "2"), ("prefix", "J")], headers: [
            ("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z"),
        ], payloadHash: Self.emptyHash)
        #expect(Self.s3Signer.authorization(for: request, at: Self.s3Date).hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    @Test func s3SubresourceWithoutValueKeepsItsEquals() {
        let request = SignatureV4.Request(method: "GET", path: "/", query: [("lifecycle", "")], headers: [
            ("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", Self.emptyHash), ("x-amz-date", "20130524T000000Z"),
        ], payloadHash: Self.emptyHash)
        #expect(Self.s3Signer.canonicalRequest(request).text.split(separator: "\n", omittingEmptySubsequences: false)[2] == "lifecycle=")
        #expect(Self.s3Signer.authorization(for: request, at: Self.s3Date).hasSuffix(
            "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
    }

    /// An Arabic key, path style, on a loopback port: botocore signs it with this signature.
    @Test func arabicKeyMatchesBotocore() throws {
        let endpoint = try S3Endpoint(bucket: "nashra-test", region: "us-east-1", endpoint: "http://127.0.0.1:9000", addressing: nil)
        let body = Data("<p>مرحبا</p>".utf8)
        let hash = SignatureV4.sha256Hex(body)
        #expect(hash == "2f32e858c19d7aa8f4164ca113425aa270b4d6d7a5191cf8982c705c926d6f6c")
        let path = endpoint.path(forKey: "news/tags/اقتصاد/index.html")
        #expect(path == "/nashra-test/news/tags/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/index.html")
        let request = SignatureV4.Request(method: "PUT", path: path, headers: [
            ("host", endpoint.hostHeader), ("x-amz-date", "20261121T093000Z"), ("x-amz-content-sha256", hash),
            ("content-type", "text/html; charset=utf-8"), ("cache-control", "public, max-age=300"),
        ], payloadHash: hash)
        #expect(Self.s3Signer.authorization(for: request, at: Date(timeIntervalSince1970: 1_795_253_400)) ==
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261121/us-east-1/s3/aws4_request, SignedHeaders=cache-control;content-type;host;x-amz-content-sha256;x-amz-date, Signature=b9ec505e6795428b93d434c2371dc676686265385f3af0976a960c4b5f4cce30")
    }

    /// An Arabic prefix in the query (its slashes encoded there), with a session token, in another
    /// region: botocore again.
    @Test func arabicQueryWithSessionTokenMatchesBotocore() {
        let signer = SignatureV4(
            credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                        sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN"),
            region: "eu-central-1", service: "s3")
        let query = [(name: "list-type", value: "2"), (name: "prefix", value: "news/tags/اقتصاد/")]
        #expect(SignatureV4.canonicalQuery(query) == "list-type=2&prefix=news%2Ftags%2F%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF%2F")
        let request = SignatureV4.Request(method: "GET", path: "/nashra-test", query: query, headers: [
            ("host", "127.0.0.1:9000"), ("x-amz-date", "20261121T093000Z"), ("x-amz-content-sha256", Self.emptyHash),
            ("x-amz-security-token", "FQoGZXIvYXdzEXAMPLETOKEN"),
        ], payloadHash: Self.emptyHash)
        #expect(signer.authorization(for: request, at: Date(timeIntervalSince1970: 1_795_253_400)).hasSuffix(
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=eb8f652f4e8fbd59943f3d037db61f8ab85c6665ae4acdaf98ba37d9b41c5efd"))
    }

    @Test func timestampIsUTC() {
        #expect(SignatureV4.timestamp(Self.suiteDate) == ("20150830T123600Z", "20150830"))
        #expect(SignatureV4.timestamp(Date(timeIntervalSince1970: 0)) == ("19700101T000000Z", "19700101"))
        #expect(SignatureV4.timestamp(Date(timeIntervalSince1970: 951_782_399)) == ("20000228T235959Z", "20000228"))
    }
}
