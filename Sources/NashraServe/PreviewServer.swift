import Foundation
import Hummingbird
import Logging
import Nashra

/// The preview behind `nashra serve`: builds the site into a folder of its own, serves it on
/// Hummingbird, watches the sources and rebuilds after every burst of changes, and tells open
/// pages to reload over Server-Sent Events.
///
/// ```
/// let preview = PreviewServer(options: ServeOptions(siteFolder: site), logger: logger)
/// try await preview.run { url in print("serving at \(url)") }   // until SIGINT or SIGTERM
/// ```
public final class PreviewServer: Sendable {
    public let options: ServeOptions
    let logger: Logger
    let builder: PreviewBuilder
    let reloads = ReloadChannel()
    private let watching = WatchHandle()

    public init(options: ServeOptions, logger: Logger) {
        self.options = options
        self.logger = logger
        builder = PreviewBuilder(options: options, logger: logger)
    }

    /// Builds, serves and watches until SIGINT or SIGTERM; `onListening` gets the address to open,
    /// with the port the system chose when `options.port` is 0.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let lock = try PreviewLock(outputFolder: options.outputFolder)
        defer { withExtendedLifetime(lock) {} }   // held until the server has stopped
        await build()
        let signals = ShutdownSignals { [self] in
            logger.info("stopping")
            stop()
        }
        defer { signals.cancel() }
        let app = makeApplication(onListening: { port in
            let state = await self.builder.state
            onListening(self.address(port: port, rootPath: state.rootPath))
        })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.watch() }
            group.addTask { await self.keepConnectionsAlive() }
            // Also when the server cannot start (its port is taken): nothing else would end these.
            defer {
                stop()
                group.cancelAll()
            }
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        }
    }

    /// Runs one build and tells open pages about it.
    @discardableResult
    func build(after changes: [FileChange] = []) async -> BuildState {
        let state = await builder.rebuild(after: changes)
        reloads.announce(generation: state.generation)
        return state
    }

    /// The Hummingbird application serving the preview; `run()` runs it, tests run it on port 0.
    func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let responder = PreviewResponder(folder: ServedFolder(root: options.outputFolder), builder: builder,
                                         reloads: reloads, logger: logger)
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Self.nanoseconds(options.idleTimeout)))),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "nashra"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Watches the site's sources and rebuilds after each burst of changes, until `stop()`.
    func watch() async {
        let watcher = makeWatcher(root: options.siteFolder, entries: ServeOptions.watchedEntries, logger: logger)
        guard watching.start(watcher) else {
            watcher.stop()
            return
        }
        let debouncer = ChangeDebouncer(quiet: options.quietWindow)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await change in watcher.changes { debouncer.record(change) }
                debouncer.finish()
            }
            for await batch in debouncer.batches {
                await build(after: batch)
            }
        }
    }

    /// Ends the live-reload streams and the watching; the server itself stops on the signal.
    func stop() {
        reloads.close()
        watching.stop()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    private func keepConnectionsAlive() async {
        while !Task.isCancelled && !reloads.isClosed {
            try? await Task.sleep(for: .seconds(15))
            reloads.keepAlive()
        }
    }

    private func address(port: Int, rootPath: String) -> String {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return "http://\(host):\(port)\(Permalink.percentEncode(rootPath))"
    }
}

/// The running watcher, so that `stop()` can reach it; stopped for good once stopped.
private final class WatchHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var watcher: (any FileWatcher)?
    private var stopped = false

    func start(_ watcher: any FileWatcher) -> Bool {
        lock.withLock {
            guard !stopped else { return false }
            self.watcher = watcher
            return true
        }
    }

    func stop() {
        let current = lock.withLock {
            stopped = true
            return watcher
        }
        current?.stop()
    }
}
