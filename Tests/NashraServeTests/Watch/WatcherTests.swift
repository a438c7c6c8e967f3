import Foundation
import Logging
import Testing
@testable import NashraServe

/// Collects a watcher's changes as they come.
final class ChangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var changes: [FileChange] = []
    private var task: Task<Void, Never>?

    init(_ watcher: any FileWatcher) {
        task = Task { [self] in
            for await change in watcher.changes { lock.withLock { changes.append(change) } }
        }
    }

    var all: [FileChange] { lock.withLock { changes } }

    func contains(_ kind: FileChange.Kind, _ path: String) -> Bool {
        all.contains(FileChange(kind, path))
    }

    func clear() { lock.withLock { changes.removeAll() } }
}

extension OneAtATime {
    /// The same behaviour asked of both watchers: a site folder's entries, files and new folders.
    @Suite struct WatcherTests {
        enum Kind: String, CaseIterable, Sendable { case inotify, polling }

        func makeWatcher(_ kind: Kind, root: URL) throws -> any FileWatcher {
            switch kind {
            case .inotify:
                #if os(Linux)
                return try InotifyWatcher(root: root, entries: ServeOptions.watchedEntries, logger: Logger(label: "test"))
                #else
                return PollingWatcher(root: root, entries: ServeOptions.watchedEntries, interval: .milliseconds(50))
                #endif
            case .polling:
                return PollingWatcher(root: root, entries: ServeOptions.watchedEntries, interval: .milliseconds(50))
            }
        }

        /// Gives the watcher a moment to be listening (polling takes its first listing in `init`).
        func settle() async { try? await Task.sleep(for: .milliseconds(100)) }

        @Test(arguments: Kind.allCases)
        func reportsCreatedModifiedAndRemovedFiles(_ kind: Kind) async throws {
            let root = ServeFixtures.scratch().resolvingSymlinksInPath()
            defer { try? FileManager.default.removeItem(at: root) }
            try ServeFixtures.write(["content/old.md": "old", "nashra.yaml": "title: a\n"], in: root)
            let watcher = try makeWatcher(kind, root: root)
            defer { watcher.stop() }
            let log = ChangeLog(watcher)
            await settle()
            let path = root.path

            try ServeFixtures.write(["content/new.md": "new"], in: root)
            #expect(await eventually { log.contains(.created, path + "/content/new.md") }, "\(log.all)")

            try ServeFixtures.write(["content/old.md": "old, then edited"], in: root)
            #expect(await eventually { log.contains(.modified, path + "/content/old.md") }, "\(log.all)")

            try FileManager.default.removeItem(atPath: path + "/content/old.md")
            #expect(await eventually { log.contains(.removed, path + "/content/old.md") }, "\(log.all)")

            try ServeFixtures.write(["nashra.yaml": "title: b, longer\n"], in: root)
            #expect(await eventually { log.contains(.modified, path + "/nashra.yaml") }, "\(log.all)")
        }

        @Test(arguments: Kind.allCases)
        func followsNewFoldersAndEntriesThatAppearLater(_ kind: Kind) async throws {
            let root = ServeFixtures.scratch().resolvingSymlinksInPath()
            defer { try? FileManager.default.removeItem(at: root) }
            try ServeFixtures.write(["content/a.md": "a"], in: root)
            let watcher = try makeWatcher(kind, root: root)
            defer { watcher.stop() }
            let log = ChangeLog(watcher)
            await settle()
            let path = root.path

            // A new folder and a file in it at once: the file may land before the folder is watched,
            // and must be reported all the same.
            try ServeFixtures.write(["content/2027/01/first.md": "first"], in: root)
            #expect(await eventually { log.contains(.created, path + "/content/2027/01/first.md") }, "\(log.all)")
            // And a file written later in the new folder.
            try await Task.sleep(for: .milliseconds(100))
            try ServeFixtures.write(["content/2027/01/second.md": "second"], in: root)
            #expect(await eventually { log.contains(.created, path + "/content/2027/01/second.md") }, "\(log.all)")

            // templates/ did not exist when watching began.
            try ServeFixtures.write(["templates/home.mustache": "home"], in: root)
            #expect(await eventually { log.contains(.created, path + "/templates/home.mustache") }, "\(log.all)")
            try await Task.sleep(for: .milliseconds(100))
            try ServeFixtures.write(["templates/partials/item.mustache": "item"], in: root)
            #expect(await eventually { log.contains(.created, path + "/templates/partials/item.mustache") }, "\(log.all)")
        }

