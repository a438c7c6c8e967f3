import Foundation
import Testing
@testable import Nashra

@Suite struct ThemeTests {
    static let themeFolder = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes/default")

    @Test func builtInThemeIsTheDefaultThemeFolder() throws {
        // The plugin embeds themes/default; the binary's copy must be exactly the folder's.
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.themeFolder.path)
            .filter { !$0.hasPrefix(".") && !FileManager.default.isDirectory(Self.themeFolder.appendingPathComponent($0)) }
        #expect(Set(EmbeddedTheme.files.map(\.path)) == Set(onDisk))
        for (path, base64) in EmbeddedTheme.files {
            let disk = try Data(contentsOf: Self.themeFolder.appendingPathComponent(path))
            #expect(Data(base64Encoded: base64) == disk, "\(path) differs from the built-in copy")
        }
    }

    @Test func defaultThemeLoadsAndHasEveryPageTemplate() throws {
        let theme = try Theme.load(name: "default", site: nil, sitePrefix: "").get()
        #expect(theme.strings["urgent"] == "عاجل")
        #expect(theme.staticFiles.map(\.outputPath).contains("style.css"))
        for name in Theme.pageTemplates {
            #expect(theme.library.getTemplate(named: name) != nil, "missing \(name)")
        }
    }

    @Test func stylesheetUsesLogicalPropertiesOnly() throws {
        let css = try String(contentsOf: Self.themeFolder.appendingPathComponent("static/style.css"), encoding: .utf8)
        for word in ["left", "right"] {
            #expect(!css.lowercased().contains(word), "style.css mentions '\(word)': use logical properties")
        }
    }

    @Test func siteTemplatesOverrideTheTheme() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/404.mustache": "<p>{{site.title}}: لا شيء هنا</p>"], in: site)
        let theme = try Theme.load(name: "default", site: site, sitePrefix: "").get()
        #expect(theme.render(["site": ["title": "نشرة"]], template: "404") == "<p>نشرة: لا شيء هنا</p>")
    }

    @Test func defaultThemeTranslatesABulletinsOwnWordsToEnglish() throws {
        let theme = try Theme.load(name: "default", site: nil, sitePrefix: "").get()
        #expect(theme.translations["en"]?["by"] == "By")
        #expect(theme.translations["en"]?["urgent"] == "Urgent")
    }

    @Test func aTranslatedNameTheThemeLacksIsAnErrorAtItsLine() {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["themes/custom/theme.yaml": "strings:\n  by: \"بقلم\"\nlanguages:\n  en:\n    by: \"By\"\n    bi: \"Typo\"\n"],
                       in: site)
        guard case .failure(let failure) = Theme.load(name: "custom", site: site, sitePrefix: "") else {
            Issue.record("a misspelt translated name must fail")
            return
        }
        #expect(failure.description.contains("theme.yaml:6:5: 'languages.en.bi' is not one of the theme's strings"),
                "\(failure.description)")
    }

    @Test func missingThemeIsAnError() {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        guard case .failure(let failure) = Theme.load(name: "newspaper", site: site, sitePrefix: "") else {
            Issue.record("a missing theme must fail")
            return
        }
        #expect(failure.description.contains("theme 'newspaper' not found"))
    }
}

extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

@Suite struct ListItemTests {
    @Test func theItemPartialMayNotDependOnThePage() {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/partials/bulletin-item.mustache": "<a href=\"{{url}}\">{{title}}</a>\n<p>{{page.url}}</p>\n"], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "") else {
            Issue.record("a page-dependent item partial must be refused")
            return
        }
        #expect(failure.diagnostics.map(\.description) == [
            "templates/partials/bulletin-item.mustache:2:4: unknown template variable 'page.url'; partials/bulletin-item is rendered once per bulletin for every list, so it may use only the entry's own keys, site and t",
        ])
    }

    @Test func everyListShowsTheItemRenderedOnce() throws {
        let root = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Fixtures.site("ar-basic"), to: root.appendingPathComponent("desk"))
        Fixtures.write(["desk/templates/partials/bulletin-item.mustache": "<p class=\"probe\">{{title}} · {{site.title}} · {{t.urgent}}</p>\n"], in: root)
        _ = try Builder.build(BuildOptions(siteFolder: root.appendingPathComponent("desk"),
                                           rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000))))
        let expected = #"<p class="probe">أمطار غزيرة في حلب · نشرة الاختبار · عاجل</p>"#
        for page in ["index.html", "tags/طقس/index.html", "locations/حلب/index.html"] {
            let html = try String(contentsOf: root.appendingPathComponent("desk/site/\(page)"), encoding: .utf8)
            #expect(html.contains(expected), "\(page)")
        }
    }
}
