import Foundation
import Logging

/// Something that reports changes below a folder until it is stopped.
///
/// A watcher looks at a few named entries of one folder (for a site: `content`, `templates`,
/// `themes`, `static`, `nashra.yaml`), each a file or a folder watched with everything below it.
/// An entry that does not exist yet is picked up when it appears.
public protocol FileWatcher: AnyObject, Sendable {
    /// Every change, in the order seen; finishes after `stop()`.
    var changes: AsyncStream<FileChange> { get }
    func stop()
}

/// The best watcher this system has: inotify on Linux, polling elsewhere or when inotify cannot
/// be had (its per-user limit of instances is reached, say).
func makeWatcher(root: URL, entries: Set<String>, pollInterval: Duration = .milliseconds(500),
                 logger: Logger) -> any FileWatcher {
    #if os(Linux)
    do {
        return try InotifyWatcher(root: root, entries: entries, logger: logger)
    } catch {
        logger.warning("inotify is not available (\(error)); watching by polling every \(pollInterval)")
    }
    #endif
    return PollingWatcher(root: root, entries: entries, interval: pollInterval)
}
