/// Drops the EXIF and XMP chunks of a WebP file. libvips 8.14's WebP saver writes an EXIF block
/// even when asked to strip (a fresh one: orientation, resolution, size); the photo desk publishes
/// no metadata at all, so it is cut out of the RIFF container here, and the VP8X flags say so.
enum WebPMetadata {
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return bytes }
        var output = Array(bytes[0..<12])
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count || offset + 8 + size == bytes.count else { return bytes }
            let chunk = bytes[offset..<min(end, bytes.count)]
            let name = bytes[offset..<offset + 4]
            if name.elementsEqual("EXIF".utf8) || name.elementsEqual("XMP ".utf8) {
                offset = end
                continue
            }
            var kept = Array(chunk)
            if name.elementsEqual("VP8X".utf8), kept.count > 8 { kept[8] &= ~UInt8(0x08 | 0x04) }
            output += kept
            offset = end
        }
        let riffSize = UInt32(output.count - 8)
        output[4] = UInt8(riffSize & 0xff)
        output[5] = UInt8(riffSize >> 8 & 0xff)
        output[6] = UInt8(riffSize >> 16 & 0xff)
        output[7] = UInt8(riffSize >> 24)
        return output
    }
}
