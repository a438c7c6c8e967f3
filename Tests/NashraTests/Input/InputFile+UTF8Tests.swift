import Foundation
import Testing
@testable import Nashra

@Suite("InputFile: UTF-8")
struct InputFileUTF8Tests {
    @Test func decodesUTF8() throws {
        let result = InputFile.decodeUTF8(Data("---\ntitle: أمطار\n".utf8), path: "content/x.md")
        #expect(try result.get() == "---\ntitle: أمطار\n")
    }

    @Test func dropsAByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: أمطار\n".utf8)
        let text = try InputFile.decodeUTF8(data, path: "content/x.md").get()
        #expect(text == "---\ntitle: أمطار\n")
        #expect(text.unicodeScalars.first == "-")
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(name: "Latin-1 byte on line 3", bytes: Array("---\ntitle: x\nab".utf8) + [0xFF] + Array("c\n".utf8), line: 3, column: 3),
        Invalid(name: "bad continuation after Arabic", bytes: Array("a\nحلب".utf8) + [0xC3, 0x28], line: 2, column: 4),
        Invalid(name: "first byte of the file", bytes: [0xFE] + Array("abc".utf8), line: 1, column: 1),
        Invalid(name: "sequence cut at the end", bytes: Array("ab".utf8) + [0xD8], line: 1, column: 3),
        Invalid(name: "after a byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("x\n\ny".utf8) + [0x80], line: 3, column: 2),
        Invalid(name: "Windows line endings", bytes: Array("a\r\nb\r\n".utf8) + [0xC0, 0xAF], line: 3, column: 1),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidBytesWhereTheyAre(_ example: Invalid) throws {
        let result = InputFile.decodeUTF8(Data(example.bytes), path: "content/bulletins/x.md")
        guard case .failure(let problem) = result else {
            Issue.record("decoded invalid UTF-8")
            return
        }
        #expect(problem.location?.line == example.line)
        #expect(problem.location?.column == example.column)
        #expect(problem.message.contains("not UTF-8"))
        #expect(problem.description.hasPrefix("content/bulletins/x.md:\(example.line):\(example.column): "))
    }
}
