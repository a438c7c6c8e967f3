import Foundation

/// Whole-file reads and writes on file descriptors, without `Data` in between: the build writes
/// every page this way, and reads and writes its cache (megabytes) on each incremental build.
public enum RawFile {
    /// A whole file as bytes, read straight into the array; nil if it cannot be read in full.
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return read(descriptor: descriptor, size: Int(info.st_size))
    }

    /// `size` bytes from an open file; nil if it holds fewer.
    public static func read(descriptor: Int32, size: Int) -> [UInt8]? {
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if read <= 0 { break }
                offset += read
            }
            complete = offset == size
            count = offset
        }
        return complete ? bytes : nil
    }

    /// Creates or truncates `path` and writes `bytes` to it. Returns the file's stamp as the
    /// write left it (renaming the file or its folder later keeps it), so that publishing need
    /// not stat every file again; nil (with `errno` set) on failure.
    @discardableResult
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) -> FileStamp? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard write(bytes, to: descriptor) else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Appends `bytes` to the file at `path`, which must exist; false on failure.
    public static func append(_ bytes: UnsafeRawBufferPointer, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(bytes, to: descriptor)
    }

    /// Writes all of `bytes` to an open file, however many calls it takes; false when one fails.
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count <= 0 { return false }
            offset += count
        }
        return true
    }
}
