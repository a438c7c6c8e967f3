import Foundation
@testable import Nashra
import NashraCore

/// Bulletins and settings for site-plan tests, built in memory (no files).
enum PlanFixture {
    static let damascus = TimeZone(identifier: "Asia/Damascus")!
    /// "Now" for publishing rules: 2026-11-20T12:00:00+03:00.
    static let now = Date(timeIntervalSince1970: 1_795_165_200)

    /// A bulletin at `content/<path>`, filed at `date` (read in Damascus time); its slug comes
    /// from the file name unless `slug` is given, as when the content loader reads it.
    static func bulletin(_ path: String, date: String, tags: [String] = [], location: String? = nil,
                         draft: Bool = false, slug: String? = nil) -> Bulletin {
        let source = SourceFile(relativePath: path, displayPath: "content/" + path, absolutePath: "/site/content/" + path,
                                contentHash: 0, bodyOffset: 0, bodyLine: 1)
        var bulletin = Bulletin(source: source)
        bulletin.title = Bulletin.fileStem(of: path)
        bulletin.date = BulletinDate.parse(date, in: damascus)!
        bulletin.tags = tags
        bulletin.location = location
        bulletin.isDraft = draft
        bulletin.slug = slug.map(Slug.make) ?? Slug.make(Bulletin.fileStem(of: path))
        return bulletin
    }

    static func config(paginate: Int = 20, permalink: String? = nil) -> SiteConfig {
        var config = SiteConfig()
        config.timeZone = damascus
        config.paginate = paginate
        if let permalink { config.permalink = try! PermalinkPattern.parse(permalink).get() }
        return config
    }

    static func plan(_ bulletins: [Bulletin], config: SiteConfig = config(), rules: PublishingRules = PublishingRules(now: now)) -> Result<Site, Diagnostics> {
        SitePlanner.plan(bulletins, config: config, rules: rules)
    }
}

extension Site {
    /// The content paths of the published bulletins, in site order.
    var bulletinPaths: [String] { bulletins.map(\.source.relativePath) }

    /// The pages of one kind, in plan order.
    func pages(_ kind: Page.Kind) -> [Page] { pages.filter { $0.kind == kind } }
}
