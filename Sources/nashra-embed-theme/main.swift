import Foundation

// Writes a Swift file holding every file of a theme folder, base64-encoded (the theme may hold
// fonts and images, and base64 keeps the generated source plain ASCII).
// Usage: nashra-embed-theme THEME_DIR OUTPUT.swift [ENUM_NAME]   (the gazetteer's data folder is
// embedded the same way, as `EmbeddedGazetteer`).
let arguments = CommandLine.arguments
guard arguments.count == 3 || arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: nashra-embed-theme DIR OUTPUT.swift [ENUM_NAME]\n".utf8))
    exit(2)
}
let enumName = arguments.count == 4 ? arguments[3] : "EmbeddedTheme"
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let paths = (FileManager.default.subpaths(atPath: root.path) ?? []).sorted()
var source = "// Generated from \(root.lastPathComponent) by the EmbedTheme plugin. Do not edit.\n"
source += "enum \(enumName) {\n    static let files: [(path: String, base64: String)] = [\n"
for path in paths {
    var isDirectory: ObjCBool = false
    let url = root.appendingPathComponent(path)
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
          !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
    let data = try Data(contentsOf: url)
    let escapedPath = path.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    source += "        (\"\(escapedPath)\", \"\(data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
