import Foundation

/// Whether agents kept the update cadence of a case: while it was open and in a situation with
/// `updateEvery`, did the customer ever go longer than that without hearing from us?
///
/// The silences are measured from events: a silence starts when the case reaches a situation
/// with a cadence (at that customer message) and after every agent message, and ends at the next
/// agent message, at a change of cadence (a new silence starts under the new one), at a resolved
/// or closed status, or at the end of what is known: the last message or status, or the export
/// time (`--as-of`) for a case still open then. A silence longer than the cadence in force is a
/// missed update.
public struct CadenceOutcome: Sendable, Equatable {
    /// The most intense situation with a cadence the case reached, and that cadence.
    public var situation: Situation
    public var every: ISODuration
    /// When the case first reached a situation with a cadence.
    public var since: Date
    /// Silences measured, and how many of them were longer than the cadence in force.
    public var gaps: Int
    public var missedGaps: Int
    /// The longest silence, in seconds.
    public var longestGapSeconds: Double

    /// True when no silence was longer than the cadence; nil when no silence could be measured
    /// (nothing is known after the case reached its cadence, such as a history that ends with
    /// that customer message).
    public var kept: Bool? { gaps == 0 ? nil : missedGaps == 0 }

    /// Measures `events` (in time order) against the cadences of the situations the case was
    /// in: `stepAt[i]` is the event index of step `i`'s customer message and `situations[i]` the
    /// situation after it. Nil when the case never reached a situation with a cadence (or had no
    /// times).
    static func measure(
        events: [CaseEvent], stepEvents: [Int], situations: [Situation], rules: RuleSet, asOf: ReplayAsOf?
    ) -> CadenceOutcome? {
        var result: CadenceOutcome?
        var cadence: Double?
        var silenceFrom: Date?
        var open = true
        var lastTime: Date?

        func close(_ t: Date) {
            guard let from = silenceFrom, let limit = cadence else { return }
            let gap = t.timeIntervalSince(from)
            if gap > 0, var r = result {
                r.gaps += 1
                if gap > limit { r.missedGaps += 1 }
                r.longestGapSeconds = max(r.longestGapSeconds, gap)
                result = r
            }
            silenceFrom = nil
        }
        func start(_ t: Date) { if open && cadence != nil { silenceFrom = t } }

        var step = 0
        for (index, event) in events.enumerated() {
            guard let at = event.at else {
                if step < stepEvents.count && stepEvents[step] == index { step += 1 }
                continue
            }
            switch event.kind {
            case .message(from: .customer, _, _, _):
                if !open { open = true; start(at) }
                if step < stepEvents.count && stepEvents[step] == index {
                    let situation = situations[step]
                    step += 1
                    let every = rules.situations[situation]?.updateEvery
                    if every?.seconds != cadence {
                        close(at)
                        cadence = every?.seconds
                        start(at)
                    }
                    if let every {
                        if result == nil {
                            result = CadenceOutcome(situation: situation, every: every, since: at, gaps: 0, missedGaps: 0, longestGapSeconds: 0)
                        } else if situation.severity > result!.situation.severity {
                            result!.situation = situation
                            result!.every = every
                        }
                    }
                }
                lastTime = at
            case .message(from: .agent, _, _, _):
                close(at)
                start(at)
                lastTime = at
            case .status(let status):
                switch status {
                case "resolved", "closed", "solved":
                    close(at)
                    open = false
                case "reopened", "reopen":
                    if !open { open = true; start(at) }
                default:
                    break
                }
                lastTime = at
            case .feedback:
                break
            }
        }
        if open, var end = lastTime {
            if case .time(let exported)? = asOf, exported > end { end = exported }
            close(end)
        }
        return result
    }
}
