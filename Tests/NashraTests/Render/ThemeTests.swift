import Foundation
import Testing
@testable import Nashra
import NashraCore

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

    // MARK: Themes checked before

    @Test func aThemeThisProgramCheckedBeforeIsOnlyCompiled() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/404.mustache": "<p>{{site.title}}: لا شيء هنا</p>"], in: site)
        let checked = CheckedThemes(folder: site.appendingPathComponent(".nashra/themes"), program: 1)
        let first = try Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get()
        let second = try Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get()
        #expect(!first.checkedBefore && second.checkedBefore)
        #expect(second.fingerprint == first.fingerprint && second.listEntryKeys == first.listEntryKeys && second.strings == first.strings)
        #expect(Set(try #require(second.compiled).templates.keys) == Set(try #require(first.compiled).templates.keys))
        #expect(second.hasItemTemplate && second.staticFiles.map(\.outputPath) == first.staticFiles.map(\.outputPath))
        #expect(second.render(["site": ["title": "نشرة"]], template: "404") == "<p>نشرة: لا شيء هنا</p>")
        // swift-mustache's parse is still there for what asks for it (the reference renderer).
        #expect(second.withoutCompiledTemplates().render(["site": ["title": "نشرة"]], template: "404") == "<p>نشرة: لا شيء هنا</p>")
        // Another build of Nashra checks again.
        let other = CheckedThemes(folder: checked.folder, program: 2)
        #expect(try !Theme.load(name: "default", site: site, sitePrefix: "", checked: other).get().checkedBefore)
    }

    @Test func aTemplateChangedSinceIsCheckedAgain() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let checked = CheckedThemes(folder: site.appendingPathComponent(".nashra/themes"), program: 1)
        Fixtures.write(["templates/404.mustache": "<p>{{site.title}}</p>"], in: site)
        _ = try Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get()
        Fixtures.write(["templates/404.mustache": "<p>{{site.title}</p>"], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "", checked: checked) else {
            Issue.record("a template broken since the last check must fail")
            return
        }
        #expect(failure.diagnostics.first?.location?.path == "templates/404.mustache")
        // Mended, it is remembered in place of the first version.
        Fixtures.write(["templates/404.mustache": "<p>{{site.title}}!</p>"], in: site)
        #expect(try !Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get().checkedBefore)
        #expect(try Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get().checkedBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: checked.folder.path).count == 1)
    }

    @Test func aDamagedRecordOfACheckIsNotTrusted() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let checked = CheckedThemes(folder: site.appendingPathComponent(".nashra/themes"), program: 1)
        _ = try Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get()
        let records = try FileManager.default.contentsOfDirectory(atPath: checked.folder.path)
        #expect(records.count == 1)
        for damage in ["", "nashra checked theme 1\nkeys", "nashra checked theme 2\nall keys\n", "nashra checked theme 1\nall keys\nextra\n"] {
            try Data(damage.utf8).write(to: checked.folder.appendingPathComponent(records[0]))
            #expect(try !Theme.load(name: "default", site: site, sitePrefix: "", checked: checked).get().checkedBefore, "\(damage)")
        }
    }

    static let unclosedSections: [(template: String, opening: String, message: String)] = [
        // A section left open inside a block: swift-mustache stops at the block's closing tag.
        ("{{<base}}\n{{$main}}\n{{#bulletins}}\n<p>{{title}}</p>\n{{/main}}\n{{/base}}\n", "{{#bulletins}}",
         "template syntax error: section 'bulletins' is opened here but never closed (found {{/main}} on line 5 first); add {{/bulletins}} where it ends"),
        // Left open to the end of the template.
        ("<h1>{{site.title}}</h1>\n  {{^bulletins}}\n<p>{{t.noBulletins}}</p>\n", "{{^bulletins}}",
         "template syntax error: section 'bulletins' is opened here but never closed; add {{/bulletins}} where it ends"),
        // Two open, one closed: the inner one is reported.
        ("{{#site}}\n{{#footer}}\n<a>{{name}}</a>\n{{/site}}\n", "{{#footer}}",
         "template syntax error: section 'footer' is opened here but never closed (found {{/site}} on line 4 first); add {{/footer}} where it ends"),
    ]

    @Test(arguments: unclosedSections)
    func anUnclosedSectionIsReportedAtItsOpeningTag(template: String, opening: String, message: String) throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/404.mustache": template], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "") else {
            Issue.record("an unclosed section must fail")
            return
        }
        let at = position(of: opening, in: template)
        #expect(failure.diagnostics.map(\.description) == ["templates/404.mustache:\(at.line):\(at.column): \(message)"])
    }

    @Test func aClosingTagThatClosesNothingIsReportedWhereItStands() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let template = "{{#site}}\n<p>{{title}}</p>\n{{/sites}}\n"
        Fixtures.write(["templates/404.mustache": template], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "") else {
            Issue.record("a mistyped closing tag must fail")
            return
        }
        #expect(failure.diagnostics.map(\.description) == ["templates/404.mustache:3:4: template syntax error: this closing tag does not match the open section"])
    }

    @Test func aPartialThatIncludesItselfIsAnErrorNotACrash() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/404.mustache": "<p>{{>partials/loop}}</p>", "templates/partials/loop.mustache": "{{>partials/loop}}"], in: site)
        guard case .failure(let failure) = Theme.load(name: "default", site: site, sitePrefix: "") else {
            Issue.record("a partial that includes itself must fail: rendering it overflowed the stack")
            return
        }
        #expect(failure.diagnostics.map(\.description) == [
            "templates/partials/loop.mustache:1:1: template 'partials/loop' includes itself, which never ends; remove this include",
        ])
    }

    @Test func aTooDeepThemeYAMLIsAnError() throws {
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        let text = "strings:\n  home: " + nestedLists(5_000) + "\n"
        Fixtures.write(["themes/plain/theme.yaml": text], in: site)
        guard case .failure(let failure) = Theme.load(name: "plain", site: site, sitePrefix: "") else {
            Issue.record("a too deep theme.yaml must fail")
            return
        }
        // `strings:` opens level 2 of the nesting, so the 63rd `[` opens level 65.
        let at = position(of: "[", occurrence: 63, in: text)
        #expect(failure.diagnostics.contains { $0.location == SourceLocation(path: "themes/plain/theme.yaml", line: at.line, column: at.column) },
                "\(failure)")
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
