import Foundation

/// Bulletins' list entries, each made when the first page that shows it is rendered and dropped
/// after the last one, counted ahead (`uses`). An archive's entries are not all held at once:
/// with the pages rendered roughly newest first (`PageRenderer.renderOrder`), only those of the
/// lists being written are.
///
/// An entry asked for more often than counted is made again, the same; one never counted is
/// made and not kept. Two pages on different threads may both make a missing entry: the first
/// one kept is shared.
final class ListEntryMemo: @unchecked Sendable {
    typealias Entry = [String: TemplateValue]

    private let lock = NSLock()
    private var kept: [Int: Entry] = [:]
    /// Pages still to ask for each bulletin's entry.
    private var uses: [Int32]
    private let make: @Sendable (Int) -> Entry

    init(uses: [Int32], make: @escaping @Sendable (Int) -> Entry) {
        self.uses = uses
        self.make = make
    }

    /// Bulletin `index`'s entry, for one of the pages counted for it.
    func take(_ index: Int) -> Entry {
        if let entry = lock.withLock({ taking(index) }) { return entry }
        let made = make(index)
        return lock.withLock {
            if let entry = taking(index) { return entry }
            if uses[index] > 1 { kept[index] = made }
            release(index)
            return made
        }
    }

    /// How many entries are held now (for tests of the dropping).
    var keptCount: Int { lock.withLock { kept.count } }

    /// The kept entry, with this page's use counted. Called with the lock held.
    private func taking(_ index: Int) -> Entry? {
        guard let entry = kept[index] else { return nil }
        release(index)
        return entry
    }

    /// One page fewer will ask for entry `index`; after the last, it is dropped. Lock held.
    private func release(_ index: Int) {
        guard uses[index] > 0 else { return }
        uses[index] -= 1
        if uses[index] == 0 { kept[index] = nil }
    }
}