        @Test(arguments: Kind.allCases)
        func ignoresOtherEntriesAndEditorScratchFiles(_ kind: Kind) async throws {
            let root = ServeFixtures.scratch().resolvingSymlinksInPath()
            defer { try? FileManager.default.removeItem(at: root) }
            try ServeFixtures.write(["content/a.md": "a"], in: root)
            let watcher = try makeWatcher(kind, root: root)
            defer { watcher.stop() }
            let log = ChangeLog(watcher)
            await settle()

            try ServeFixtures.write(["notes.txt": "n", ".nashra/serve/index.html": "built", "site/index.html": "built",
                                     "content/.a.md.swp": "vim", "content/a.md~": "backup", "content/4913": ""], in: root)
            try ServeFixtures.write(["content/b.md": "b"], in: root)
            #expect(await eventually { log.contains(.created, root.path + "/content/b.md") })
            try await Task.sleep(for: .milliseconds(150))
            #expect(Set(log.all.map(\.path)) == [root.path + "/content/b.md"], "\(log.all)")
        }

        #if os(Linux)
        @Test func inotifyWatchesEveryFolderAndStops() async throws {
            let root = ServeFixtures.scratch().resolvingSymlinksInPath()
            defer { try? FileManager.default.removeItem(at: root) }
            try ServeFixtures.write(["content/a/b/c.md": "c", "themes/default/templates/base.mustache": "b", "static/x.css": ""], in: root)
            let watcher = try InotifyWatcher(root: root, entries: ServeOptions.watchedEntries, logger: Logger(label: "test"))
            // root, content, content/a, content/a/b, themes, themes/default, themes/default/templates, static
            #expect(watcher.watchedFolderCount == 8)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("content/d/e"), withIntermediateDirectories: true)
            #expect(await eventually { watcher.watchedFolderCount == 10 })
            try FileManager.default.removeItem(at: root.appendingPathComponent("content/a"))
            #expect(await eventually { watcher.watchedFolderCount == 8 })

            watcher.stop()
            var rest = 0
            for await _ in watcher.changes { rest += 1 }   // finishes: the thread has ended
            #expect(rest >= 0)
        }
        #endif

        /// A site whose `static/` holds a link to a folder tree outside it, and whose `themes`
        /// entry is such a link itself; the tree outside has three folders.
        func siteWithLinksOut() throws -> (root: URL, outside: URL) {
            let scratch = ServeFixtures.scratch().resolvingSymlinksInPath()
            let root = scratch.appendingPathComponent("site"), outside = scratch.appendingPathComponent("usr")
            try ServeFixtures.write(["content/a.md": "a", "static/x.css": "x"], in: root)
            try ServeFixtures.write(["share/doc/readme": "r", "lib/libx.so": "x"], in: outside)
            try FileManager.default.createSymbolicLink(atPath: root.path + "/static/usr", withDestinationPath: outside.path)
            try FileManager.default.createSymbolicLink(atPath: root.path + "/themes", withDestinationPath: outside.path)
            return (root, outside)
        }

        #if os(Linux)
        @Test func inotifyDoesNotFollowLinksOutOfTheSite() throws {
            let (root, _) = try siteWithLinksOut()
            defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
            let watcher = try InotifyWatcher(root: root, entries: ServeOptions.watchedEntries, logger: Logger(label: "test"))
            defer { watcher.stop() }
            // root, content, static: nothing of usr/, usr/share, usr/share/doc, usr/lib.
            #expect(watcher.watchedFolderCount == 3)
        }
        #endif

        @Test func pollingDoesNotListFilesThroughLinksOutOfTheSite() throws {
            let (root, outside) = try siteWithLinksOut()
            defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
            let listed = PollingWatcher.listing(root: root.path, entries: ServeOptions.watchedEntries).keys
            #expect(listed.contains(root.path + "/static/x.css"))
            #expect(!listed.contains { $0.hasPrefix(root.path + "/static/usr/") || $0.hasPrefix(root.path + "/themes/") || $0.hasPrefix(outside.path) },
                    "\(listed.sorted())")
        }

        @Test func pollingComparesListings() {
            let date = Date(timeIntervalSince1970: 1000)
            let old: [String: PollingWatcher.Stamp] = [
                "/s/content": .init(modified: date, size: 0, isFolder: true),
                "/s/content/a.md": .init(modified: date, size: 3, isFolder: false),
                "/s/content/b.md": .init(modified: date, size: 3, isFolder: false),
                "/s/content/c.md": .init(modified: date, size: 3, isFolder: false),
            ]
            var new = old
            new["/s/content"] = .init(modified: date + 1, size: 0, isFolder: true)
            new["/s/content/a.md"] = .init(modified: date + 1, size: 3, isFolder: false)
            new["/s/content/b.md"] = nil
            new["/s/content/d.md"] = .init(modified: date, size: 1, isFolder: false)
            new["/s/content/c.md"] = .init(modified: date, size: 4, isFolder: false)
            #expect(PollingWatcher.differences(from: old, to: new) == [
                FileChange(.modified, "/s/content/a.md"), FileChange(.removed, "/s/content/b.md"),
                FileChange(.modified, "/s/content/c.md"), FileChange(.created, "/s/content/d.md"),
            ])
        }
    }
}
