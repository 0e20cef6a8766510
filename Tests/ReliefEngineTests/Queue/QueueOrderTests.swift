import Foundation
import Testing
@testable import ReliefEngine

@Suite("The desk's order")
struct QueueOrderTests {
    static let now = MiniRules.date("2026-03-10T12:00:00Z")

    static func item(_ id: String, _ situation: Situation, due minutes: Double?, index: Int = 0) -> QueueItem {
        QueueItem(
            caseId: id, index: index, situation: situation, openedAs: situation, rose: false, rule: nil, signals: [],
            fallback: false, language: "en", responseId: nil, owner: nil, ownerName: nil, next: nil,
            deadline: minutes.map { QueueDeadline(kind: .reply, at: now.addingTimeInterval($0 * 60)) }, waitingSince: nil)
    }

    static func order(_ items: [QueueItem], precedence: [Situation] = [.crisis, .elevated, .unexpected, .everyday]) -> [String] {
        QueueOrder(now: now, precedence: precedence).sorted(items).map(\.caseId)
    }

    @Test("overdue first, even an everyday case before a crisis with time left")
    func overdueFirst() {
        #expect(Self.order([Self.item("crisis-soon", .crisis, due: 5), Self.item("everyday-late", .everyday, due: -1)]) == ["everyday-late", "crisis-soon"])
    }

    @Test("then the situation in the rules' precedence")
    func precedence() {
        let items = [Self.item("u", .unexpected, due: 10), Self.item("c", .crisis, due: 50), Self.item("e", .elevated, due: 1), Self.item("d", .everyday, due: 0.5)]
        #expect(Self.order(items) == ["c", "e", "u", "d"])
        #expect(Self.order(items, precedence: [.everyday, .unexpected, .elevated, .crisis]) == ["d", "u", "e", "c"], "the rules' order, not a fixed one")
    }

    @Test("then the due time: the most overdue first, the least time left next, nothing due last")
    func dueTime() {
        let items = [Self.item("none", .unexpected, due: nil), Self.item("later", .unexpected, due: 90), Self.item("soon", .unexpected, due: 10)]
        #expect(Self.order(items) == ["soon", "later", "none"])
        #expect(Self.order([Self.item("a bit late", .crisis, due: -5), Self.item("very late", .crisis, due: -300)]) == ["very late", "a bit late"])
    }

    @Test("equal cases by id, then by input position")
    func ties() {
        #expect(Self.order([Self.item("Q-2", .crisis, due: 5), Self.item("Q-1", .crisis, due: 5)]) == ["Q-1", "Q-2"])
        let twins = [Self.item("X", .crisis, due: 5, index: 7), Self.item("X", .crisis, due: 5, index: 3)]
        #expect(QueueOrder(now: Self.now, precedence: [.crisis, .elevated, .unexpected, .everyday]).sorted(twins).map(\.index) == [3, 7])
    }

    @Test("sorting many lines gives the order the comparison defines")
    func sortedAgreesWithComparison() {
        var generator = SplitMix64(seed: 7)
        let situations = Situation.allCases
        let items = (0..<2000).map { i -> QueueItem in
            let due: Double? = generator.next() % 5 == 0 ? nil : Double(Int(generator.next() % 600) - 300)
            return Self.item("C-\(generator.next() % 50)", situations[Int(generator.next() % 4)], due: due, index: i)
        }
        let order = QueueOrder(now: Self.now, precedence: [.crisis, .elevated, .unexpected, .everyday])
        #expect(order.sorted(items) == items.sorted(by: order.inOrder))
    }

    @Test("the report counts open, shown and overdue cases, and filters by owner and situation")
    func report() throws {
        let rules = try MiniRules.load()
        var report = QueueReport(now: Self.now, rules: rules, filter: .init(owner: "lead"))
        var mine = Self.item("mine", .crisis, due: -1)
        mine.owner = "lead"
        report.add(mine)
        report.add(Self.item("theirs", .crisis, due: -1))
        #expect(report.open == 2 && report.items.map(\.caseId) == ["mine"] && report.overdue == 1)
        #expect(!QueueReport.Filter(situation: .elevated).keeps(mine))
        #expect(QueueReport.Filter().isEmpty)
    }
}
