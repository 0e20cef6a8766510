import Foundation

/// The order of the desk: what needs a person first.
///
/// 1. Overdue before not overdue (a reply, a promise or an update).
/// 2. The situation, in the rules' precedence (crisis first with the default rules).
/// 3. The due time, earliest first: the most overdue, then the least time left; nothing due last.
/// 4. The case id, then the input position, so equal cases keep one order.
public struct QueueOrder: Sendable {
    public let now: Date
    private let rank: [Situation: Int]

    public init(now: Date, precedence: [Situation]) {
        self.now = now
        var rank: [Situation: Int] = [:]
        for (i, s) in precedence.enumerated() { rank[s] = i }
        self.rank = rank
    }

    public func inOrder(_ a: QueueItem, _ b: QueueItem) -> Bool {
        let overdueA = a.isOverdue(at: now), overdueB = b.isOverdue(at: now)
        if overdueA != overdueB { return overdueA }
        let ra = rank[a.situation] ?? Int.max, rb = rank[b.situation] ?? Int.max
        if ra != rb { return ra < rb }
        switch (a.deadline?.at, b.deadline?.at) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if a.caseId != b.caseId { return a.caseId < b.caseId }
        return a.index < b.index
    }

    /// The items in the desk's order. Sorts small keys and moves each item once: a queue line
    /// holds a dozen strings, and moving lines around in the sort was a good part of its cost.
    public func sorted(_ items: [QueueItem]) -> [QueueItem] {
        struct Key {
            var overdue: Bool
            var rank: Int
            var due: Double
            var position: Int
        }
        let keys = items.enumerated().map { i, item in
            Key(overdue: item.isOverdue(at: now), rank: rank[item.situation] ?? Int.max,
                due: item.deadline?.at.timeIntervalSinceReferenceDate ?? .infinity, position: i)
        }
        let order = keys.sorted { a, b in
            if a.overdue != b.overdue { return a.overdue }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.due != b.due { return a.due < b.due }
            // Compared in place: copying a line out of the array would retain its dozen strings.
            if items[a.position].caseId != items[b.position].caseId { return items[a.position].caseId < items[b.position].caseId }
            return items[a.position].index < items[b.position].index
        }
        return order.map { items[$0.position] }
    }
}
