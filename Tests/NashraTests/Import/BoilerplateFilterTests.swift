import Testing
@testable import Nashra

@Suite struct BoilerplateFilterTests {
    static let rows: [(line: String, verdict: BoilerplateFilter.Verdict)] = [
        ("تابعونا على قناة الوكالة في تلغرام", .footer),
        ("https://t.me/example_wire_agency", .footer),
        ("قناة الوكالة: https://t.me/example_wire_agency", .footer),
        ("لمتابعة الأخبار العاجلة أرسلوا كلمة «اشتراك» عبر واتساب إلى الرقم 0900 000 000", .footer),
        ("للاشتراك بالخدمة أرسل رسالة إلى ٠٩٠٠٠٠٠٠٠٠", .footer),
        ("(انتهى)", .footer),
        ("ـــــــــــــ", .footer),
        ("Follow us on Telegram: https://t.me/example_wire_agency", .footer),
        ("Subscribe to our WhatsApp channel", .footer),
        // Half a footer: kept, with a warning.
        ("للاستفسار عن البطاقات: 01 234 567", .uncertain),
        ("تابعوا آخر المستجدات", .uncertain),
        // The story, even when it talks about the same things.
        ("وكان آلاف المواطنين قد تابعوا البث المباشر للمباراة عبر قنوات على تلغرام وفيسبوك خلال الأيام الماضية بسبب انقطاع الكهرباء عن أحياء واسعة من المدينة منذ أسبوعين على الأقل.", .story),
        ("وتستمر السوق حتى نهاية كانون الثاني القادم.", .story),
        ("Visitors can buy books at a 20% discount until the fair closes on December 6.", .story),
    ]

    @Test(arguments: rows.indices)
    func judgesALine(_ index: Int) {
        let row = Self.rows[index]
        #expect(BoilerplateFilter().verdict(row.line) == row.verdict, "\(row.line)")
    }

    @Test func onlyTheEndOfTheStoryIsAFooter() {
        let paragraphs = [["الفقرة الأولى."], ["تابعونا على تلغرام"], ["الفقرة الأخيرة."], ["تابعونا على تلغرام", "https://t.me/x"]]
        let footer = BoilerplateFilter().footerStart(paragraphs)
        #expect(footer.start == 3 && footer.lines == 0 && footer.uncertain.isEmpty)
    }

    @Test func trailingLinesOfTheLastParagraph() {
        let footer = BoilerplateFilter().footerStart([["الفقرة الأولى."], ["ويضم المعرض ركناً للأطفال.", "(انتهى)"]])
        #expect(footer.start == 2 && footer.lines == 1)
    }

    @Test func theFirstParagraphIsNeverDropped() {
        #expect(BoilerplateFilter().footerStart([["تابعونا على تلغرام"]]).start == 1)
    }

    @Test func anUncertainParagraphStopsTheFooterAndIsReported() {
        let footer = BoilerplateFilter().footerStart([["نص."], ["للاستفسار: 01 234 567"], ["https://t.me/x"]])
        #expect(footer.start == 2 && footer.uncertain == [1])
    }

    @Test func sitePatternsFromNashraYAML() throws {
        let config = try SiteConfig.parse("import:\n  boilerplate: [\"^حقوق النشر محفوظة\"]\n", path: "nashra.yaml").get()
        let filter = BoilerplateFilter(patterns: config.importBoilerplate)
        #expect(filter.verdict("حقوق النشر محفوظة لوكالة المثال") == .footer)
        #expect(BoilerplateFilter().verdict("حقوق النشر محفوظة لوكالة المثال") == .story)
    }

    @Test func aBadPatternIsReportedAtItsLine() {
        guard case .failure(let problems) = SiteConfig.parse("title: نشرة\nimport:\n  boilerplate:\n    - \"(تابعونا\"\n", path: "nashra.yaml") else {
            Issue.record("a bad regular expression was accepted")
            return
        }
        #expect(problems.description.hasPrefix("nashra.yaml:4:7: 'import.boilerplate' pattern (تابعونا is not a regular expression"))
    }
}
