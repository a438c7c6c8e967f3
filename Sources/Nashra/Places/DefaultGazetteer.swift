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
        guard let text = EmbeddedData.text("places.tsv") else { return [] }
        var places: [Place] = []
        places.reserveCapacity(4_096)
        // Split on the bytes: splitting the text by characters would run the grapheme rules
        // over every byte of it, on every build.
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        where line.first != UInt8(ascii: "#") {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard fields.count >= 10, let kind = Place.Kind(rawValue: fields[1]) else { continue }
            var names: [String: String] = [:]
            if !fields[7].isEmpty { names["en"] = fields[7] }
            if !fields[8].isEmpty { names["ar"] = fields[8] }
            places.append(Place(id: fields[0], kind: kind, names: names,
                                aliases: fields[9].utf8.split(separator: UInt8(ascii: "|")).map { String(Substring($0)) },
                                latitude: Double(fields[4]), longitude: Double(fields[5]), geonamesID: Int(fields[0]),
                                countryCode: fields[2].isEmpty ? nil : fields[2], population: Int(fields[6]) ?? 0))
        }
        return places
    }()
}

/// The files of `data/gazetteer/`, compiled in by the EmbedTheme plugin.
enum EmbeddedData {
    static func text(_ name: String) -> String? {
        guard let file = EmbeddedGazetteer.files.first(where: { $0.path == name }),
              let data = Data(base64Encoded: file.base64) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
