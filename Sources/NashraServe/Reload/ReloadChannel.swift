import Foundation

/// The open live-reload connections: each browser tab's `EventSource` gets a stream, and every
/// finished build is announced to all of them.
///
/// The channel keeps the number of the build being served, and a new stream starts with it
/// (`hello`) under the same lock that announces builds: a build that finishes while a page
/// connects is either in its `hello` or sent to it afterwards, never lost in between.
///
/// `close()` ends every stream and refuses new ones. The server needs that to stop: it waits for
/// open responses before it shuts down, and an event stream never ends on its own.
final class ReloadChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var listeners: [UUID: AsyncStream<ServerSentEvent>.Continuation] = [:]
    private var generation: Int
    private var closed = false

    init(generation: Int = 0) {
        self.generation = generation
    }

    /// A stream for one connection, starting with `hello`; an already finished one once closed.
    func subscribe() -> AsyncStream<ServerSentEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        let accepted = lock.withLock {
            guard !closed else { return false }
            continuation.yield(.hello(generation: generation))
            listeners[id] = continuation
            return true
        }
        guard accepted else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = lock.withLock { self.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    /// Tells every page that build `generation` is now served.
    func announce(generation: Int) {
        lock.withLock {
            self.generation = generation
            for listener in listeners.values { listener.yield(.reload(generation: generation)) }
        }
    }

    /// Sends a comment line to every connection, so that a closed one fails and is dropped.
    func keepAlive() {
        lock.withLock {
            for listener in listeners.values { listener.yield(.keepAlive) }
        }
    }

    /// How many connections are open; for tests and the log.
    var count: Int { lock.withLock { listeners.count } }

    var isClosed: Bool { lock.withLock { closed } }

    func close() {
        let current = lock.withLock {
            closed = true
            defer { listeners = [:] }
            return Array(listeners.values)
        }
        for listener in current { listener.finish() }
    }
}
