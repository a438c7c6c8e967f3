import Foundation
import Testing
import NashraCore

@Suite struct NameClaimTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "nashra-claim-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aTakenNameIsNeverReplaced() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("new".utf8).write(to: URL(fileURLWithPath: root + "/new.md"))
        try Data("yesterday".utf8).write(to: URL(fileURLWithPath: root + "/wire.md"))
        #expect(RawFile.claim(root + "/wire.md", for: root + "/new.md") == .taken)
        #expect(try String(contentsOfFile: root + "/wire.md", encoding: .utf8) == "yesterday")
        #expect(FileManager.default.fileExists(atPath: root + "/new.md"))
    }

    @Test func aFreeNameIsClaimedAndTheSourceMovesOrStays() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("story".utf8).write(to: URL(fileURLWithPath: root + "/a.tmp"))
        #expect(RawFile.claim(root + "/a.md", for: root + "/a.tmp", keepingSource: true) == .claimed)
        #expect(FileManager.default.fileExists(atPath: root + "/a.tmp"))
        #expect(RawFile.claim(root + "/b.md", for: root + "/a.tmp") == .claimed)
        #expect(!FileManager.default.fileExists(atPath: root + "/a.tmp"))
        #expect(try String(contentsOfFile: root + "/b.md", encoding: .utf8) == "story")
    }
}
