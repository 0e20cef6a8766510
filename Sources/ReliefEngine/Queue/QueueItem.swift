import Foundation

/// One open case as the triage desk sees it at a moment: its situation now and when it opened,
/// why, who owns the next step, what is due and what to do. A small value: a queue of 100,000
/// cases keeps these, not the cases.
public struct QueueItem: Sendable, Equatable {
    public var caseId: String
    /// Position in the input, for a stable order among equals.
    public var index: Int
    /// The situation of the case judged at the queue's moment.
    public var situation: Situation
    /// The situation right after the first customer message; nil without one.
    public var openedAs: Situation?
    /// True when `situation` is more intense (earlier in the rules' precedence) than `openedAs`.
    public var rose: Bool
    /// The situation rule that put the case in its situation, and the signals that made it
    /// hold; nil on fallback.
    public var rule: String?
    public var signals: [String]
    /// True when no situation rule matched.
    public var fallback: Bool
    /// The language the playbook is worded in.
    public var language: String
    /// The first response of the playbook (the most pressing expectation): its id, owner role,
    /// the owner's name in the case's language, and its first action.
    public var responseId: String?
    public var owner: String?
    public var ownerName: String?
    public var next: String?
    public var deadline: QueueDeadline?
    /// The oldest customer message still unanswered.
    public var waitingSince: Date?

    /// The one-line reason: "crisis-fraud: fraud", or why nothing matched.
    public var reason: String {
        guard let rule else { return "no situation rule matched" }
        return signals.isEmpty ? rule : rule + ": " + signals.joined(separator: ", ")
    }

    /// "unexpected ↑ crisis" when the case rose since it opened, else the situation.
    public var situationText: String {
        guard rose, let openedAs else { return situation.rawValue }
        return openedAs.rawValue + " ↑ " + situation.rawValue
    }

    public func isOverdue(at now: Date) -> Bool { deadline?.isOverdue(at: now) ?? false }
}
