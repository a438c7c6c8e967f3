/// An append-only array kept in blocks of a fixed size, for the millions of numbers a build
/// collects before it knows how many there will be (the search index's postings).
///
/// An `Array` that grows by appending doubles its buffer: up to half of it is spare, and while it
/// copies, the old and the new buffer are both alive (three times what it holds). Here what is
/// appended is never moved, and at most one block is partly empty.
///
/// Inlinable: it is used from the pipeline's module, and a generic type's code that the caller's
/// module cannot specialize looks its element type up at run time on every append.
public struct BlockArray<Element>: RandomAccessCollection {
    /// Elements per block: a power of two, so an index splits into block and offset with a shift.
    @inlinable public static var blockShift: Int { 16 }
    @inlinable static var blockSize: Int { 1 << blockShift }

    @usableFromInline var blocks: [[Element]] = []
    @usableFromInline var storedCount = 0

    @inlinable public init() {}

    @inlinable public var count: Int { storedCount }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storedCount }

    @inlinable public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < storedCount, "index out of range")
        return blocks[position >> Self.blockShift][position & (Self.blockSize - 1)]
    }

    /// Walks the blocks, not the indices: one bounds check per element instead of three.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let blocks: [[Element]]
        @usableFromInline var block = 0
        @usableFromInline var offset = 0

        @inlinable init(blocks: [[Element]]) { self.blocks = blocks }

        @inlinable public mutating func next() -> Element? {
            while block < blocks.count {
                if offset < blocks[block].count {
                    defer { offset += 1 }
                    return blocks[block][offset]
                }
                block += 1
                offset = 0
            }
            return nil
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(blocks: blocks) }

    @inlinable public mutating func append(_ element: Element) {
        if storedCount & (Self.blockSize - 1) == 0 {
            var block: [Element] = []
            block.reserveCapacity(Self.blockSize)
            blocks.append(block)
        }
        blocks[blocks.count - 1].append(element)
        storedCount += 1
    }

    @inlinable public mutating func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { append(element) }
    }

    /// Calls `body` with each block's elements in order: the fast way to read them all (the
    /// iterator and the subscript go through the block's array for every element).
    @inlinable public func forEachBlock(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        for block in blocks { try block.withUnsafeBufferPointer(body) }
    }

    /// `forEachBlock`, then empties the array, each block freed as soon as it has been read.
    @inlinable public mutating func drainBlocks(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        var taken: [[Element]] = []
        swap(&taken, &blocks)
        storedCount = 0
        for index in taken.indices {
            try taken[index].withUnsafeBufferPointer(body)
            taken[index] = []
        }
    }

    /// Calls `body` with each element in order, then empties the array; each block is freed as
    /// soon as it has been read, so what the caller builds from it can take its place.
    @inlinable public mutating func drain(_ body: (Element) throws -> Void) rethrows {
        try drainBlocks { block in
            for element in block { try body(element) }
        }
    }
}
