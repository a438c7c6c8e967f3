import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import NashraServe

/// A preview of a copy of a fixture site, served on a free loopback port by the real Hummingbird
/// server (HummingbirdTesting's live framework), watching its files unless told not to.
struct LivePreview: Sendable {
    let preview: PreviewServer
    let site: URL
    let client: any TestClientProtocol
    let port: Int
    let log: LogRecorder

    /// A request through HummingbirdTesting's client.
    func get(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: nil)
    }

    /// A request with its target sent byte for byte.
    func raw(_ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> RawHTTP.Reply {
        try await RawHTTP.fetch(port: port, target, method: method, headers: headers)
    }

    /// Writes a file of the site, as an editor saving it would.
    func save(_ relative: String, _ text: String) throws {
        try ServeFixtures.write([relative: text], in: site)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(relative), encoding: .utf8)
    }

    /// An open live-reload stream, once its `hello` has arrived.
    func events() async throws -> EventStream {
        try await EventStream(port: port)
    }

    var generation: Int {
        get async { await preview.builder.state.generation }
    }

    static func run(_ fixture: String = "ar-basic", adding files: [String: String] = [:], watching: Bool = true,
                    idleTimeout: Duration? = nil, _ body: @escaping @Sendable (LivePreview) async throws -> Void) async throws {
        let site = try ServeFixtures.copy(fixture, adding: files)
        defer { ServeFixtures.remove(site) }
        let log = LogRecorder()
        var options = ServeOptions(siteFolder: site, host: "127.0.0.1", port: 0)
        if let idleTimeout { options.idleTimeout = idleTimeout }
        let preview = PreviewServer(options: options, logger: log.logger())
        await preview.build()
        let watcher: Task<Void, Never>? = watching ? Task { await preview.watch() } : nil
        defer {
            preview.stop()
            watcher?.cancel()
        }
        let app = preview.makeApplication()
        try await app.test(.live) { (client: any TestClientProtocol) async throws -> Void in
            let port = try #require(client.port)
            let live = LivePreview(preview: preview, site: site, client: client, port: port, log: log)
            do {
                try await body(live)
            } catch {
                preview.stop()
                throw error
            }
            // Open event streams would hold the server's graceful shutdown forever.
            preview.stop()
        }
    }
}

/// A live-reload connection read off the socket, on a Dispatch thread.
final class EventStream: @unchecked Sendable {
    private let connection: RawHTTP

    init(port: Int) async throws {
        connection = try await RawHTTP.offPool {
            let connection = try RawHTTP(port: port)
            try connection.sendRequest(LiveReloadScript.eventsPath, headers: ["Accept": "text/event-stream"])
            return connection
        }
        guard try await waitFor("event: hello") else {
            throw RawHTTP.Failure(description: "no hello on the event stream: \(connection.receivedText)")
        }
    }

    /// Waits until `text` has come `occurrence` times in all, for at most `timeout`.
    func waitFor(_ text: String, occurrence: Int = 1, timeout: Duration = .seconds(5)) async throws -> Bool {
        try await RawHTTP.offPool { [connection] in connection.waitFor(text, occurrence: occurrence, timeout: timeout) }
    }

    var text: String { connection.receivedText }
}
