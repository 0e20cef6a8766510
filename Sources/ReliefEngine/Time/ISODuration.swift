/// A fixed-length ISO 8601 duration such as "PT15M" or "P1DT2H30M", kept with the text it was
/// written as so messages and reports can echo the rule author's own spelling.
///
/// Only weeks, days, hours, minutes and seconds are accepted: years and months have no fixed
/// length, so a rule using them could not be evaluated without a calendar and a time zone.
/// Equality compares the text too, so "PT60M" and "PT1H" are different values with equal `seconds`.
public struct ISODuration: Hashable, Sendable, CustomStringConvertible {
    /// The duration as written, e.g. "PT15M".
    public let text: String
    /// The length in seconds (a day counts as 86,400 seconds).
    public let seconds: Double

    init(text: String, seconds: Double) {
        self.text = text
        self.seconds = seconds
    }

    /// Parses `PnW`, `PnD`, `PTnH`, `PTnM`, `PTnS` and combinations in that order ("P1DT2H30M").
    /// The last component may have a decimal fraction ("PT1.5S"). Returns nil for years or months,
    /// negative or empty durations ("P", "PT"), lower-case letters, and anything else malformed.
    public static func parse(_ text: String) -> ISODuration? {
        var copy = text
        let seconds: Double? = copy.withUTF8 { b in
            guard b.count >= 3, b[0] == UInt8(ascii: "P") else { return nil }
            var i = 1
            var inTime = false
            var total = 0.0
            var lastRank = 0
            var componentsAfterT = 0
            var sawFraction = false
            while i < b.count {
                if b[i] == UInt8(ascii: "T") {
                    guard !inTime else { return nil }
                    inTime = true
                    i += 1
                    continue
                }
                guard !sawFraction else { return nil }  // a fraction is only allowed on the last component
                let start = i
                while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
                guard i > start else { return nil }
                if i < b.count && b[i] == UInt8(ascii: ".") {
                    i += 1
                    let fractionStart = i
                    while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
                    guard i > fractionStart else { return nil }
                    sawFraction = true
                }
                let number = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                guard let value = Double(number) else { return nil }
                guard i < b.count else { return nil }
                let rank: Int
                let unit: Double
                switch (inTime, b[i]) {
                case (false, UInt8(ascii: "W")): rank = 1; unit = 604_800
                case (false, UInt8(ascii: "D")): rank = 2; unit = 86_400
                case (true, UInt8(ascii: "H")): rank = 3; unit = 3600
                case (true, UInt8(ascii: "M")): rank = 4; unit = 60
                case (true, UInt8(ascii: "S")): rank = 5; unit = 1
                default: return nil
                }
                guard rank > lastRank else { return nil }
                lastRank = rank
                if inTime { componentsAfterT += 1 }
                total += value * unit
                i += 1
            }
            guard lastRank > 0, !inTime || componentsAfterT > 0, total.isFinite else { return nil }
            return total
        }
        guard let seconds else { return nil }
        return ISODuration(text: text, seconds: seconds)
    }

    public var description: String { text }
}
