/// Simplified country outlines (`data/gazetteer/outlines.tsv`, from the public-domain Digital
/// Chart of the World through GMT) for the Arab countries and their neighbours, read once.
public struct CountryOutlines: Sendable {
    /// A ring of (longitude, latitude) points.
    public typealias Ring = [(longitude: Double, latitude: Double)]

    public let countries: [String: [Ring]]

    public static let standard: CountryOutlines = {
        var countries: [String: [Ring]] = [:]
        for line in (EmbeddedData.text("outlines.tsv") ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            countries[String(fields[0])] = fields[1].split(separator: ";").map { ring in
                ring.split(separator: " ").compactMap { point -> (longitude: Double, latitude: Double)? in
                    let parts = point.split(separator: ",")
                    guard parts.count == 2, let longitude = Double(parts[0]), let latitude = Double(parts[1]) else { return nil }
                    return (longitude, latitude)
                }
            }
        }
        return CountryOutlines(countries: countries)
    }()
}
