import Foundation

/// Tells the person deploying what is happening: on a terminal one line that updates in place,
/// elsewhere (CI logs, pipes) one plain line per file, so that a log says exactly what changed.
public final class ProgressDisplay: @unchecked Sendable {
    public enum Style: Sendable {
        /// One status line on standard error, redrawn at most ten times a second.
        case terminal
        /// A line per uploaded or deleted file.
        case lines
        /// Nothing but warnings.
        case quiet
    }

    public let style: Style
    private let write: @Sendable (String) -> Void
    private let warn: @Sendable (String) -> Void
    private let lock = NSLock()
    private var phase = ""
    private var total = 0
    private var finished = 0
    private var bytes: Int64 = 0
    private var lastDraw = Date.distantPast
    private var lineShown = false

    /// `write` receives plain lines (each ending with a newline), `warn` warnings; both default to
    /// the process's standard output and standard error.
    public init(style: Style,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                warn: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.style = style
        self.write = write
        self.warn = warn
    }

    /// `.terminal` when standard error is a terminal, else `.lines`; `.quiet` if asked.
    public static func automatic(quiet: Bool) -> ProgressDisplay {
        if quiet { return ProgressDisplay(style: .quiet) }
        return ProgressDisplay(style: isatty(STDERR_FILENO) != 0 ? .terminal : .lines)
    }

    /// A batch starts: `count` files of `what` ("uploading assets", "deleting").
    func begin(_ what: String, count: Int) {
        lock.withLock {
            phase = what
            total = count
            finished = 0
            lastDraw = .distantPast
        }
    }

    /// One file of the batch is done.
    func finished(_ verb: String, _ path: String, bytes size: Int64 = 0) {
        lock.withLock {
            finished += 1
            bytes += size
            switch style {
            case .lines: write("\(verb) \(path)\n")
            case .terminal:
                let now = Date()
                guard finished == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
                lastDraw = now
                let status = "\(phase) \(finished)/\(total) · \(ByteCountFormat.string(bytes)) · \(path)"
                warn("\r\u{1B}[2K" + String(status.prefix(terminalWidth - 1)))
                lineShown = true
            case .quiet: break
            }
        }
    }

    /// Something the reader should know although the deploy goes on (a retried request).
    func note(_ message: String) {
        lock.withLock {
            clearLine()
            warn("warning: \(message)\n")
        }
    }

    /// A line of the plan or the summary.
    public func say(_ line: String) {
        lock.withLock {
            clearLine()
            if style != .quiet { write(line + "\n") }
        }
    }

    /// Removes the status line, if one is shown.
    func end() { lock.withLock { clearLine() } }

    private func clearLine() {
        if lineShown {
            warn("\r\u{1B}[2K")
            lineShown = false
        }
    }

    private var terminalWidth: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 100 }
        return Int(size.ws_col)
    }
}
