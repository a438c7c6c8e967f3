import Foundation

extension String {
    /// The text in Unicode NFC (canonical composition).
    ///
    /// Slugs, file paths and permalinks are normalized for every bulletin, and Foundation's
    /// normalization bridges through `NSString` each time, though most text is already NFC. Text made
    /// only of scalars that NFC never changes or combines is returned as it is: everything below
    /// U+0300 (no combining marks live there) and the Arabic block's letters, digits and punctuation.
    /// Arabic marks are left out of the fast path on purpose: U+0653–U+0655 compose with alef, waw
    /// and yeh (ا + ٔ → أ), and harakat in non-canonical order (shadda before fatha) are reordered.
    var nfc: String {
        unicodeScalars.allSatisfy(Self.neverChangedByNFC) ? self : precomposedStringWithCanonicalMapping
    }

    private static func neverChangedByNFC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x0300, 0x0600...0x060F, 0x061B...0x064A, 0x0660...0x066F, 0x0671...0x06D5, 0x06EE...0x06FF:
            true
        default:
            false
        }
    }
}
