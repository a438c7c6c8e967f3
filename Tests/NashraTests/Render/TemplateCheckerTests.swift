import Testing
@testable import Nashra
import NashraCore

@Suite struct TemplateCheckerTests {
    let root = TemplateShape.root(strings: ["tags", "urgent"])

    func problems(_ templates: [String: String], pages: [String] = ["page"]) -> [Diagnostic] {
        let sources = templates.mapValues { TemplateChecker.Source(text: $0, path: "templates/x.mustache") }
        return TemplateChecker(templates: sources, root: root).check(pageTemplates: pages)
    }

    @Test func knownNamesPass() {
        let template = """
        <html lang="{{page.lang}}" dir="{{page.dir}}">{{site.title}} {{t.tags}}
        {{#bulletins}}<a href="{{url}}">{{title}}</a>{{#location}}{{name}} {{agency}}{{/location}}{{site.root}}{{/bulletins}}
        {{#bulletin}}{{{content}}}{{#params}}{{anything.goes}}{{/params}}{{/bulletin}}{{^bulletin.image}}none{{/bulletin.image}}
        {{! a comment with {{unknown}} inside is ignored? no: tags inside comments end at the first }} }}
        """
        // The comment above closes at its first `}}`, leaving " }}" as text: still fine.
        #expect(problems(["page": template]).isEmpty)
    }

    func listKeys(_ templates: [String: String], pages: [String] = ["page"]) -> Set<String>? {
        let sources = templates.mapValues { TemplateChecker.Source(text: $0, path: "templates/x.mustache") }
        return TemplateChecker(templates: sources, root: root).listEntryKeys(pageTemplates: pages)
    }

    /// What a build keeps of every listed bulletin: the keys lists name (outer names such as
    /// `site.title` and a tag's own `name` are not the entry's), or everything when a list names
    /// the entry as a whole.
    @Test func listsNameOnlyTheEntryKeysTheyShow() {
        #expect(listKeys(["page": "{{#bulletins}}{{{item}}}{{/bulletins}}"]) == ["item"])
        #expect(listKeys(["page": "{{#bulletins}}<a href=\"{{url}}\">{{title}}</a> {{date.display}}{{site.title}}{{t.tags}}{{/bulletins}}"])
            == ["url", "title", "date"])
        #expect(listKeys(["page": "{{#bulletins}}{{#tags}}{{name}}{{/tags}}{{^summary}}-{{/summary}}{{/bulletins}}"]) == ["tags", "summary"])
        #expect(listKeys(["page": "{{#bulletins}}{{>row}}{{/bulletins}}", "row": "<b>{{headline}}{{agency}}</b>"]) == ["agency"])
        #expect(listKeys(["page": "{{<base}}{{$main}}{{/main}}{{/base}}", "base": "{{#reversed(bulletins)}}{{location.name}}{{/reversed(bulletins)}}"])
            == ["location"])
        #expect(listKeys(["page": "{{title}}{{#bulletin}}{{title}}{{/bulletin}}"]) == [])
        #expect(listKeys(["page": "{{#bulletins}}{{.}}{{/bulletins}}"]) == nil)
        #expect(listKeys(["page": "{{#bulletins}}{{#first()}}x{{/first()}}{{/bulletins}}"]) == nil)
    }

    func cycles(_ templates: [String: String]) -> [String] {
        let sources = Dictionary(uniqueKeysWithValues: templates.map { ($0.key, TemplateChecker.Source(text: $0.value, path: "templates/\($0.key).mustache")) })
        return TemplateChecker(templates: sources, root: root).inclusionCycles().map(\.description)
    }

    @Test func includesThatNeverEndAreReportedAtTheTagClosingTheLoop() {
        #expect(cycles(["page": "<p>{{>partials/loop}}</p>", "partials/loop": "<b>\n  {{>partials/loop}}"]) == [
            "templates/partials/loop.mustache:2:3: template 'partials/loop' includes itself, which never ends; remove this include",
        ])
        #expect(cycles(["page": "{{>a}}", "a": "{{#site}}{{>b}}{{/site}}", "b": "x\n{{<a}}{{/a}}"]) == [
            "templates/b.mustache:2:1: templates include each other without end (a → b → a); remove one of these includes",
        ])
        // One partial included many times, and a chain, are fine.
        #expect(cycles(["page": "{{>item}}{{>item}}{{>nav}}", "nav": "{{>item}}", "item": "<a>{{title}}</a>"]).isEmpty)
        // Through a parent: `base` renders the page's override, which includes `nav`, which
        // includes `base` again with the same override in force (a fuzz run's stack overflow).
        #expect(cycles(["page": "{{<base}}{{$main}}{{>nav}}{{/main}}{{/base}}", "base": "<main>{{$main}}{{/main}}</main>",
                        "nav": "{{>base}}<nav></nav>"]) == [
            "templates/nav.mustache:1:1: templates include each other without end (base → nav → base); remove one of these includes",
        ])
        // A parent whose child includes partials that stay below it is fine.
        #expect(cycles(["page": "{{<base}}{{$main}}{{>nav}}{{/main}}{{/base}}", "base": "<main>{{$main}}{{/main}}</main>",
                        "nav": "{{>item}}", "item": "<a></a>"]).isEmpty)
    }

    @Test func unknownNameIsReportedWithLineAndColumn() {
        let found = problems(["page": "<h1>{{site.title}}</h1>\n  <p>{{bulletin.titel}}</p>"])
        #expect(found.count == 1)
        #expect(found.first?.description == "templates/x.mustache:2:6: unknown template variable 'bulletin.titel'")
    }

    @Test func namesResolveInsideTheirSectionOnly() {
        // `name` exists inside a term, not at the top level.
        #expect(problems(["page": "{{#terms}}{{name}}{{/terms}}"]).isEmpty)
        let outside = problems(["page": "{{#terms}}{{/terms}}{{name}}"])
        #expect(outside.map(\.message) == ["unknown template variable 'name'"])
    }

    @Test func themeStringsAreChecked() {
        #expect(problems(["page": "{{t.urgent}}"]).isEmpty)
        #expect(problems(["page": "{{t.urgnet}}"]).map(\.message) == ["unknown template variable 't.urgnet'"])
    }

    @Test func partialsAreCheckedInTheScopeThatIncludesThem() {
        let templates = ["page": "{{#bulletins}}{{>partials/item}}{{/bulletins}}", "partials/item": "{{title}} {{summry}}"]
        #expect(problems(templates).map(\.message) == ["unknown template variable 'summry'"])
        #expect(problems(["page": "{{>partials/missing}}"]).map(\.message) == ["no partial named 'partials/missing'"])
    }

    @Test func parentsAndBlocksAreChecked() {
        let templates = ["base": "<title>{{$title}}{{page.title}}{{/title}}</title>{{$main}}{{/main}}",
                         "page": "{{<base}}{{$main}}{{bulletin.title}}{{page.nope}}{{/main}}{{/base}}"]
        #expect(problems(templates).map(\.message) == ["unknown template variable 'page.nope'"])
    }

    @Test func tagsAreReadWithPositions() throws {
        let tags = try #require(TemplateChecker.tags(in: "a\nبب {{#x}}\n{{{y}}}{{/x}}"))
        #expect(tags.map(\.name) == ["x", "y", "x"])
        #expect(tags.map(\.line) == [2, 3, 3])
        // Columns count characters, not bytes: Arabic letters are one column each.
        #expect(tags.map(\.column) == [4, 1, 8])
    }
}
