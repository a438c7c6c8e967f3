import Testing
@testable import Nashra

@Suite("Latin number runs")
struct LatinNumberRunTests {
    /// Rows read `⟦…⟧` for an isolated run and `·` for a no-break space; nil: the text is left alone.
    @Test(arguments: [
        // A number and its Latin unit or name, in Arabic text.
        ("محطة بقدرة 120 MW في حمص", "محطة بقدرة ⟦120·MW⟧ في حمص"),
        // Long paragraphs: a year early and a Latin name late make no run; a run late is still found.
        ("في عام 2027 قالت الوزارة إن الشركة UNICEF ستشارك", nil),
        ("في عام 2027 قالت الوزارة إن الشركة UNICEF ستشغّل محطة 120 MW", "في عام 2027 قالت الوزارة إن الشركة UNICEF ستشغّل محطة ⟦120·MW⟧"),
        ("على بعد 35 km من المدينة", "على بعد ⟦35·km⟧ من المدينة"),
        ("أطلقت هاتف iPhone 15 أمس", "أطلقت هاتف ⟦iPhone·15⟧ أمس"),
        ("سعة 1,200 MWh.", "سعة ⟦1,200·MWh⟧."),
        ("بسرعة 80 km/h تقريبًا", "بسرعة ⟦80·km/h⟧ تقريبًا"),
        ("حرارة 25 °C اليوم", "حرارة ⟦25·°C⟧ اليوم"),
        ("مساحة 40 m² فقط", "مساحة ⟦40·m²⟧ فقط"),
        ("(120 MW)", "(⟦120·MW⟧)"),
        ("«iPhone 15»", "«⟦iPhone·15⟧»"),
        ("بـ120 MW", "بـ⟦120·MW⟧"),
        ("نحو 98.5% GDP", "نحو ⟦98.5%·GDP⟧"),
        ("أجهزة iPhone 15 Pro Max", "أجهزة ⟦iPhone·15·Pro⟧ Max"),
        ("بقدرة ١٢٠ MW", "بقدرة ⟦١٢٠·MW⟧"),
        ("بقدرة 120\u{00A0}MW", "بقدرة ⟦120·MW⟧"),
    ] as [(String, String?)] + [
        // Left alone: purely Arabic text, numbers beside Arabic words, a number alone.
        ("أمطار غزيرة في حلب", nil),
        ("بقدرة 120 ميغاواط", nil),
        ("بقدرة ١٢٠ ميغاواط", nil),
        ("نسبة 98.5% من السكان", nil),
        ("في عام 2026", nil),
        ("الساعة 09:30 صباحًا", nil),
        // Not one run: punctuation or more than one space between the tokens, or no number.
        ("بقدرة 120, MW", nil),
        ("بقدرة 120  MW", nil),
        ("شبكة 5G الجديدة", nil),
        ("Apple Watch", nil),
    ] as [(String, String?)])
    func runs(text: String, expected: String?) {
        let shown = LatinNumberRun.segments(of: text).map { segments in
            segments.map { segment in
                switch segment {
                case .text(let plain): plain
                case .run(let run): "⟦" + run.replacingOccurrences(of: "\u{00A0}", with: "·") + "⟧"
                }
            }.joined()
        }
        #expect(shown == expected)
    }

    @Test func plainTextRunsAreBetweenIsolateMarks() {
        #expect(LatinNumberRun.isolated("بقدرة 120 MW") == "بقدرة \u{2066}120\u{00A0}MW\u{2069}")
        #expect(LatinNumberRun.isolated("بقدرة 120 ميغاواط") == "بقدرة 120 ميغاواط")
    }
}
