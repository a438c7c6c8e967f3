import Testing
@testable import Nashra

/// The table of words compares keys eight bytes at a time, in line (`SearchByteTable.same`):
/// every length around a word's, a difference at every position, and keys that differ only in
/// their last bytes number apart.
@Suite struct SearchByteTableTests {
    @Test func keysAreTheSameOnlyWhenEveryByteIs() {
        for length in 0...25 {
            let key = (0..<length).map { UInt8(truncatingIfNeeded: 0xD8 &+ $0 &* 7) }
            key.withUnsafeBufferPointer { a in
                let copy = key
                copy.withUnsafeBufferPointer { b in
                    #expect(length == 0 || SearchByteTable.same(a.baseAddress!, b.baseAddress!, length))
                }
                for position in 0..<length {
                    var other = key
                    other[position] ^= 0x01
                    other.withUnsafeBufferPointer { b in
                        #expect(!SearchByteTable.same(a.baseAddress!, b.baseAddress!, length))
                    }
                }
            }
        }
    }

    @Test func keysDifferingInTheirLastBytesNumberApart() {
        var table = SearchByteTable(capacity: 4)
        let words = ["المحافظة", "المحافظه", "المحافظات", "a", "b", "", "١٢٣٤٥٦٧٨", "١٢٣٤٥٦٧٩", "abcdefgh", "abcdefgi", "abcdefghi"]
            .map { Array($0.utf8) }
        let numbers = words.map { table.number($0) }
        #expect(numbers == Array(0..<words.count))
        #expect(words.map { table.number($0) } == numbers)
        #expect(words.map { table.find($0) } == numbers)
        #expect(table.find(Array("المحافظ".utf8)) == nil)
    }
}
