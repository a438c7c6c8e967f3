import Testing
@testable import Nashra

@Suite("FileSize")
struct FileSizeTests {
    static let written: [(text: String, bytes: Int)] = [
        ("1048576", 1_048_576),
        ("512KiB", 512 * 1024),
        ("5MiB", 5 * 1024 * 1024),
        ("5 MiB", 5 * 1024 * 1024),
        ("10MB", 10_000_000),
        ("2GiB", 2 * 1024 * 1024 * 1024),
        ("300KB", 300_000),
        ("700B", 700),
    ]

    @Test(arguments: written)
    func readsSizesAsPeopleWriteThem(_ row: (text: String, bytes: Int)) throws {
        #expect(try FileSize.parse(row.text).get().bytes == row.bytes)
    }

    @Test(arguments: ["", "0", "0MiB", "-5MiB", "5.5MiB", "5mb", "MiB", "five MiB", "5 MiBs", "99999999999999999999GiB"])
    func refusesWhatIsNotASize(_ text: String) {
        guard case .failure(let invalid) = FileSize.parse(text) else {
            Issue.record("\(text) was read as a size")
            return
        }
        #expect(invalid.message.contains("512KiB, 5MiB, 10MB"))
    }

    @Test(arguments: [(700, "700 bytes"), (1, "1 byte"), (5 * 1024 * 1024, "5 MiB"), (12_900_000, "12.3 MiB"),
                      (1536, "1.5 KiB"), (3 * 1024 * 1024 * 1024, "3 GiB"), (Int.max, "8589934592 GiB")])
    func describesSizesInBinaryUnits(_ row: (bytes: Int, text: String)) {
        #expect(FileSize(bytes: row.bytes).description == row.text)
    }

    @Test func nashraYAMLSetsTheLimit() throws {
        #expect(try SiteConfig.parse("title: x\n", path: "nashra.yaml").get().fileSizeLimit == .defaultLimit)
        #expect(try SiteConfig.parse("limits: { fileSize: 512KiB }\n", path: "nashra.yaml").get().fileSizeLimit.bytes == 512 * 1024)
        #expect(try SiteConfig.parse("limits:\n  fileSize: 2048\n", path: "nashra.yaml").get().fileSizeLimit.bytes == 2048)
    }
}
