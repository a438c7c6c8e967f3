/// Percent-encoding as AWS Signature V4 defines it: every byte of the UTF-8 form is encoded except
/// the unreserved `A–Z a–z 0–9 - . _ ~`, always as `%XX` with capital hex digits. `/` is kept in
/// object keys and encoded in query values. Arabic folder names are several bytes a letter:
/// `اقتصاد` becomes `%D8%A7%D9%82…`, the same in the URL sent and in the request signed.
enum AWSURIEncoding {
    static func encode(_ text: String, keepingSlashes: Bool = false) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                encoded.append("/")
            default:
                encoded.append("%")
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")
}
