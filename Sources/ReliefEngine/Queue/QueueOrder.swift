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

    /// Whether `a` comes before `b` on the desk.
    public func inOrder(_ a: QueueItem, _ b: QueueItem) -> Bool {
        let items = [a, b]
        return Self.precedes(key(a, at: 0), key(b, at: 1), in: items)
    }

    /// What an item is sorted by, short of its id: small, so sorting moves keys, not lines.
    private struct Key {
        var overdue: Bool
        var rank: Int
        var due: Double
        var position: Int
    }

    private func key(_ item: QueueItem, at position: Int) -> Key {
        Key(overdue: item.isOverdue(at: now), rank: rank[item.situation] ?? Int.max,
            due: item.deadline?.at.timeIntervalSinceReferenceDate ?? .infinity, position: position)
    }

    /// The desk's order on keys; `items` breaks ties by case id, then input position. Compared
    /// in place: copying a line out of the array would retain its dozen strings.
    private static func precedes(_ a: Key, _ b: Key, in items: [QueueItem]) -> Bool {
        if a.overdue != b.overdue { return a.overdue }
        if a.rank != b.rank { return a.rank < b.rank }
        if a.due != b.due { return a.due < b.due }
        if items[a.position].caseId != items[b.position].caseId { return items[a.position].caseId < items[b.position].caseId }
        return items[a.position].index < items[b.position].index
    }

    /// The items in the desk's order. Sorts small keys and moves each item once: a queue line
    /// holds a dozen strings, and moving lines around in the sort was a good part of its cost.
    public func sorted(_ items: [QueueItem]) -> [QueueItem] {
        let keys = items.enumerated().map { key($1, at: $0) }
        return keys.sorted { Self.precedes($0, $1, in: items) }.map { items[$0.position] }
    }
}
