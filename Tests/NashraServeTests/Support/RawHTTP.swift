import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 client on a loopback socket, for what a polite client would not send: request
/// targets byte for byte (`/%2e%2e/`, raw `..`, raw UTF-8), and an event stream read as it comes.
///
/// Every read has a deadline, and blocking calls run on Dispatch threads, never on the few threads
/// of Swift's concurrency pool, which the server under test needs.
final class RawHTTP: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One response, read to the end (the request asked the server to close).
    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let socket: Int32
    private var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(socket)
            throw Failure(description: "connect to 127.0.0.1:\(port): \(reason)")
        }
    }

    deinit { close(socket) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += count
        }
    }

    /// Sends a request for `target` (sent as its UTF-8 bytes, unchanged) asking the server to close.
    func sendRequest(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8))
    }

    /// Reads until `done` holds for what was received, the server closes, or `timeout` passes.
    /// Returns everything received so far.
    @discardableResult
    func read(until done: ([UInt8]) -> Bool = { _ in false }, timeout: Duration) -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while !done(received) && clock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                break   // closed
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                break
            }
        }
        return received
    }

    /// Reads (and keeps) what comes until the server closes the connection or `timeout` passes;
    /// true if it closed.
    func waitForClose(timeout: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while clock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return true   // closed (or reset) by the server
            }
        }
        return false
    }

    /// Reads until `text` has appeared `occurrence` times in the stream, or `timeout` passes.
    func waitFor(_ text: String, occurrence: Int = 1, timeout: Duration) -> Bool {
        let needle = Array(text.utf8)
        let found = read(until: { Self.count(of: needle, in: $0) >= occurrence }, timeout: timeout)
        return Self.count(of: needle, in: found) >= occurrence
    }

    var receivedText: String { String(decoding: received, as: UTF8.self) }

    /// One whole request on a new connection, off the concurrency pool.
    static func fetch(port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:],
                      timeout: Duration = .seconds(5)) async throws -> Reply {
        try await offPool {
            let connection = try RawHTTP(port: port)
            try connection.sendRequest(target, method: method, headers: headers.merging(["Connection": "close"]) { a, _ in a })
            let bytes = connection.read(until: { Self.isComplete($0, method: method) }, timeout: timeout)
            return try parse(bytes)
        }
    }

    /// Runs blocking work on a Dispatch thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> Reply {
        guard let end = index(of: Array("\r\n\r\n".utf8), in: bytes) else {
            throw Failure(description: "no complete response head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Reply(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }

    private static func isComplete(_ bytes: [UInt8], method: String) -> Bool {
        guard let reply = try? parse(bytes) else { return false }
        if method == "HEAD" || reply.status == 304 { return true }
        guard let length = reply.header("Content-Length").flatMap({ Int($0) }) else { return false }
        return reply.body.count >= length
    }

    static func index(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func count(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        var count = 0
        var start = 0
        while let found = index(of: needle, in: haystack, from: start) {
            count += 1
            start = found + needle.count
        }
        return count
    }
}
