import Testing
import NashraCore

@Suite struct ByteHashTests {
    @Test func hashSeesEveryByteAndLength() {
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { ByteHash.of($0) } }
        let text = Array("بيان عاجل: أمطار غزيرة على حلب، 12 mm في ساعة واحدة.".utf8)
        #expect(hash(text) == hash(Array(text)))
        var seen: Set<UInt64> = [hash(text)]
        // One changed bit anywhere (in the 8-byte words and in the tail) gives another hash.
        for index in text.indices {
            for bit in [0, 7] as [UInt8] {
                var changed = text
                changed[index] ^= 1 << bit
                seen.insert(hash(changed))
            }
        }
        #expect(seen.count == 1 + text.count * 2)
        // Trailing zero bytes are not lost.
        #expect(Set([hash([]), hash([0]), hash([0, 0]), hash([UInt8](repeating: 0, count: 8)), hash([UInt8](repeating: 0, count: 9))]).count == 5)
    }
}
