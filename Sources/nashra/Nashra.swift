import ArgumentParser

@main
struct NashraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nashra",
        abstract: "A static-site generator for news bulletins in Arabic and other right-to-left languages.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, DeployCommand.self, NewCommand.self, ImportCommand.self, SearchCommand.self]
    )
}
