import Foundation
import PackagePlugin

/// Compiles `themes/default/` into the library, so `nashra build` works in a folder that has no
/// themes/ and the installed binary needs no resource bundle beside it.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appendingPathComponent("themes/default")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedTheme.swift")
        let files = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
        return [
            .buildCommand(
                displayName: "Embedding the default theme",
                executable: try context.tool(named: "nashra-embed-theme").url,
                arguments: [theme.path, output.path],
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
