import Foundation
import Testing
@testable import NashraServe

extension OneAtATime {
    /// Connections that say nothing, or stop half-way through a request's head, are closed after
    /// the idle timeout, so that a pile of them cannot hold the server's descriptors; a live-reload
    /// stream, an answer still being sent, stays open.
    @Suite struct IdleConnectionTests {
        @Test func idleAndHalfSentConnectionsAreClosed() async throws {
            try await LivePreview.run(watching: false, idleTimeout: .milliseconds(300)) { live in
                let events = try await live.events()
                let port = live.port
                let closed = try await RawHTTP.offPool { () -> (half: Bool, idle: Bool, headers: Bool) in
                    let half = try RawHTTP(port: port)
                    try half.send(Array("GET /news/ind".utf8))
                    let headers = try RawHTTP(port: port)
                    try headers.send(Array("GET /news/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8))
                    let idle = try RawHTTP(port: port)
                    return (half.waitForClose(timeout: .seconds(20)), idle.waitForClose(timeout: .seconds(20)),
                            headers.waitForClose(timeout: .seconds(20)))
                }
                #expect(closed.half, "a half-sent request line was kept open")
                #expect(closed.headers, "a request whose headers never end was kept open")
                #expect(closed.idle, "a silent connection was kept open")

                // Real requests are still answered, and the event stream outlived the timeout.
                #expect(try await live.raw("/news/").status == 200)
                await live.preview.build()
                #expect(try await events.waitFor("event: reload", timeout: .seconds(20)), "\(events.text)")
            }
        }
    }
}
