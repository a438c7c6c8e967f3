import ArgumentParser
import Foundation
import Nashra

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new site or a new bulletin.",
        subcommands: [NewSite.self, NewBulletin.self]
    )
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "site", abstract: "Create a site folder with nashra.yaml and an example bulletin.")

    @Argument(help: "The folder to create.")
    var folder: String

    @Option(help: "The site's title.")
    var title = "نشرة الأخبار"

    func run() throws {
        let root = URL(fileURLWithPath: folder)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        guard existing.isEmpty else { throw ValidationError("\(folder) already exists and is not empty") }
        for file in Scaffold.site(title: title) {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        print("created \(folder): build it with `nashra build --source \(folder)`")
    }
}

struct NewBulletin: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bulletin", abstract: "Create a draft bulletin dated now.")

    @Argument(help: "The headline.")
    var title: String

    @Option(help: "The dateline city.")
    var location: String?

    @Option(help: "Tags, separated by commas.")
    var tags: String?

    @Option(help: "The agency filing it.")
    var agency: String?

    @Option(help: "The site folder (default: the current folder).")
    var source = "."

    func run() throws {
        var config = SiteConfig()
        switch SiteConfig.load(site: URL(fileURLWithPath: source), display: (source as NSString).appendingPathComponent("nashra.yaml")) {
        case .success(let loaded): config = loaded?.config ?? config
        case .failure(let failure): throw ValidationError(failure.description)
        }
        let tagList = tags?.split(whereSeparator: { $0 == "," || $0 == "،" }).map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        let file = Scaffold.bulletin(title: title, location: location, tags: tagList.filter { !$0.isEmpty },
                                     agency: agency, date: Date(), config: config)
        let url = URL(fileURLWithPath: source).appendingPathComponent("content").appendingPathComponent(file.relativePath)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("\(url.path) already exists; choose another title")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: url)
        print(url.path)
    }
}
