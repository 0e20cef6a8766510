import Foundation

/// How long until something is due, or how long it is overdue, in words a support lead reads at
/// a glance: "due in 25 min", "overdue 2 h", "overdue 1 d 3 h". The length is worded by
/// `PeopleTime.duration` (two largest units, rounded down), the one formatter of durations for
/// people, so the desk and the reports say the same thing the same way.
public enum TimeLeft {
    /// "due in 25 min" when `due` is at or after `now`, else "overdue 2 h".
    public static func phrase(due: Date, now: Date) -> String {
        let seconds = due.timeIntervalSince(now)
        return (seconds >= 0 ? "due in " : "overdue ") + PeopleTime.duration(seconds)
    }
}
