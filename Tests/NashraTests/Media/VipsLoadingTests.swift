import Foundation
import Testing

/// libvips and its hundred libraries are opened when the first photo is, not when nashra starts
/// (`CVips` is compiled against libvips' headers but not linked to it).
@Suite struct VipsLoadingTests {
    /// The files the dynamic loader opened for a `nashra build` of `fixture`, as `LD_DEBUG` lists them.
    func librariesOpened(building fixture: String) throws -> (status: Int32, opened: [String], errors: String) {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site(fixture), to: root.appendingPathComponent("desk"))
        let run = try Fixtures.run(Fixtures.binary, ["build", "--quiet", "--source", "desk", "--output", "out"], in: root,
                                   environment: ["LD_DEBUG": "files"])
        // "  1234:	file=libvips.so.42 [0];  dynamically loaded by …"
        let opened = run.errors.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "file=") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != " " })
        }
        return (run.status, opened, run.errors)
    }

    @Test func aSiteWithoutPhotosNeverOpensLibvips() throws {
        let build = try librariesOpened(building: "ar-basic")
        #expect(build.status == 0, "\(build.errors.suffix(2000))")
        // The loader's list is read: Foundation is among what it opened.
        #expect(build.opened.contains { $0.hasPrefix("libFoundation") }, "\(build.opened)")
        #expect(!build.opened.contains { $0.hasPrefix("libvips") || $0.hasPrefix("libgobject") }, "\(build.opened)")
    }

    @Test func aSiteWithPhotosOpensLibvipsAndDevelopsThem() throws {
        let build = try librariesOpened(building: "photos")
        #expect(build.status == 0, "\(build.errors.suffix(2000))")
        #expect(build.opened.contains { $0.hasPrefix("libvips.so.") }, "\(build.opened)")
    }
}
