/// Tests on eight bytes of text at once (a `UInt64` loaded from it), for skipping plain runs of
/// text quickly. Each `has` test is exact about whether some byte qualifies; a `matching` mask
/// is exact about the first one (its lowest set bit), not about the ones after it.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte equals `byte`.
    @inline(__always)
    static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// Whether any byte is below `limit` (at most 0x80).
    @inline(__always)
    static func hasBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether any byte is outside ASCII.
    @inline(__always)
    static func hasNonASCII(_ word: UInt64) -> Bool { word & highs != 0 }

    /// High bits at the bytes equal to `byte`: the lowest set one marks the first such byte.
    @inline(__always)
    static func matching(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// The position (0–7, in text order) of the first byte a mask of `matching` or `highs` marks.
    @inline(__always)
    static func firstMarked(_ mask: UInt64) -> Int { mask.trailingZeroBitCount &>> 3 }
}
