import Foundation
import Testing
@testable import Nashra
import NashraCore

@Suite("InputFile")
struct InputFileTests {
    /// A FIFO put where a checked file was (the race the walk cannot close) must not block the
    /// read. Bounded: if the read is still blocked after a while, the test opens the FIFO's
    /// other end itself, which releases it, and fails instead of hanging.
    @Test func aFIFOIsRefusedWithoutBlocking() async throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("y.md").path
        #expect(mkfifo(path, 0o644) == 0)
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Thread {
            result.value = InputFile.read(path, display: "content/y.md", limit: .defaultLimit)
            done.signal()
        }.start()
        if done.wait(timeout: .now() + 20) == .timedOut {
            Issue.record("reading a FIFO blocked")
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
        }
        guard case .failure(let problem) = result.value else {
            Issue.record("a FIFO was read: \(String(describing: result.value))")
            return
        }
        #expect(problem.description == "content/y.md:1:1: not a regular file; only regular files are read, so replace it with one or remove it")
    }

    @Test func aFileOverTheLimitIsRefusedFromItsSize() throws {
        let folder = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.md").path
        // Sparse: 6 MiB on paper, nothing on disk.
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
        #expect(ftruncate(descriptor, 6 << 20) == 0)
        close(descriptor)
        guard case .failure(let problem) = InputFile.read(path, display: "content/big.md", limit: .defaultLimit) else {
            Issue.record("a 6 MiB file was read under a 5 MiB limit")
            return
        }
        #expect(problem.description == "content/big.md:1:1: the file is 6 MiB, over the limit of 5 MiB per file; split it, or raise limits.fileSize in nashra.yaml")
        #expect(try InputFile.read(path, display: "static/big.bin", limit: nil).get().count == 6 << 20)
    }
}

private final class ResultBox: @unchecked Sendable {
    var value: Result<[UInt8], Diagnostic>?
}

extension InputFileTests {
    @Test func aMissingFileIsNoneAndALinkMustStayInside() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        Fixtures.write(["site/real.yaml": "title: x\n", "outside.yaml": "title: y\n"], in: root)
        let site = root.appendingPathComponent("site")
        let boundary = InputBoundary(folder: site, name: "the site folder")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/nashra.yaml", withDestinationPath: "../outside.yaml")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/inside.yaml", withDestinationPath: "real.yaml")

        #expect(try InputFile.readIfPresent(site.path + "/missing.yaml", display: "missing.yaml", limit: nil, boundary: boundary).get() == nil)
        #expect(try InputFile.readIfPresent(site.path + "/inside.yaml", display: "inside.yaml", limit: nil, boundary: boundary).get() == Array("title: x\n".utf8))
        guard case .failure(let problem) = InputFile.readIfPresent(site.path + "/nashra.yaml", display: "site/nashra.yaml", limit: nil, boundary: boundary) else {
            Issue.record("a link out of the site was read")
            return
        }
        #expect(problem.description == "site/nashra.yaml:1:1: a symbolic link to ../outside.yaml, outside the site folder; copy the file in instead")
    }
}
