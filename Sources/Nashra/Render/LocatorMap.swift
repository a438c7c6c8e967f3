import Foundation

/// A small locator map drawn at build time as inline SVG: the place's country and the outlines
/// around it, with a dot at the place. No tiles, no request to anyone. Nil when the place's
/// country has no outline.
enum LocatorMap {
    static let width = 320.0

    static func svg(for place: Place, in gazetteer: Gazetteer, outlines: CountryOutlines, title: String, id: String) -> String? {
        let country = place.kind == .country ? place.countryCode : place.countryCode ?? gazetteer.ancestors(of: place).last?.countryCode
        guard let country, let own = outlines.countries[country], !own.isEmpty else { return nil }
        // The country's box, widened a little and to at least 4° so a small country keeps some context.
        var west = Double.infinity, east = -Double.infinity, south = Double.infinity, north = -Double.infinity
        for ring in own {
            for point in ring {
                west = min(west, point.longitude); east = max(east, point.longitude)
                south = min(south, point.latitude); north = max(north, point.latitude)
            }
        }
        if let latitude = place.latitude, let longitude = place.longitude, place.kind != .country {
            west = min(west, longitude); east = max(east, longitude); south = min(south, latitude); north = max(north, latitude)
        }
        let margin = max(0.6, 0.12 * max(east - west, north - south))
        west -= margin; east += margin; south -= margin; north += margin
        if east - west < 4 { let middle = (east + west) / 2; west = middle - 2; east = middle + 2 }
        if north - south < 4 { let middle = (north + south) / 2; south = middle - 2; north = middle + 2 }
        // Equirectangular, shrunk east–west by the cosine of the middle latitude.
        let scaleX = cos((north + south) / 2 * .pi / 180)
        let spanX = (east - west) * scaleX
        let spanY = north - south
        let height = (width * spanY / spanX).rounded()
        let clampedHeight = min(max(height, 160), 360)
        let scale = min(width / spanX, clampedHeight / spanY)
        let offsetX = (width - spanX * scale) / 2
        let offsetY = (clampedHeight - spanY * scale) / 2
        func project(_ longitude: Double, _ latitude: Double) -> (Double, Double) {
            (offsetX + (longitude - west) * scaleX * scale, offsetY + (north - latitude) * scale)
        }
        func path(_ rings: [CountryOutlines.Ring]) -> String {
            var d = ""
            for ring in rings where ring.contains(where: { $0.longitude >= west && $0.longitude <= east && $0.latitude >= south && $0.latitude <= north }) {
                for (number, point) in ring.enumerated() {
                    let (x, y) = project(point.longitude, point.latitude)
                    d += (number == 0 ? "M" : "L") + format(x) + " " + format(y)
                }
                d += "Z"
            }
            return d
        }
        var svg = "<svg class=\"locator-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(format(width)) \(format(clampedHeight))\""
        svg += " width=\"\(format(width))\" height=\"\(format(clampedHeight))\" role=\"img\" aria-labelledby=\"\(id)\">"
        svg += "<title id=\"\(id)\">\(escaped(title))</title>"
        svg += "<rect class=\"sea\" width=\"100%\" height=\"100%\"/>"
        for code in outlines.countries.keys.sorted() where code != country {
            let d = path(outlines.countries[code]!)
            if !d.isEmpty { svg += "<path class=\"land\" d=\"\(d)\"/>" }
        }
        svg += "<path class=\"country\" d=\"\(path(own))\"/>"
        if place.kind != .country, let latitude = place.latitude, let longitude = place.longitude {
            let (x, y) = project(longitude, latitude)
            svg += "<circle class=\"halo\" cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"9\"/>"
            svg += "<circle class=\"dot\" cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"4.5\"/>"
        }
        return svg + "</svg>"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
