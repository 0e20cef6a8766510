import Foundation

/// How long until something is due, or how long it is overdue, in words a support lead reads
/// at a glance: "due in 25 min", "overdue 2 h", "overdue 1 d 3 h".
///
/// Two units at most (days and hours, hours and minutes, or minutes), each rounded down, and a
/// second unit of zero left out: "overdue 1 d" rather than "overdue 1 d 0 h". Rounding down
/// never makes a deadline look further away than it is, nor a lateness worse than it is.
/// Under a minute is "<1 min".
public enum TimeLeft {
    /// "due in 25 min" when `due` is at or after `now`, else "overdue 2 h".
    public static func phrase(due: Date, now: Date) -> String {
        let seconds = due.timeIntervalSince(now)
        return seconds >= 0 ? "due in " + span(seconds) : "overdue " + span(-seconds)
    }

    /// A length of time for people: "<1 min", "25 min", "2 h", "2 h 30 min", "1 d", "1 d 3 h".
    public static func span(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let total = Int(max(0, seconds).rounded(.down))
        let days = total / 86_400, hours = total % 86_400 / 3600, minutes = total % 3600 / 60
        if days > 0 { return "\(days) d" + (hours > 0 ? " \(hours) h" : "") }
        if hours > 0 { return "\(hours) h" + (minutes > 0 ? " \(minutes) min" : "") }
        if minutes > 0 { return "\(minutes) min" }
        return "<1 min"
    }
}
