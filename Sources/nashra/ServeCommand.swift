import ArgumentParser
import Foundation
import Logging
import NashraServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on a local server that reloads on every save.",
        discussion: """
        Builds the site (drafts and future bulletins included) into .nashra/serve/ in the site folder, \
        serves it, and rebuilds when content/, templates/, themes/, static/ or nashra.yaml change; \
        open pages reload by themselves. Build errors are shown over the page. Ctrl-C stops it.
        """
    )

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: "The address to listen on. The default keeps the preview on this machine; 0.0.0.0 shows it to the network.")
    var host = "127.0.0.1"

    @Flag(help: "Leave out drafts and bulletins dated in the future, as `nashra build` does.")
    var noDrafts = false

    @Option(help: "The site folder, with nashra.yaml and content/ (default: the current folder).")
    var source: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        let folder = source ?? "."
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(folder) is not a folder; give the site folder with --source")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "nashra.serve")
        logger.logLevel = .info
        let options = ServeOptions(siteFolder: URL(fileURLWithPath: source ?? "."), host: host, port: port,
                                   includeUnpublished: !noDrafts, displayPrefix: source ?? "")
        let preview = PreviewServer(options: options, logger: logger)
        do {
            try await preview.run { address in
                // Written straight to the descriptor: stdout is a pipe under a test or a script, and a
                // buffered line would not be seen until exit.
                FileHandle.standardOutput.write(Data("serving \(options.siteFolder.path) at \(address) (Ctrl-C to stop)\n".utf8))
            }
        } catch where "\(error)".contains("Address already in use") {
            // SwiftNIO's IOError is not a type this target may name; its text is stable enough.
            throw ServeFailure(description: "\(host):\(port) is already in use; choose another --port, or --port 0 for any free one")
        }
    }
}

/// Why `nashra serve` could not start, in words.
struct ServeFailure: Error, CustomStringConvertible {
    var description: String
}
