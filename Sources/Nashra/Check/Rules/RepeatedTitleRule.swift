import Foundation
import NashraCore

/// Two bulletins of the same day (in the site's time zone) with the same title: lists, feeds and
/// search results show two headlines a reader cannot tell apart. Reported at each of them.
struct RepeatedTitleRule: CheckRule {
    static let id = "repeated-title"

    func check(_ context: CheckContext) -> [Diagnostic] {
        struct Day: Hashable {
            var year: Int, month: Int, day: Int
            var title: String
        }
        var groups: [Day: [Int]] = [:]
        for (index, checked) in context.bulletins.enumerated() {
            let title = checked.bulletin.title.trimmed().nfc
            guard !title.isEmpty else { continue }
            let civil = context.config.timeZone.localTime(at: checked.bulletin.date.secondsSinceEpoch).civil
            groups[Day(year: civil.year, month: civil.month, day: civil.day, title: title), default: []].append(index)
        }
        var problems: [Diagnostic] = []
        for (day, members) in groups where members.count > 1 {
            let date = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
            for member in members {
                let others = members.filter { $0 != member }.map { context.bulletins[$0].path }.sorted()
                let checked = context.bulletins[member]
                problems.append(Diagnostic("the title '\(day.title)' is also the title of \(others.joined(separator: ", ")) on the same day "
                                           + "(\(date)): readers cannot tell them apart in lists; say what is new in one of them",
                                           at: checked.location(ofKey: "title"), severity: .warning))
            }
        }
        return problems
    }
}
