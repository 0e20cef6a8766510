import Foundation

/// Evidence as a person reads it: what the customer wrote in quotes, and nothing else in quotes.
/// A value of the case or a fact of its history is stated as a fact ("waiting 3 d 4 h"), so a
/// reader never takes a measurement for the customer's words.
public enum EvidenceText {
    /// `"hilineb"`, `2000`, `waiting 3 d 4 h`, `promise overdue 2 d 4 h, due 2026-03-03 19:00 +02:00`,
    /// `3 customer messages`, `reopened`, `wrote on chat, email`. Control characters are shown,
    /// not obeyed.
    public static func shown(_ e: Evidence, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        switch e.kind {
        case .words:
            return "\"" + VisibleText.escape(e.matched) + "\""
        case .value:
            return VisibleText.escape(e.matched)
        case .history(let observation):
            return fact(observation, zone: zone)
        }
    }

    /// `shown` followed by the term or test that found it: `"hilineb" (hilineb)`,
    /// `waiting 3 d 4 h (hoursWaiting ≥ 24)`.
    public static func withTerm(_ e: Evidence, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        shown(e, zone: zone) + " (" + VisibleText.escape(e.term) + ")"
    }

    private static func fact(_ observation: HistoryObservation, zone: TimeZone) -> String {
        switch observation {
        case .customerMessages(let n):
            return n == 1 ? "1 customer message" : "\(n) customer messages"
        case .waiting(let seconds):
            return seconds > 0 ? "waiting " + PeopleTime.duration(seconds) : "not waiting"
        case .promiseOverdue(let due, let seconds):
            return "promise overdue " + PeopleTime.duration(seconds) + ", due " + PeopleTime.time(due, zone: zone)
        case .noPromiseOverdue:
            return "no promise overdue"
        case .reopened(let reopened):
            return reopened ? "reopened" : "not reopened"
        case .channels(let channels):
            return "wrote on " + (channels.isEmpty ? "no channel" : channels.map(\.rawValue).sorted().joined(separator: ", "))
        }
    }
}
