import ArgumentParser
import Foundation
import Nashra

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a built site through its search index: one line per result, score then URL."
    )

    @Argument(help: "The query, as a reader types it; \"quoted words\" are an exact phrase.")
    var query: String

    @Option(help: "The built site folder (default: site).")
    var site = "site"

    @Option(help: "Search this edition's index: its prefix (en for /en/); default: the default edition's.")
    var edition: String?

    @Option(help: "Only bulletins at this location (its slug).")
    var location: String?

    @Option(help: "Only bulletins with this tag (its slug).")
    var tag: String?

    @Option(help: "At most this many results (default: all).")
    var limit: Int?

    func run() throws {
        var standardError = FileHandle.standardError
        do throws(SearchIndexReader.Failure) {
            // An edition's index is below its prefix as the default edition's is below the site:
            // <site>/en/search/.
            var folder = URL(fileURLWithPath: site)
            let prefix = (edition ?? "").split(separator: "/").joined(separator: "/")
            if !prefix.isEmpty { folder.appendPathComponent(prefix, isDirectory: true) }
            let reader = try SearchIndexReader(site: folder)
            let filters = (location.map { ["@l:" + $0] } ?? []) + (tag.map { ["@t:" + $0] } ?? [])
            var results = try reader.search(query, filters: filters)
            if let limit { results = Array(results.prefix(max(0, limit))) }
            guard !results.isEmpty else {
                print("no results")
                return
            }
            for result in results { print(String(format: "%.3f", result.score) + "\t" + result.url) }
        } catch {
            print("error: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }
}
