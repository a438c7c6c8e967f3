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
