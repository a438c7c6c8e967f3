import Foundation
import Testing

extension OneAtATime {
    /// The real `nashra serve` binary: it prints where it listens, serves, and stops on a signal.
    @Suite struct ServeCommandTests {
        @Test(arguments: [SIGINT, SIGTERM])
        func servesAndStopsCleanlyOnASignal(_ signal: Int32) async throws {
            let site = try ServeFixtures.copy("ar-basic")
            defer { ServeFixtures.remove(site) }
            let serve = try ServeProcess(["serve", "--port", "0", "--source", site.path])
            let url = try await serve.address()
            #expect(url.host == "127.0.0.1")
            #expect(url.absoluteString.hasSuffix("/news/"))
            let port = try #require(url.port)

            let page = try await RawHTTP.fetch(port: port, "/news/2026/11/aleppo-rain/")
            #expect(page.status == 200)
            #expect(page.text.contains("أمطار غزيرة في حلب"))
            #expect(page.text.contains("data-nashra-live-reload"))
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(".nashra/serve/index.html").path))

            // An open event stream must not hold the shutdown.
            _ = try await EventStream(port: port)
            serve.signal(signal)
            #expect(await serve.waitForExit(timeout: .seconds(10)), "still running after the signal\n\(serve.standardError)")
            #expect(serve.status == 0, "\(serve.standardError)")
            #expect(await eventually { serve.standardError.contains("stopping") })
            #expect(throws: (any Error).self) { try RawHTTP(port: port) }
        }

        @Test func aSiteThatDoesNotBuildIsServedWithItsErrors() async throws {
            let site = try ServeFixtures.copy("invalid-front-matter")
            defer { ServeFixtures.remove(site) }
            let serve = try ServeProcess(["serve", "--port", "0", "--source", site.path, "--no-drafts"])
            defer { serve.signal(SIGTERM) }
            let port = try #require(try await serve.address().port)
            let reply = try await RawHTTP.fetch(port: port, "/")
            #expect(reply.status == 500)
            #expect(reply.text.contains("The site could not be built"))
            #expect(reply.text.contains("bad-date.md:4:7: &#39;date&#39; is not a date"))
            #expect(reply.text.contains("data-nashra-live-reload"))
            #expect(await eventually { serve.standardError.contains("the build failed with 4 errors") })
            serve.signal(SIGTERM)
            #expect(await serve.waitForExit(timeout: .seconds(10)))
        }

        @Test func aSecondServeOfTheSameSiteOrPortIsRefused() async throws {
            let site = try ServeFixtures.copy("ar-basic")
            let other = try ServeFixtures.copy("ar-basic")
            defer {
                ServeFixtures.remove(site)
                ServeFixtures.remove(other)
            }
            let first = try ServeProcess(["serve", "--port", "0", "--source", site.path])
            defer { first.signal(SIGTERM) }
            let port = try #require(try await first.address().port)

            let sameSite = try ServeProcess(["serve", "--port", "0", "--source", site.path])
            #expect(await sameSite.waitForExit(timeout: .seconds(10)))
            #expect(sameSite.status != 0)
            #expect(await eventually { sameSite.standardError.contains("another nashra serve (process \(first.pid)) is previewing this site") },
                    "\(sameSite.standardError)")

            let samePort = try ServeProcess(["serve", "--port", String(port), "--source", other.path])
            #expect(await samePort.waitForExit(timeout: .seconds(10)))
            #expect(samePort.status != 0)
            #expect(await eventually { samePort.standardError.contains("127.0.0.1:\(port) is already in use") }, "\(samePort.standardError)")

            // The first one is still serving its site.
            #expect(try await RawHTTP.fetch(port: port, "/news/").status == 200)
        }

        @Test func refusesABadPortOrFolder() async throws {
            let badPort = try ServeProcess(["serve", "--port", "70000"])
            #expect(await badPort.waitForExit(timeout: .seconds(10)))
            #expect(badPort.status != 0)
            #expect(await eventually { badPort.standardError.contains("--port must be between 0 and 65535") })

            let noFolder = try ServeProcess(["serve", "--port", "0", "--source", "/nonexistent/site"])
            #expect(await noFolder.waitForExit(timeout: .seconds(10)))
            #expect(noFolder.status != 0)
            #expect(await eventually { noFolder.standardError.contains("is not a folder") })
        }
    }
}
