/// Sizes as people read them in a status line or a summary: `0 B`, `912 B`, `14.2 KB`, `3.1 MB`
/// (powers of 1024, as `du -h` counts).
enum ByteCountFormat {
    static func string(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit])"
    }
}
