import Foundation
import Testing
@testable import Nashra

/// A FIFO where a file is expected used to hang `nashra build` forever. These run the real binary
/// and kill it if it has not finished after a generous bound, so that a regression fails instead
/// of hanging the test run. FIFOs are made here, not committed.
@Suite struct SpecialFilesTests {
    struct Run {
        var status: Int32
        var errors: String
        var finished: Bool
    }

    func nashra(_ arguments: [String], in folder: URL, bound: TimeInterval = 120) throws -> Run {
        let process = Process()
        process.executableURL = Fixtures.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let finished = ended.wait(timeout: .now() + bound) == .success
        if !finished {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        return Run(status: process.terminationStatus, errors: String(decoding: err, as: UTF8.self), finished: finished)
    }

    @Test(arguments: ["content/y.md", "static/y.css", "templates/y.mustache", "content/2026/y.md", "nashra.yaml"])
    func aFIFOIsAnErrorAtItsPathNotAHang(_ place: String) throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        Fixtures.write(["desk/nashra.yaml": "title: نشرة\n", "desk/content/rain.md": "---\ntitle: مطر\ndate: 2026-11-20\n---\nنص.\n",
                        "desk/static/style.css": "", "desk/templates/.keep": "", "desk/content/2026/.keep": ""], in: root)
        try? FileManager.default.removeItem(at: root.appendingPathComponent("desk/" + place))
        #expect(mkfifo(root.appendingPathComponent("desk/" + place).path, 0o644) == 0)

        let run = try nashra(["build", "--source", "desk", "--output", "out"], in: root)
        #expect(run.finished, "nashra build hung on a FIFO at \(place)")
        #expect(run.status == 1)
        // The walks name the kind of file; nashra.yaml, read on its own, is found by the open.
        #expect(run.errors.contains("desk/\(place):1:1: not a regular file"), "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }
}
