import Dispatch
import Foundation

/// Calls `handler` once on SIGINT or SIGTERM (for `nashra serve`, and `nashra import --watch`).
///
/// Hummingbird's service group listens for the same signals and shuts the server down gracefully,
/// which means waiting for open responses; the live-reload streams never end by themselves, so
/// this closes them (and stops the watcher) for the shutdown to finish. Dispatch tells every
/// source of a signal, so both hear it.
public final class ShutdownSignals: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    public init(handler: @escaping @Sendable () -> Void) {
        let once = Once(handler)
        for signalNumber in [SIGINT, SIGTERM] {
            // A signal source only hears signals the process does not act on itself.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { once.run() }
            source.resume()
            sources.append(source)
        }
    }

    public func cancel() {
        for source in sources { source.cancel() }
    }

    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var handler: (@Sendable () -> Void)?

        init(_ handler: @escaping @Sendable () -> Void) { self.handler = handler }

        func run() {
            let pending = lock.withLock { () -> (@Sendable () -> Void)? in
                defer { handler = nil }
                return handler
            }
            pending?()
        }
    }
}
