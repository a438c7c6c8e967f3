import NashraCore
import Testing

@Suite struct BlockArrayTests {
    /// Across block boundaries, read back by index, by iteration and by draining, as an `Array`
    /// given the same appends holds them.
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 200_001])
    func holdsWhatAnArrayHolds(count: Int) {
        var blocks = BlockArray<UInt32>()
        var reference: [UInt32] = []
        var generator = SystemRandomNumberGenerator()
        for position in 0..<count {
            let value = UInt32.random(in: 0...UInt32.max, using: &generator)
            if position % 3 == 0 {
                blocks.append(value)
                reference.append(value)
            } else {
                blocks.append(contentsOf: [value, value &+ 1].prefix(1))
                reference.append(value)
            }
        }
        #expect(blocks.count == reference.count)
        #expect(Array(blocks) == reference)
        #expect(blocks.indices.allSatisfy { blocks[$0] == reference[$0] })
        var read: [UInt32] = []
        blocks.forEachBlock { read += $0 }
        #expect(read == reference)
        var copy = blocks
        var drainedBlocks: [UInt32] = []
        copy.drainBlocks { drainedBlocks += $0 }
        #expect(drainedBlocks == reference && copy.isEmpty && blocks.count == reference.count)
        var drained: [UInt32] = []
        blocks.drain { drained.append($0) }
        #expect(drained == reference)
        #expect(blocks.isEmpty)
        blocks.append(7)
        #expect(Array(blocks) == [7])
    }
}
