import Foundation
import PackagePlugin

/// Compiles `themes/default/` into the library, so `nashra build` works in a folder that has no
/// themes/ and the installed binary needs no resource bundle beside it; and `data/gazetteer/`
/// (the default places and country outlines) the same way.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "nashra-embed-theme").url
        func embed(_ folder: String, as name: String, displayName: String) -> Command {
            let source = context.package.directoryURL.appendingPathComponent(folder)
            let output = context.pluginWorkDirectoryURL.appendingPathComponent(name + ".swift")
            let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])?
                .compactMap { $0 as? URL }
                .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
            return .buildCommand(displayName: displayName, executable: tool, arguments: [source.path, output.path, name],
                                 inputFiles: files, outputFiles: [output])
        }
        return [
            embed("themes/default", as: "EmbeddedTheme", displayName: "Embedding the default theme"),
            embed("data/gazetteer", as: "EmbeddedGazetteer", displayName: "Embedding the default gazetteer"),
        ]
    }
}
