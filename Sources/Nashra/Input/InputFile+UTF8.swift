import NashraCore

extension InputFile {
    /// Decodes file bytes as UTF-8 (a byte-order mark is dropped), or says where the first invalid
    /// byte is.
    static func decodeUTF8(_ data: some Collection<UInt8>, path: String) -> Result<String, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                return .failure(Diagnostic("file is not UTF-8 text (invalid byte here); save it as UTF-8", at: SourceLocation(path: path, line: line, column: column)))
            }
        }
        return .failure(Diagnostic("file is not UTF-8 text; save it as UTF-8", at: SourceLocation(path: path)))
    }
}
