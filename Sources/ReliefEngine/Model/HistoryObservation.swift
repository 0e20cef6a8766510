import Foundation

/// What a history detector saw, as of the decision's time. Kept as values rather than words, so
/// text shows "waiting 3 d 4 h" while JSON keeps the figure programs read.
public enum HistoryObservation: Sendable, Equatable, Hashable {
    /// How many messages the customer has written so far.
    case customerMessages(Int)
    /// How long the oldest customer message without an agent reply has waited; 0 when the agent
    /// spoke last.
    case waiting(seconds: Double)
    /// The earliest promise past its due time, and how long past it.
    case promiseOverdue(due: Date, bySeconds: Double)
    /// No promise is past its due time.
    case noPromiseOverdue
    case reopened(Bool)
    /// The channels the customer wrote on, in `Channel` order.
    case channels([Channel])

    /// The observation as decisions have always carried it in `matched`: hours with one decimal,
    /// `due` and the ISO 8601 time, counts and channel names.
    var evidenceValue: String {
        switch self {
        case .customerMessages(let n): return String(n)
        case .waiting(let seconds): return CaseEvaluation.oneDecimal(seconds / 3600)
        case .promiseOverdue(let due, _): return "due " + ISO8601.format(due)
        case .noPromiseOverdue: return "no overdue promise"
        case .reopened(let reopened): return reopened ? "reopened" : "not reopened"
        case .channels(let channels): return channels.map(\.rawValue).sorted().joined(separator: ", ")
        }
    }
}
