import Foundation

extension Gazetteer {
    /// The gazetteer compiled into Nashra (`data/gazetteer/places.tsv`, made by
    /// `scripts/generate-gazetteer` from GeoNames), read once on first use.
    public static let standard = Gazetteer(places: defaultPlaces)

    /// The default places, one a line: `id kind country admin1 latitude longitude population
    /// english arabic aliases(|)`.
    static let defaultPlaces: [Place] = {
        guard let text = EmbeddedData.text("places.tsv") else { return [] }
        var places: [Place] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 10, let kind = Place.Kind(rawValue: fields[1]) else { continue }
            var names: [String: String] = [:]
            if !fields[7].isEmpty { names["en"] = fields[7] }
            if !fields[8].isEmpty { names["ar"] = fields[8] }
            places.append(Place(id: fields[0], kind: kind, names: names,
                                aliases: fields[9].split(separator: "|").map(String.init),
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
