/// Counts the letters that point to a language (õ, ä, š for Estonian) in a customer's text.
///
/// Every message is counted, and nearly all of its bytes are ASCII, which no language claims.
/// So the text is read as UTF-8, eight ASCII bytes at a time, and only two-byte letters are
/// decoded and looked up in a table, instead of decoding every scalar and asking each
/// language's set.
struct LetterMasks: Sendable {
    /// Per scalar value below U+0800: bit `i` is set when language `i` claims it.
    private let masks: [UInt8]

    /// The table for `letters` (one set per language), or nil when it cannot hold them: more
    /// than eight languages, or a letter outside the two-byte range.
    init?(_ letters: [Set<Unicode.Scalar>]) {
        guard letters.count <= 8 else { return nil }
        var masks = [UInt8](repeating: 0, count: 0x800)
        for (language, set) in letters.enumerated() {
            for scalar in set {
                guard scalar.value < 0x800 else { return nil }
                masks[Int(scalar.value)] |= 1 << UInt8(language)
            }
        }
        self.masks = masks
    }

    /// Adds, per language, how many of `text`'s scalars it claims.
    func count(in text: String, into counts: inout [Int]) {
        var copy = text
        copy.withUTF8 { bytes in
            masks.withUnsafeBufferPointer { masks in
                guard let base = bytes.baseAddress else { return }
                let n = bytes.count
                var i = 0
                while i < n {
                    if i + 8 <= n && !ByteWord.hasNonASCII(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                        i += 8
                        continue
                    }
                    let lead = base[i]
                    // Only two-byte scalars can be in the table; ASCII, continuation bytes and
                    // longer scalars' bytes are stepped over one at a time.
                    guard lead & 0xE0 == 0xC0, i + 1 < n else { i += 1; continue }
                    let mask = masks[Int(lead & 0x1F) << 6 | Int(base[i + 1] & 0x3F)]
                    if mask != 0 {
                        for language in counts.indices where language < 8 && mask & (1 << UInt8(language)) != 0 {
                            counts[language] += 1
                        }
                    }
                    i += 2
                }
            }
        }
    }

    /// The same count asked of the sets, scalar by scalar: for letters the table cannot hold.
    static func count(in text: String, sets: [Set<Unicode.Scalar>], into counts: inout [Int]) {
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            for (i, letters) in sets.enumerated() where letters.contains(scalar) { counts[i] += 1 }
        }
    }
}
