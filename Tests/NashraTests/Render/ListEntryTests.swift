import Foundation
import Testing
@testable import Nashra
import NashraCore

/// `ListEntry` is the one declaration of what lists show of a bulletin: its shape, its values and
/// its fingerprint inputs must agree.
@Suite struct ListEntryTests {
    /// A bulletin whose every entry field has a value, and the same bulletin with one field changed.
    static func full() -> Bulletin {
        var bulletin = PlanFixture.bulletin("bulletins/homs.md", date: "2026-11-19 14:05", tags: ["طاقة", "energy"], location: "حمص")
        bulletin.title = "محطة 120 MW في حمص"
        bulletin.updated = BulletinDate.parse("2026-11-19 16:00", in: PlanFixture.damascus)
        bulletin.agency = "Nashra Wire"
        bulletin.author = "سلمى"
        bulletin.summary = "ملخص الخبر."
        bulletin.isUrgent = true
        bulletin.image = BulletinImage(src: "/photos/homs.jpg")
        bulletin.params = ["desk": .text("المحليات")]
        bulletin.sectionName = "اقتصاد"
        bulletin.categories = ["طاقة", "اقتصاد"]
        return bulletin
    }

    static let changes: [(field: String, change: @Sendable (inout Bulletin) -> Void)] = [
        ("title", { $0.title = "محطة 150 MW في حمص" }),
        ("url", { $0.slug = "homs-plant" }),
        ("lang", { $0.language = "ar-SY" }),
        ("dir", { $0.direction = .ltr }),
        ("date", { $0.date = BulletinDate.parse("2026-11-19 14:06", in: PlanFixture.damascus)! }),
        ("updated", { $0.updated = nil }),
        ("location", { $0.location = "حماة" }),
        ("agency", { $0.agency = "سانا" }),
        ("author", { $0.author = nil }),
        ("summary", { $0.summary = "ملخص آخر." }),
        ("urgent", { $0.isUrgent = false }),
        ("image", { $0.image = BulletinImage(src: "/photos/other.jpg") }),
        ("photo", { $0.image?.caption = "محطة الطاقة" }),
        ("thumbnail", { $0.image?.alt = "ألواح شمسية" }),
        ("tags", { $0.tags = ["طاقة"] }),
        ("hasTags", { $0.tags = [] }),
        ("params", { $0.params = ["desk": .text("الاقتصاد")] }),
        ("section", { $0.sectionName = "طاقة" }),
        ("categories", { $0.categories = ["طاقة"] }),
        ("hasCategories", { $0.categories = [] }),
    ]

    static func entry(_ bulletin: Bulletin) throws -> (values: [String: TemplateValue], fingerprint: UInt64) {
        let site = try PlanFixture.plan([bulletin]).get()
        return (ListEntry.values(for: 0, in: site), ListEntry.fingerprint(for: 0, in: site))
    }

    @Test func everyFieldHasAValueForAFullBulletinAndIsInTheShape() throws {
        let (values, _) = try Self.entry(Self.full())
        #expect(Set(values.keys) == Set(ListEntry.fields.map(\.key)))
        #expect(Set(ListEntry.shape.keys) == Set(ListEntry.fields.map(\.key)).union(["item"]))
    }

    @Test func theTableChangesEveryField() {
        #expect(Set(Self.changes.map(\.field)) == Set(ListEntry.fields.map(\.key)))
    }

    /// Whatever changes a field's value changes the entry's fingerprint: a field whose inputs
    /// missed what its value is made from would leave lists stale after an incremental build.
    @Test(arguments: changes.map(\.field))
    func changingAFieldsValueChangesTheFingerprint(_ field: String) throws {
        let before = try Self.entry(Self.full())
        var bulletin = Self.full()
        try #require(Self.changes.first { $0.field == field }).change(&bulletin)
        let after = try Self.entry(bulletin)
        try #require(before.values[field] != after.values[field], "the change did not change '\(field)'")
        #expect(before.fingerprint != after.fingerprint)
    }

    @Test func anUnchangedBulletinKeepsItsFingerprint() throws {
        #expect(try Self.entry(Self.full()).fingerprint == Self.entry(Self.full()).fingerprint)
    }
}
