import ArgumentParser
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deploy")
    func run() async throws {}
}
