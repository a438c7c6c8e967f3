import Foundation

extension Gazetteer {
    /// The gazetteer compiled into Nashra (`data/gazetteer/places.tsv`, made by
    /// `scripts/generate-gazetteer` from GeoNames), read once on first use.
    public static let standard = Gazetteer(places: defaultPlaces)

    /// Starts making `standard` on another thread, for a build that will ask for it only after
    /// other work (the theme, the walk, the cache): the first to ask then waits for what is left.
    public static func prepareStandard() {
        DispatchQueue.global(qos: .userInitiated).async { _ = standard }
    }

    /// The default places, one a line: `id kind country admin1 latitude longitude population
    /// english arabic aliases(|)`.
    static let defaultPlaces: [Place] = {
        guard var text = EmbeddedData.text("places.tsv") else { return [] }
        return text.withUTF8 { places(tsv: $0) }
    }()

    /// The rows of `places.tsv`; `#` lines are comments. Scanned by hand for tabs and newlines:
    /// `split` on the text's bytes, with a closure call per byte, was most of the reading, and
    /// every run that uses the gazetteer reads it.
    static func places(tsv bytes: UnsafeBufferPointer<UInt8>) -> [Place] {
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var places: [Place] = []
        places.reserveCapacity(4_096)
        var fields: [Range<Int>] = []
        var fieldStart = 0
        for position in 0...bytes.count {
            let byte = position < bytes.count ? bytes[position] : UInt8(ascii: "\n")
            if byte == UInt8(ascii: "\t") {
                fields.append(fieldStart..<position)
                fieldStart = position + 1
                continue
            }
            guard byte == UInt8(ascii: "\n") else { continue }
            fields.append(fieldStart..<position)
            fieldStart = position + 1
            defer { fields.removeAll(keepingCapacity: true) }
            guard fields.count >= 10, fields[0].isEmpty || bytes[fields[0].lowerBound] != UInt8(ascii: "#"),
                  let kind = Place.Kind(rawValue: text(fields[1])) else { continue }
            var names: [String: String] = [:]
            if !fields[7].isEmpty { names["en"] = text(fields[7]) }
            if !fields[8].isEmpty { names["ar"] = text(fields[8]) }
            var aliases: [String] = []
            var aliasStart = fields[9].lowerBound
            for index in fields[9].lowerBound...fields[9].upperBound where index == fields[9].upperBound || bytes[index] == UInt8(ascii: "|") {
                if index > aliasStart { aliases.append(text(aliasStart..<index)) }
                aliasStart = index + 1
            }
            let id = text(fields[0])
            places.append(Place(id: id, kind: kind, names: names, aliases: aliases,
                                latitude: Double(text(fields[4])), longitude: Double(text(fields[5])), geonamesID: Int(id),
                                countryCode: fields[2].isEmpty ? nil : text(fields[2]), population: Int(text(fields[6])) ?? 0))
        }
        return places
    }
}

/// The files of `data/gazetteer/`, compiled in by the EmbedTheme plugin.
enum EmbeddedData {
    static func text(_ name: String) -> String? {
        guard let file = EmbeddedGazetteer.files.first(where: { $0.path == name }),
              let data = Data(base64Encoded: file.base64) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
