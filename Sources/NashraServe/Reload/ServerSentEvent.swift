/// One message on the live-reload stream, in the `text/event-stream` wire format.
struct ServerSentEvent: Sendable, Equatable {
    /// The event's name (`event:`), or nil for a comment line that only keeps the connection alive.
    var name: String?
    var data: String

    static func reload(generation: Int) -> Self { Self(name: "reload", data: String(generation)) }
    /// Sent first on every connection: the build now served. A page built earlier reloads at once,
    /// which covers a rebuild that finished between loading the page and connecting.
    static func hello(generation: Int) -> Self { Self(name: "hello", data: String(generation)) }
    static let keepAlive = Self(name: nil, data: "keep-alive")

    var wireFormat: String {
        guard let name else { return ": \(data)\n\n" }
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return "event: \(name)\n" + lines + "\n"
    }
}
