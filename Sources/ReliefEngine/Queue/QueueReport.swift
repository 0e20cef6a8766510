import Foundation

/// The desk at one moment: the open cases in the order they need a person, and the counts a
/// lead reads first. Reporters render it.
public struct QueueReport: Sendable {
    /// Which cases to show; nil shows all.
    public struct Filter: Sendable, Equatable {
        /// An owner role id, as in the rules' `owners`.
        public var owner: String?
        public var situation: Situation?

        public init(owner: String? = nil, situation: Situation? = nil) {
            self.owner = owner
            self.situation = situation
        }

        public func keeps(_ item: QueueItem) -> Bool {
            (owner == nil || item.owner == owner) && (situation == nil || item.situation == situation)
        }

        public var isEmpty: Bool { owner == nil && situation == nil }
    }

    public var now: Date
    public var rulesName: String
    public var rulesVersion: String
    public var filter: Filter
    /// Open cases read, before the filter.
    public private(set) var open = 0
    /// The cases shown, in order.
    public private(set) var items: [QueueItem] = []
    /// Lines or rows that could not be read (reported on standard error by the CLI).
    public var skipped = 0

    public init(now: Date, rules: RuleSet, filter: Filter = Filter()) {
        self.now = now
        rulesName = rules.name
        rulesVersion = rules.version
        self.filter = filter
    }

    /// Adds an open case; the filter decides whether it is shown.
    public mutating func add(_ item: QueueItem) {
        open += 1
        if filter.keeps(item) { items.append(item) }
    }

    /// Puts the shown cases in the desk's order.
    public mutating func sort(precedence: [Situation]) {
        items = QueueOrder(now: now, precedence: precedence).sorted(items)
    }

    /// Shown cases that are overdue.
    public var overdue: Int { items.reduce(0) { $0 + ($1.isOverdue(at: now) ? 1 : 0) } }

    /// Shown cases per situation.
    public var bySituation: [Situation: Int] {
        var counts: [Situation: Int] = [:]
        for item in items { counts[item.situation, default: 0] += 1 }
        return counts
    }
}
