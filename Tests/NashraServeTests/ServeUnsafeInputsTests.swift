import Foundation
import Testing

extension OneAtATime {
    /// `nashra serve` on a site holding a FIFO and a link out of it: it used to hang every request
    /// (and ignore Ctrl-C) on the FIFO, and to serve the link's target with 200. Every wait here
    /// is bounded, and the process is killed if a test leaves it.
    @Suite struct ServeUnsafeInputsTests {
        @Test func aFIFOAndALinkOutAreErrorsAndTheServerStillAnswersAndStops() async throws {
            let site = try ServeFixtures.copy("ar-basic", adding: ["static/logo.svg": "<svg/>"])
            defer { ServeFixtures.remove(site) }
            let secret = site.deletingLastPathComponent().appendingPathComponent("secret.txt")
            try Data("root:x:0:0".utf8).write(to: secret)
            try FileManager.default.createSymbolicLink(atPath: site.path + "/static/passwd.txt", withDestinationPath: secret.path)
            #expect(mkfifo(site.path + "/content/y.md", 0o644) == 0)

            let serve = try ServeProcess(["serve", "--port", "0", "--source", site.path])
            defer { serve.signal(SIGKILL) }
            let port = try #require(try await serve.address().port)
            let reply = try await RawHTTP.fetch(port: port, "/news/")
            #expect(reply.status == 500)
            #expect(reply.text.contains("content/y.md:1:1: not a regular file"), "\(reply.text)")
            #expect(reply.text.contains("static/passwd.txt:1:1: a symbolic link to"), "\(reply.text)")
            let leak = try await RawHTTP.fetch(port: port, "/news/passwd.txt")
            #expect(leak.status != 200 && !leak.text.contains("root:x:0:0"), "\(leak.status) \(leak.text)")

            serve.signal(SIGINT)
            #expect(await serve.waitForExit(timeout: .seconds(10)), "still running after Ctrl-C\n\(serve.standardError)")
        }
    }
}
