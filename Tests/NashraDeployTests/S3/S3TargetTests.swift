import Foundation
import Testing
@testable import NashraDeploy

/// Deploys to a real S3-compatible server (moto) that each test starts on 127.0.0.1.
@Suite(.serialized) struct S3TargetTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "AKIDNASHRATEST", "AWS_SECRET_ACCESS_KEY": "nashra-test-secret", "HOME": "/nonexistent"]

    /// A small threshold and part size, so that report.pdf (200 KiB) goes up in 4 parts; moto is
    /// told to accept parts that small.
    static func settings(endpoint: String) -> TargetSettings {
        var settings = TargetSettings()
        settings.endpoint = endpoint
        settings.region = "us-east-1"
        settings.multipartThreshold = 64 << 10
        settings.partSize = 64 << 10
        settings.jobs = 4
        return settings
    }

    static func startMoto() throws -> MotoServer {
        try MotoServer(environment: ["S3_UPLOAD_PART_MIN_SIZE": "1024", "MOTO_ALLOW_NONEXISTENT_REGION": "true"])
    }

    /// A client of the code under test, for setting up and inspecting the bucket; always shut down.
    static func withClient<T: Sendable>(_ bucket: String, at endpoint: String,
                                        _ body: (S3Client) async throws -> T) async throws -> T {
        let client = S3Client(
            endpoint: try S3Endpoint(bucket: bucket, region: "us-east-1", endpoint: endpoint, addressing: .path),
            credentials: AWSCredentials(accessKeyID: "AKIDNASHRATEST", secretAccessKey: "nashra-test-secret"))
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    static func createBucket(_ bucket: String, at endpoint: String) async throws {
        _ = try await withClient(bucket, at: endpoint) { try await $0.send("PUT", key: nil, operation: "CreateBucket") }
    }

    static func listing(_ bucket: String, prefix: String, at endpoint: String) async throws -> [String: S3Client.Object] {
        let objects = try await withClient(bucket, at: endpoint) { try await $0.listObjects(prefix: prefix) }
        return Dictionary(uniqueKeysWithValues: objects.map { (String($0.key.dropFirst(prefix.count)), $0) })
    }

    /// An object read back over HTTP with its headers as the server sends them; a missing one is a 404.
    static func get(_ bucket: String, _ key: String, at endpoint: String) async throws -> S3Client.Response {
        try await withClient(bucket, at: endpoint) { client in
            do {
                return try await client.send("GET", key: key, operation: "GetObject")
            } catch DeployError.s3(_, _, let status, _, _) {
                return S3Client.Response(status: status, headers: [:], body: Data())
            }
        }
    }

    @Test func deployTwiceSecondRunTransfersNothing() async throws {
        let moto = try Self.startMoto()
        defer { moto.stop() }
        try await Self.createBucket("nashra-news", at: moto.endpoint)
        let site = try BuiltSite.load(TestSite.exampleBuild)
        let destination = Destination.s3(bucket: "nashra-news", prefix: "ar/")

        let (first, _) = try await TestSite.deploy(TestSite.exampleBuild, to: destination,
                                                   settings: Self.settings(endpoint: moto.endpoint), environment: Self.credentials)
        #expect(first.uploaded == site.files.count && first.deleted == 0)

        // Every file is there under its UTF-8 key; report.pdf went up in parts.
        let objects = try await Self.listing("nashra-news", prefix: "ar/", at: moto.endpoint)
        #expect(Set(objects.keys) == Set(site.files.map(\.path)))
        #expect(objects["tags/اقتصاد/index.html"] != nil)
        #expect(objects["media/report.pdf"]?.etag.hasSuffix("-4") == true)
        #expect(objects["style.css"]?.etag == site.files.first { $0.path == "style.css" }?.md5)

        // Read back over HTTP with the headers a reader's browser would get (moto refuses anonymous
        // reads of private objects, so the GETs are signed).
        let page = try await Self.get("nashra-news", "ar/tags/اقتصاد/index.html", at: moto.endpoint)
        #expect(page.status == 200)
        #expect(page.headers.first(name: "content-type") == "text/html; charset=utf-8")
        #expect(page.headers.first(name: "cache-control") == "public, max-age=300")
        #expect(page.body == (try Data(contentsOf: TestSite.exampleBuild.appendingPathComponent("tags/اقتصاد/index.html"))))
        let expectations: [(String, String, String)] = [
            ("style.css", "text/css; charset=utf-8", "public, max-age=300"),
            ("js/app.3f9a8c2e51.js", "text/javascript; charset=utf-8", CachePolicy.immutable),
            ("fonts/naskh.woff2", "font/woff2", "public, max-age=86400"),
            ("media/report.pdf", "application/pdf", "public, max-age=86400"),
            ("index.html", "text/html; charset=utf-8", "public, max-age=300"),
        ]
        for (path, type, cache) in expectations {
            let object = try await Self.get("nashra-news", "ar/" + path, at: moto.endpoint)
            #expect(object.status == 200, "\(path)")
            #expect(object.headers.first(name: "content-type") == type, "\(path)")
            #expect(object.headers.first(name: "cache-control") == cache, "\(path)")
            #expect(object.body == (try Data(contentsOf: TestSite.exampleBuild.appendingPathComponent(path))), "\(path)")
        }

        let (second, _) = try await TestSite.deploy(TestSite.exampleBuild, to: destination,
                                                    settings: Self.settings(endpoint: moto.endpoint), environment: Self.credentials)
        #expect(second.uploaded == 0 && second.deleted == 0)
        #expect(second.unchanged == site.files.count)
    }

    @Test func deletesWhatTheSiteDroppedAndLeavesOtherPrefixesAlone() async throws {
        let moto = try Self.startMoto()
        let build = TestSite.copyOfBuild()
        defer { moto.stop(); TestSite.remove(build.deletingLastPathComponent()) }
        try await Self.createBucket("nashra-news", at: moto.endpoint)
        let settings = Self.settings(endpoint: moto.endpoint)
        _ = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: "en/"), settings: settings, environment: Self.credentials)
        _ = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: "ar/"), settings: settings, environment: Self.credentials)

        try FileManager.default.removeItem(at: build.appendingPathComponent("tags/اقتصاد"))
        try Data("body{}".utf8).write(to: build.appendingPathComponent("style.css"))
        let (report, _) = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: "ar/"),
                                                    settings: settings, environment: Self.credentials)
        #expect(report.plan.uploads.map(\.path) == ["style.css"])
        #expect(report.plan.deletions.contains("tags/اقتصاد/index.html"))
        let gone = try await Self.get("nashra-news", "ar/tags/اقتصاد/index.html", at: moto.endpoint)
        #expect(gone.status == 404)
        let other = try await Self.get("nashra-news", "en/tags/اقتصاد/index.html", at: moto.endpoint)
        #expect(other.status == 200)
    }

    /// Every third request fails with 500 and every seventh gets no answer before the timeout:
    /// retries with backoff carry the deploy through.
    @Test func completesThroughAFlakyServer() async throws {
        let moto = try Self.startMoto()
        let proxy = try FaultProxy(upstreamPort: moto.port, failEvery: 3, hangEvery: 7, hangSeconds: 2)
        defer { proxy.stop(); moto.stop() }
        try await Self.createBucket("nashra-news", at: moto.endpoint)
        var settings = Self.settings(endpoint: proxy.endpoint)
        settings.timeout = 0.75
        settings.attempts = 6
        let site = try BuiltSite.load(TestSite.exampleBuild)

        let (report, output) = try await TestSite.deploy(TestSite.exampleBuild, to: .s3(bucket: "nashra-news", prefix: ""),
                                                         settings: settings, environment: Self.credentials)
        #expect(report.uploaded == site.files.count)
        #expect(output.warnings.contains("HTTP 500; trying again"))
        #expect(output.warnings.contains("timed out; trying again"))
        let objects = try await Self.listing("nashra-news", prefix: "", at: moto.endpoint)
        #expect(Set(objects.keys) == Set(site.files.map(\.path)))
        // Files past the 64 KiB multipart threshold (the example site's photographs) carry a
        // multipart ETag, not their MD5; the others must match byte for byte.
        for file in site.files where file.size < Self.settings(endpoint: "").multipartThreshold ?? .max {
            #expect(objects[file.path]?.etag == file.md5, "\(file.path)")
        }

        let (second, _) = try await TestSite.deploy(TestSite.exampleBuild, to: .s3(bucket: "nashra-news", prefix: ""),
                                                    settings: settings, environment: Self.credentials)
        #expect(second.plan.changesNothing)
    }

    /// The server dies half-way (every request fails after a point): the deploy stops with an error,
    /// the old site is all still there, and a second run finishes the job.
    @Test func aFailedDeployLeavesTheTargetUsableAndARerunFinishes() async throws {
        let moto = try Self.startMoto()
        let build = TestSite.copyOfBuild()
        defer { moto.stop(); TestSite.remove(build.deletingLastPathComponent()) }
        try await Self.createBucket("nashra-news", at: moto.endpoint)
        let direct = Self.settings(endpoint: moto.endpoint)
        _ = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: ""), settings: direct, environment: Self.credentials)
        let before = try await Self.listing("nashra-news", prefix: "", at: moto.endpoint)

        // A new edition: every page changes, one tag page goes away.
        for path in try BuiltSite.load(build).files.map(\.path) where path.hasSuffix(".html") {
            let url = build.appendingPathComponent(path)
            try (try Data(contentsOf: url) + Data("\n<!-- edition 2 -->\n".utf8)).write(to: url)
        }
        let dropped = TestSite.contents(of: build.appendingPathComponent("tags/اقتصاد")).count
        try FileManager.default.removeItem(at: build.appendingPathComponent("tags/اقتصاد"))
        let proxy = try FaultProxy(upstreamPort: moto.port, failAfter: 12)
        defer { proxy.stop() }
        var failing = Self.settings(endpoint: proxy.endpoint)
        failing.attempts = 2
        await #expect(throws: DeployError.self) {
            try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: ""), settings: failing, environment: Self.credentials)
        }
        let during = try await Self.listing("nashra-news", prefix: "", at: moto.endpoint)
        #expect(Set(during.keys) == Set(before.keys), "nothing was deleted")
        #expect(during["tags/اقتصاد/index.html"] != nil)

        let pages = try BuiltSite.load(build).files.filter { $0.role == .page }.count
        let (rerun, _) = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: ""), settings: direct, environment: Self.credentials)
        #expect(rerun.uploaded > 0 && rerun.uploaded < pages, "the failed run got some pages up, the rerun sent the rest")
        #expect(rerun.deleted == dropped)
        let (last, _) = try await TestSite.deploy(build, to: .s3(bucket: "nashra-news", prefix: ""), settings: direct, environment: Self.credentials)
        #expect(last.plan.changesNothing)
    }

    @Test func noBucketIsAClearError() async throws {
        let moto = try Self.startMoto()
        defer { moto.stop() }
        await #expect {
            try await TestSite.deploy(TestSite.exampleBuild, to: .s3(bucket: "no-such-bucket", prefix: ""),
                                      settings: Self.settings(endpoint: moto.endpoint), environment: Self.credentials)
        } throws: { error in
            "\(error)".contains("NoSuchBucket") && "\(error)".contains("s3://no-such-bucket/")
        }
    }

    @Test func missingCredentialsAreRefusedBeforeAnyRequest() async throws {
        await #expect(throws: DeployError.missingCredentials) {
            try await TestSite.deploy(TestSite.exampleBuild, to: .s3(bucket: "nashra-news", prefix: ""),
                                      settings: Self.settings(endpoint: "http://127.0.0.1:9"), environment: ["HOME": "/nonexistent"])
        }
    }
}
