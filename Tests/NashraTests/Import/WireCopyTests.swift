import Foundation
import Testing
@testable import Nashra

@Suite struct WireCopyTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.root.appendingPathComponent("wire-copy/\(name)"), encoding: .utf8)
    }

    static func parse(_ text: String) -> WireCopy {
        WireCopy.parse(text, path: "wire.txt", filter: BoilerplateFilter())
    }

    @Test func headlineDatelineStoryAndFooter() throws {
        let copy = Self.parse(try Self.fixture("ar-headline-footer.txt"))
        #expect(copy.headline == "افتتاح سوق شتوية للمنتجات الريفية في حلب")
        #expect(copy.dateline == Dateline(location: "حلب", agency: "سانا"))
        #expect(copy.paragraphs.count == 3)
        #expect(copy.paragraphs.last == "وتستمر السوق حتى نهاية كانون الثاني القادم.")
        #expect(copy.droppedLines.count == 3)
        #expect(copy.warnings.isEmpty)
    }

    @Test func paragraphsAreKeptByteForByte() throws {
        let copy = Self.parse(try Self.fixture("ar-headline-footer.txt"))
        // Guillemets, Arabic-Indic and Latin digits, tanween: exactly as filed.
        let expected = "وقال مدير السوق لمراسل الوكالة إن «الأسعار أقل بنحو ١٥ بالمئة» من أسواق المدينة، وإن السوق تفتح أبوابها من الساعة 9 صباحاً حتى 5 مساءً."
        #expect(Array(copy.paragraphs[1].utf8) == Array(expected.utf8))
        let beirut = Self.parse(try Self.fixture("ar-beirut.txt"))
        #expect(beirut.paragraphs[1] == "وقال أحد المنظمين: “نريد أن نعيد الناس إلى الساحات”.")
    }

    @Test func decomposedTextIsStoredAsNFCAndTrimmed() {
        // أ written as alef + hamza above (U+0627 U+0654), with trailing spaces and CRLF lines.
        let copy = Self.parse("عنوان\r\n\r\nدمشق-سانا\r\n  \u{0627}\u{0654}علنت الوزارة.   \r\n")
        #expect(copy.paragraphs == ["أعلنت الوزارة."])
    }

    @Test func aHeadlineDirectlyAboveTheDateline() throws {
        let copy = Self.parse(try Self.fixture("ar-beirut.txt"))
        #expect(copy.headline == "مهرجان للموسيقى الشعبية في بيروت")
        #expect(copy.dateline == Dateline(location: "بيروت", agency: "رويترز"))
        #expect(copy.paragraphs.first == "يقام في بيروت نهاية الأسبوع مهرجان للموسيقى الشعبية تشارك فيه فرق من مدن لبنانية عدة.")
        // The phone number alone may be the story's: kept, and the desk is told.
        #expect(copy.paragraphs.last == "للاستفسار عن البطاقات: 01 234 567")
        #expect(copy.warnings.map(\.description) == ["wire.txt:6:1: warning: kept a paragraph that looks like an agency footer but may be the story's; if it is a footer, add a pattern for it to import.boilerplate in nashra.yaml"])
    }

    /// first lines → the headline read, or nil.
    static let headlineRows: [(text: String, headline: String?)] = [
        ("عنوان قصير\n\nنص الخبر.", "عنوان قصير"),
        ("عنوان قصير\nدمشق-سانا\nنص الخبر.", "عنوان قصير"),
        ("Short headline\n\nDamascus, SANA- Body.", "Short headline"),
        // A sentence, not a headline: it ends with a full stop.
        ("أعلنت الوزارة اليوم خطة جديدة.\n\nوقالت إن الخطة تبدأ غداً.", nil),
        // A wrapped first paragraph: the next line is prose, not a dateline.
        ("The ministry said on Tuesday that the wheat\nharvest was the largest in ten years.", nil),
        // Too long for a headline.
        ("كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة\n\nنص.", nil),
        // A dateline is not a headline; a lone line has nothing after it.
        ("دمشق-سانا\n\nنص الخبر.", nil),
        ("سطر وحيد", nil),
    ]

    @Test(arguments: headlineRows.indices)
    func headlineRules(_ index: Int) {
        let row = Self.headlineRows[index]
        #expect(Self.parse(row.text).headline == row.headline, "\(row.text)")
    }

    @Test func copyWithoutHeadlineOrDateline() throws {
        let copy = Self.parse("أعلنت الوزارة اليوم خطة جديدة.\n\nوقالت إن الخطة تبدأ غداً.")
        #expect(copy.headline == nil && copy.dateline == nil)
        #expect(copy.paragraphs.count == 2)
        #expect(copy.warnings.first?.description.hasPrefix("wire.txt:1:1: warning: no dateline") == true)
    }

    @Test func theDatelineStartingTheFirstParagraph() throws {
        let copy = Self.parse(try Self.fixture("ar-no-headline.txt"))
        #expect(copy.headline == nil)
        #expect(copy.dateline == Dateline(location: "حمص", agency: "سانا"))
        #expect(copy.paragraphs.first?.hasPrefix("أعلنت مؤسسة المياه في حمص") == true)
    }

    static let provisionalRows: [(paragraph: String, title: String)] = [
        ("أعلنت الوزارة خطة جديدة. وقالت إنها تبدأ غداً.", "أعلنت الوزارة خطة جديدة"),
        ("أعلنت مؤسسة المياه في حمص اليوم عن انقطاع المياه عن أحياء الوعر والإنشاءات يوم الخميس المقبل لإجراء أعمال صيانة.",
         "أعلنت مؤسسة المياه في حمص اليوم عن انقطاع المياه عن أحياء الوعر والإنشاءات يوم"),
        ("Prices rose 3.5 percent in the U.S. market, traders said.", "Prices rose 3.5 percent in the U.S. market, traders said"),
        ("هل تنجح الخطة؟ يقول الخبراء إن", "هل تنجح الخطة"),
        ("واحد، اثنان، ثلاثة، أربعة، خمسة، ستة، سبعة، ثمانية، تسعة، عشرة، أحد عشر، اثنا عشر، ثلاثة عشر", "واحد، اثنان، ثلاثة، أربعة، خمسة، ستة، سبعة، ثمانية، تسعة، عشرة، أحد عشر، اثنا عشر"),
    ]

    @Test(arguments: provisionalRows.indices)
    func provisionalHeadline(_ index: Int) {
        let row = Self.provisionalRows[index]
        let title = WireCopy.provisionalHeadline(from: row.paragraph)
        #expect(title == row.title)
        #expect(title.split(separator: " ").count <= WireCopy.maximumProvisionalWords)
    }

    @Test func markdownEscapesOnlyWhatMarkdownWouldRead() {
        #expect(MarkdownText.escape("أعلنت الوزارة اليوم «خطة» بقيمة 3.5 مليار.") == "أعلنت الوزارة اليوم «خطة» بقيمة 3.5 مليار.")
        #expect(MarkdownText.escape("- بند\n1. أول\n# وسم") == "\\- بند\n1\\. أول\n\\# وسم")
        #expect(MarkdownText.escape("a *b* _c_ <d> [e] & `f`") == "a \\*b\\* \\_c\\_ \\<d> \\[e\\] \\& \\`f\\`")
    }
}
