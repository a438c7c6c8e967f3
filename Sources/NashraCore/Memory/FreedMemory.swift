#if canImport(Glibc)
import Glibc
#endif

/// Hands the pages of freed memory back to the system between a build's stages.
///
/// glibc keeps what a stage frees in the arena of the thread that allocated it, and a later
/// stage's allocations on other threads do not reuse it: without this, the memory the render
/// stage's workers freed stays resident under the search stage's, and the build's peak is both.
public enum FreedMemory {
    public static func release() {
        #if canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `malloc_trim` (its header is not in Swift's Glibc module); nil with another C library.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif
}
