import Foundation

/// An HTTP proxy on 127.0.0.1 in front of a test server that breaks requests on purpose: every
/// `failEvery`-th request gets a 500, every `hangEvery`-th gets no answer for `hangSeconds` (each
/// distinct request at most once, so that a client that retries always gets through: counting alone
/// could land one upload's every retry on a faulty slot), and after `failAfter` requests every one
/// fails. It counts requests, stops by itself after
/// `lifetime` seconds, and is stopped by the test before that.
final class FaultProxy: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let script: URL

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(upstreamPort: Int, failEvery: Int = 0, hangEvery: Int = 0, hangSeconds: Double = 2,
         failAfter: Int = 0, lifetime: Double = 300) throws {
        script = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-fault-proxy-\(UUID().uuidString).py")
        try Data(Self.source.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, String(upstreamPort), String(failEvery), String(hangEvery),
                             String(hangSeconds), String(failAfter), String(lifetime)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The proxy's first line is the port it got.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            MotoServer.stop(process)
            throw ServerFailure("the fault proxy did not start")
        }
        self.port = port
        self.process = process
        DispatchQueue.global().async { _ = output.fileHandleForReading.readDataToEndOfFile() }
    }

    func stop() {
        MotoServer.stop(process)
        try? FileManager.default.removeItem(at: script)
    }

    deinit { stop() }

    private static let source = #"""
    import http.client, http.server, sys, threading, time

    upstream, fail_every, hang_every = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    hang_seconds, fail_after, lifetime = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
    count = 0
    faulted = set()
    lock = threading.Lock()
    ERROR = (b'<?xml version="1.0" encoding="UTF-8"?>'
             b'<Error><Code>InternalError</Code><Message>injected by the test proxy</Message></Error>')

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def relay(self):
            global count
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with lock:
                count += 1
                n = count
                periodic = (fail_every and n % fail_every == 0) or (hang_every and n % hang_every == 0)
                request = (self.command, self.path)
                first_fault = periodic and request not in faulted
                if first_fault:
                    faulted.add(request)
            if (fail_after and n > fail_after) or (first_fault and fail_every and n % fail_every == 0):
                self.send_response(500)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(ERROR)))
                self.end_headers()
                self.wfile.write(ERROR)
                return
            if first_fault and hang_every and n % hang_every == 0:
                time.sleep(hang_seconds)
                self.close_connection = True
                return
            upstream_connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
            upstream_connection.request(self.command, self.path, body=body, headers=dict(self.headers.items()))
            response = upstream_connection.getresponse()
            data = response.read()
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            upstream_connection.close()

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = relay

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever()
    """#
}
