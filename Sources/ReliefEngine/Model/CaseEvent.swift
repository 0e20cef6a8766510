import Foundation

/// Who wrote a message.
public enum Party: String, Sendable, CaseIterable, Codable {
    case customer, agent
}

/// A promise an agent made, with the time it is due.
public struct Promise: Sendable, Equatable {
    public var due: Date
    public var what: String?

    public init(due: Date, what: String? = nil) {
        self.due = due
        self.what = what
    }
}

/// One thing that happened in a case, in time order.
public struct CaseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case message(from: Party, text: String, channel: Channel?, promise: Promise?)
        /// A status change such as `open`, `pending`, `resolved`, `reopened` (lower-cased).
        case status(String)
        case feedback(Feedback)
    }

    /// When it happened; events without a time keep their place in the list.
    public var at: Date?
    public var kind: Kind

    public init(at: Date?, kind: Kind) {
        self.at = at
        self.kind = kind
    }

    /// True for a message written by the customer: the events that move a replay forward.
    public var isCustomerMessage: Bool {
        if case .message(from: .customer, _, _, _) = kind { return true }
        return false
    }
}

/// Survey answers a customer gave: CSAT (1–5), NPS (0–10), CES (1–7). Any may be missing.
public struct Feedback: Sendable, Equatable {
    public var csat: Double?
    public var nps: Double?
    public var ces: Double?

    public init(csat: Double? = nil, nps: Double? = nil, ces: Double? = nil) {
        self.csat = csat
        self.nps = nps
        self.ces = ces
    }
}
