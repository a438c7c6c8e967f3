import Foundation
import Mustache
import Testing
@testable import Nashra
import NashraCore

/// The compiled renderer must give the bytes swift-mustache gives: each case renders one set of
/// templates with the same data through both and compares.
@Suite struct TemplateLibraryTests {
    /// Renders `main` from `templates` both ways; returns (compiled, swift-mustache).
    func renderBoth(_ templates: [String: String], _ data: TemplateValue, main: String = "main") throws -> (String?, String?) {
        var compiled: [String: [TemplateNode]] = [:]
        var reference: [String: MustacheTemplate] = [:]
        for (name, text) in templates {
            compiled[name] = try #require(TemplateCompiler.compile(text), "\(name) did not compile")
            reference[name] = try MustacheTemplate(string: text)
        }
        return (TemplateLibrary(templates: compiled).render(data, template: main),
                MustacheLibrary(templates: reference).render(data.anyValue, withTemplate: main))
    }

    func expectSame(_ templates: [String: String], _ data: TemplateValue, expected: String? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (compiled, reference) = try renderBoth(templates, data)
        #expect(compiled == reference, sourceLocation: sourceLocation)
        if let expected { #expect(compiled == expected, sourceLocation: sourceLocation) }
    }

    static let data: TemplateValue = [
        "title": "أمطار <غزيرة> & \"سيول\" 'اليوم'", "count": 3, "urgent": true, "quiet": false,
        "empty": "", "none": [],
        "site": ["title": "نشرة", "lang": "ar"],
        "tags": [["name": "طقس", "url": "/t/1/"], ["name": "حلب", "url": "/t/2/"]],
        "nested": ["inner": ["deep": "عميق"]],
        "words": ["ألف", "باء"],
    ]

    @Test func variablesEscapeAndResolveDottedNames() throws {
        try expectSame(["main": "{{title}}|{{{title}}}|{{& title}}|{{ count }}|{{urgent}}|{{missing}}|{{nested.inner.deep}}|{{site.nope}}"],
                       Self.data)
        try expectSame(["main": "{{#nested}}{{.inner.deep}}{{inner.deep}}{{title}}{{.title}}{{/nested}}"], Self.data,
                       expected: "عميقعميقأمطار &lt;غزيرة&gt; &amp; &quot;سيول&quot; &#39;اليوم&#39;")
        try expectSame(["main": "{{#words}}[{{.}}]{{/words}}{{#title}}{{.}}{{/title}}"], Self.data)
    }

    @Test func sectionsFollowMustacheTruthiness() throws {
        try expectSame(["main": "{{#urgent}}u{{/urgent}}{{#quiet}}q{{/quiet}}{{^quiet}}!q{{/quiet}}{{#empty}}e{{/empty}}"
                            + "{{#none}}n{{/none}}{{^none}}!n{{/none}}{{#missing}}m{{/missing}}{{^missing}}!m{{/missing}}"
                            + "{{#count}}{{.}}{{/count}}{{^tags}}!t{{/tags}}"],
                       Self.data, expected: "u!qe!n!m3")
        // A name not found in the entry is looked up in the scopes around it.
        try expectSame(["main": "{{#tags}}<a href=\"{{url}}\">{{name}} — {{site.title}}</a>{{/tags}}"], Self.data)
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let text = """
        <ul>
          {{#tags}}
          <li>{{name}}</li>
          {{/tags}}
          {{! a comment
          over two lines }}
        {{^none}}
        \t  {{#urgent}}   \r
        x
        {{/urgent}}
        {{/none}}
        </ul>{{#urgent}}
        y{{/urgent}} {{#urgent}}
        """ + "\r\nz\r\n{{/urgent}}\r\n"
        try expectSame(["main": text], Self.data)
    }

    @Test func partialsIndentEveryLineTheyRender() throws {
        let templates = [
            "main": "<div>\n  {{>item}}\n\t{{>item}}\n<p>{{>inline}}</p>\n  {{>missing}}\n</div>\n",
            "item": "<span>\n{{#tags}}\n<b>{{name}}</b>\n{{/tags}}\n</span>\n",
            "inline": "{{title}}\n{{>item}}",
        ]
        try expectSame(templates, Self.data)
    }

    @Test func parentsAndBlocksOverrideAsSwiftMustacheDoes() throws {
        let templates = [
            "base": "<title>{{$title}}{{site.title}}{{/title}}</title>\n<main>\n  {{$main}}\n  default\n  {{/main}}\n</main>\n{{$foot}}f{{/foot}}\n",
            "middle": "{{<base}}\n{{$title}}وسط — {{site.title}}{{/title}}\n{{$foot}}middle foot{{/foot}}\n{{/base}}\n",
            "main": "{{<middle}}\n  {{$main}}\n    <p>{{title}}</p>\n    {{#tags}}\n    <i>{{name}}</i>\n    {{/tags}}\n  {{/main}}\n{{$foot}}own foot{{/foot}}\n{{/middle}}\n",
        ]
        try expectSame(templates, Self.data)
        try expectSame(["base": templates["base"]!, "main": "before {{<base}}{{$title}}T{{/title}}{{/base}} after"], Self.data)
    }

    @Test func delimitersAndContentTypes() throws {
        try expectSame(["main": "{{=<% %>=}}\n<% title %> {{title}}\n<%={{ }}=%>{{title}}"], Self.data)
        try expectSame(["main": "{{title}}\n{{% CONTENT_TYPE: TEXT }}\n{{title}}\n{{>p}}", "p": "{{title}}"], Self.data)
    }

    @Test func themesWithTransformsFallBackToSwiftMustache() throws {
        #expect(TemplateCompiler.compile("{{#reversed(tags)}}{{name}}{{/reversed(tags)}}") == nil)
        #expect(TemplateCompiler.compile("{{>*dynamic}}") == nil)
        let site = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: site) }
        Fixtures.write(["templates/404.mustache": "{{#reversed(site.footer)}}{{name}},{{/reversed(site.footer)}}{{uppercased(site.lang)}}"],
                       in: site)
        let theme = try Theme.load(name: "default", site: site, sitePrefix: "").get()
        #expect(theme.compiled == nil)
        let page: TemplateValue = ["site": ["lang": "ar", "footer": [["name": "أ"], ["name": "ب"]]]]
        #expect(theme.render(page, template: "404") == "ب,أ,AR")
    }

    /// Every page of the example site and of the fixtures, rendered both ways, byte for byte.
    @Test(arguments: ["ar-basic", "mixed-bidi", "news-outputs", "example"])
    func sitesBuildTheSameWithBothRenderers(_ name: String) throws {
        let folder = name == "example" ? ThemeTests.themeFolder.deletingLastPathComponent().deletingLastPathComponent()
            : Fixtures.site(name)
        let scratch = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var outputs: [URL] = []
        for reference in [false, true] {
            let output = scratch.appendingPathComponent(reference ? "reference" : "compiled")
            // mixed-bidi is a bare content folder, built with the defaults.
            let isBare = !FileManager.default.fileExists(atPath: folder.appendingPathComponent("nashra.yaml").path)
            var options = BuildOptions(siteFolder: isBare ? nil : folder, contentFolder: isBare ? folder : nil, outputFolder: output,
                                       rules: PublishingRules(now: Date(timeIntervalSince1970: 1_800_000_000)))
            options.cacheFolder = scratch.appendingPathComponent("cache-\(reference)")
            options.referenceRenderer = reference
            _ = try Builder.build(options)
            outputs.append(output)
        }
        let paths = try FileManager.default.subpathsOfDirectory(atPath: outputs[1].path).sorted()
        #expect(paths.count > 10)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: outputs[0].path).sorted() == paths)
        for path in paths where !FileManager.default.isDirectory(outputs[1].appendingPathComponent(path)) {
            let compiled = try Data(contentsOf: outputs[0].appendingPathComponent(path))
            let reference = try Data(contentsOf: outputs[1].appendingPathComponent(path))
            #expect(compiled == reference, "\(name)/\(path) differs")
        }
    }
}
