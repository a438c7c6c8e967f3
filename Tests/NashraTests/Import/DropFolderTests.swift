import Foundation
import Testing
@testable import Nashra

/// The drop folder's rules: when a file is complete, which names are left alone, and where a
/// taken file goes when its name is already used. Times are given, never waited for.
@Suite struct DropFolderTests {
    static let start = Date(timeIntervalSince1970: 1_795_762_800)

    func at(_ milliseconds: Int) -> Date { Self.start.addingTimeInterval(Double(milliseconds) / 1000) }

    func stamp(size: Int64, modifiedAt milliseconds: Int) -> DropFolder.Stamp {
        DropFolder.Stamp(size: size, modified: at(milliseconds))
    }

    @Test func aFileStillGrowingIsNotTaken() {
        var drop = DropFolder(settle: 0.3)
        // Half written at 0 ms, the rest at 200 ms: each look inside 300 ms of the last change.
        #expect(drop.complete(in: ["wire.txt": stamp(size: 100, modifiedAt: 0)], at: at(0)) == [])
        #expect(drop.complete(in: ["wire.txt": stamp(size: 100, modifiedAt: 0)], at: at(150)) == [])
        #expect(drop.complete(in: ["wire.txt": stamp(size: 200, modifiedAt: 200)], at: at(250)) == [])
        #expect(drop.complete(in: ["wire.txt": stamp(size: 200, modifiedAt: 200)], at: at(450)) == [])
        #expect(drop.complete(in: ["wire.txt": stamp(size: 200, modifiedAt: 200)], at: at(520)) == ["wire.txt"])
        // Taken once only.
        #expect(drop.complete(in: ["wire.txt": stamp(size: 200, modifiedAt: 200)], at: at(2000)) == [])
    }

    @Test func aChangeOfTimeAloneResetsTheWait() {
        var drop = DropFolder(settle: 0.3)
        #expect(drop.complete(in: ["a.txt": stamp(size: 10, modifiedAt: 0)], at: at(0)) == [])
        // Same size, rewritten: still being written.
        #expect(drop.complete(in: ["a.txt": stamp(size: 10, modifiedAt: 280)], at: at(320)) == [])
        #expect(drop.complete(in: ["a.txt": stamp(size: 10, modifiedAt: 280)], at: at(600)) == ["a.txt"])
    }

    @Test func aFileRenamedInOrAlreadyThereIsTakenAtOnce() {
        var drop = DropFolder(settle: 0.3)
        // `mv` keeps the modification time: written long before it landed.
        let listing = ["moved.json": stamp(size: 900, modifiedAt: -60_000), "fresh.txt": stamp(size: 5, modifiedAt: 0)]
        #expect(drop.complete(in: listing, at: at(10)) == ["moved.json"])
        #expect(drop.complete(in: listing, at: at(310)) == ["fresh.txt"])
    }

    @Test func aClockAheadOfOursCountsFromFirstSight() {
        var drop = DropFolder(settle: 0.3)
        let listing = ["nfs.txt": stamp(size: 5, modifiedAt: 3_600_000)]
        #expect(drop.complete(in: listing, at: at(0)) == [])
        #expect(drop.complete(in: listing, at: at(320)) == ["nfs.txt"])
    }

    @Test func aTakenFileThatStaysIsTakenAgainOnlyIfItChanges() {
        var drop = DropFolder(settle: 0.3)
        #expect(drop.complete(in: ["stuck.txt": stamp(size: 5, modifiedAt: -10_000)], at: at(0)) == ["stuck.txt"])
        #expect(drop.complete(in: ["stuck.txt": stamp(size: 5, modifiedAt: -10_000)], at: at(1000)) == [])
        #expect(drop.complete(in: ["stuck.txt": stamp(size: 8, modifiedAt: 1000)], at: at(1000)) == [])
        #expect(drop.complete(in: ["stuck.txt": stamp(size: 8, modifiedAt: 1000)], at: at(1400)) == ["stuck.txt"])
    }

    @Test(arguments: [
        ("wire.txt", false), ("ninjs.json", false), ("خبر عاجل.txt", false), ("README", false),
        (".DS_Store", true), (".wire.txt.swp", true), ("wire.txt.part", true), ("wire.TMP", true),
        ("wire.txt~", true), ("feed.xml.crdownload", true), ("done", true), ("failed", true),
    ])
    func ignoredNames(name: String, ignored: Bool) {
        #expect(DropFolder.isIgnored(name) == ignored)
    }

    @Test(arguments: [
        ("wire.txt", 1, "wire.txt"), ("wire.txt", 2, "wire-2.txt"), ("wire.txt", 12, "wire-12.txt"),
        ("story", 3, "story-3"), ("ap.story.json", 2, "ap.story-2.json"), (".profile", 2, ".profile-2"),
        ("خبر.txt", 2, "خبر-2.txt"),
    ])
    func numberedNames(name: String, number: Int, expected: String) {
        #expect(DropFolder.numberedName(name, number) == expected)
    }

    @Test func aMoveNeverReplacesAFileOfTheSameName() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        Fixtures.write(["inbox/wire.txt": "today", "inbox/done/wire.txt": "yesterday", "inbox/done/wire-2.txt": "the day before"], in: root)
        let inbox = root.appendingPathComponent("inbox").path
        #expect(try DropFolder.move(inbox + "/wire.txt", into: inbox + "/done").get() == "wire-3.txt")
        #expect(try String(contentsOfFile: inbox + "/done/wire.txt", encoding: .utf8) == "yesterday")
        #expect(try String(contentsOfFile: inbox + "/done/wire-3.txt", encoding: .utf8) == "today")
        #expect(!FileManager.default.fileExists(atPath: inbox + "/wire.txt"))
        // failed/ is made when first needed.
        Fixtures.write(["inbox/bad.json": "{"], in: root)
        #expect(try DropFolder.move(inbox + "/bad.json", into: inbox + "/failed").get() == "bad.json")
    }

    @Test func theListingHasOnlyTheFilesToLookAt() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        Fixtures.write(["wire.txt": "x", ".hidden": "x", "copy.part": "x", "done/old.txt": "x", "failed/bad.txt": "x"], in: root)
        #expect(DropFolder.listing(of: root.path).keys.sorted() == ["wire.txt"])
    }
}
