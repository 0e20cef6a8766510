import Foundation

/// The next thing an open case is owed, and by when: what the queue sorts and flags.
public struct QueueDeadline: Sendable, Equatable {
    /// What is owed. The order of the cases is the tie-break when two fall due at once.
    public enum Kind: String, Sendable, CaseIterable {
        /// A customer message has no answer yet: the relief moment. Due at the oldest unanswered
        /// message plus the first-response target of the case's situation now.
        case reply
        /// An agent promised something by a time, and no agent message has come since that time.
        case promise
        /// The last word was ours and the situation has an update cadence: due at the last agent
        /// message (else the opening) plus `updateEvery`.
        case update
    }

    public var kind: Kind
    public var at: Date
    /// What was promised, for a promise that said.
    public var what: String?

    public init(kind: Kind, at: Date, what: String? = nil) {
        self.kind = kind
        self.at = at
        self.what = what
    }

    /// True once `now` is past the due time.
    public func isOverdue(at now: Date) -> Bool { now > at }

    /// "reply due in 25 min", "update overdue 2 h".
    public func phrase(now: Date) -> String { kind.rawValue + " " + TimeLeft.phrase(due: at, now: now) }

    /// The earliest of the candidates, ties to the kind listed first.
    static func earliest(_ candidates: [QueueDeadline]) -> QueueDeadline? {
        candidates.min { a, b in
            a.at != b.at ? a.at < b.at : Kind.allCases.firstIndex(of: a.kind)! < Kind.allCases.firstIndex(of: b.kind)!
        }
    }
}
