import Foundation

/// Durations and times as a person reads them in text and Markdown output: "15 min",
/// "1 h 30 min", "2 d 4 h", and "2026-03-01 11:00 +02:00" in the reader's zone. JSON keeps
/// ISO 8601, because programs read it.
public enum PeopleTime {
    /// The words for units, by the language of the reader.
    public struct Units: Sendable, Equatable {
        public var second: String
        public var minute: String
        public var hour: String
        public var day: String

        public static let english = Units(second: "s", minute: "min", hour: "h", day: "d")
        public static let estonian = Units(second: "s", minute: "min", hour: "t", day: "p")

        /// Estonian for `et`, English for anything else.
        public static func forLanguage(_ code: String?) -> Units {
            code?.lowercased() == "et" ? .estonian : .english
        }
    }

    /// At most the two largest units, rounded down: "45 s", "15 min", "1 h 30 min", "4 h",
    /// "2 d 4 h". Negative lengths are shown by their size. Under a second is "0 s".
    public static func duration(_ seconds: Double, units: Units = .english) -> String {
        guard seconds.isFinite else { return "—" }
        let total = Int64(min(abs(seconds), 9e15).rounded(.down))
        let days = total / 86_400, hours = total / 3600 % 24, minutes = total / 60 % 60, secs = total % 60
        // Two units say enough: "2 d 4 h", not "2 d 4 h 13 min".
        var text = ""
        var shown = 0
        func add(_ n: Int64, _ unit: String) {
            guard shown < 2 else { return }
            if shown > 0 { text += " " }
            text += String(n) + " " + unit
            shown += 1
        }
        if days > 0 { add(days, units.day) }
        if hours > 0 { add(hours, units.hour) }
        if minutes > 0 { add(minutes, units.minute) }
        if days == 0 && hours == 0 && (minutes == 0 || secs > 0) && total < 600 { add(secs, units.second) }
        if shown == 0 { add(0, units.second) }
        return text
    }

    /// A rules duration for people: "PT15M" is "15 min".
    public static func duration(_ d: ISODuration, units: Units = .english) -> String {
        duration(d.seconds, units: units)
    }

    /// To the minute in `zone`, with the zone's offset: "2026-03-01 11:00 +02:00".
    public static func time(_ date: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let offset = zone.secondsFromGMT(for: date) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        let zoneText = offset == 0 ? "UTC" : "\(sign)\(two(abs(offset) / 60)):\(two(abs(offset) % 60))"
        return "\(c.year ?? 0)-\(two(c.month ?? 0))-\(two(c.day ?? 0)) \(two(c.hour ?? 0)):\(two(c.minute ?? 0)) \(zoneText)"
    }
}
