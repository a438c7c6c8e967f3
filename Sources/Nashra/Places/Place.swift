/// A place a bulletin can be filed from or mention: a city, a region (governorate) or a country,
/// with its names per language, other spellings, the place it lies in, coordinates and GeoNames id.
public struct Place: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case city, region, country
    }

    /// The GeoNames id as text for the default gazetteer's places, else the key in `places.yaml`.
    public var id: String
    public var kind: Kind
    /// Language code → name (`ar`: حلب, `en`: Aleppo).
    public var names: [String: String]
    /// Other spellings: transliterations, spellings with and without hamza or shadda.
    public var aliases: [String]
    /// The id of the place it lies in (city → region → country), nil for a country.
    public var parent: String?
    public var latitude: Double?
    public var longitude: Double?
    public var geonamesID: Int?
    /// ISO 3166 code of its country (of itself, for a country), when known.
    public var countryCode: String?
    public var population: Int

    public init(id: String, kind: Kind, names: [String: String], aliases: [String] = [], parent: String? = nil,
                latitude: Double? = nil, longitude: Double? = nil, geonamesID: Int? = nil, countryCode: String? = nil,
                population: Int = 0) {
        self.id = id
        self.kind = kind
        self.names = names
        self.aliases = aliases
        self.parent = parent
        self.latitude = latitude
        self.longitude = longitude
        self.geonamesID = geonamesID
        self.countryCode = countryCode
        self.population = population
    }

    /// Its name in `language` (a primary subtag is enough: `ar-SY` finds `ar`), else in English,
    /// else in Arabic, else any.
    public func name(in language: String) -> String {
        let primary = String(language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
        return names[language] ?? names[primary] ?? names["en"] ?? names["ar"] ?? names.values.sorted().first ?? id
    }

    /// Every spelling that names it: its names in each language, then its aliases.
    public var spellings: [String] {
        names.keys.sorted().compactMap { names[$0] } + aliases
    }
}
