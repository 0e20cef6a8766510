import Foundation
import Testing
@testable import ReliefEngine

@Suite("Evaluator: first message and peak")
struct EvaluatorTests {
    /// A thanks, then a broken product, then a lawyer: everyday on arrival, crisis at the peak.
    static let history = SupportCase(
        id: "src-7", customer: Customer(language: "en"),
        events: [
            CaseEvent(at: MiniRules.date("2026-03-01T09:00:00Z"), kind: .message(from: .customer, text: "Thanks for the quick delivery", channel: nil, promise: nil)),
            CaseEvent(at: MiniRules.date("2026-03-01T10:00:00Z"), kind: .message(from: .agent, text: "Glad to help", channel: nil, promise: nil)),
            CaseEvent(at: MiniRules.date("2026-03-02T09:00:00Z"), kind: .message(from: .customer, text: "Now it is broken", channel: nil, promise: nil)),
            CaseEvent(at: MiniRules.date("2026-03-03T09:00:00Z"), kind: .message(from: .customer, text: "My lawyer will call about the flibbertigibbet", channel: nil, promise: nil)),
        ])

    @Test("--first judges the first customer message alone; --peak the most severe step of the whole history")
    func firstAndPeak() throws {
        let rules = try MiniRules.load()
        let label = EvalLabel(caseId: "src-7", first: .everyday, peak: .crisis, line: 4)
        let first = Evaluator(rules: rules, mode: .first).evaluate(Self.history, label: label)
        #expect(first.given == .everyday)
        #expect(first.miss == nil)
        #expect(first.group == "src")
        let peak = Evaluator(rules: rules, mode: .peak).evaluate(Self.history, label: label)
        #expect(peak.given == .crisis)
        #expect(peak.miss == nil)
    }

    @Test("a miss carries the text the decision saw, the rules and signals that decided, and the words no signal knows")
    func missCarriesItsReasons() throws {
        let rules = try MiniRules.load()
        let label = EvalLabel(caseId: "src-7", first: .unexpected, peak: .unexpected, line: 12)
        let verdict = Evaluator(rules: rules, mode: .peak).evaluate(Self.history, label: label)
        let miss = try #require(verdict.miss)
        #expect(miss.expected == .unexpected)
        #expect(miss.given == .crisis)
        #expect(miss.labelLine == 12)
        #expect(!miss.fallback)
        #expect(miss.rules.contains("crisis-legal"))
        #expect(miss.signals.map(\.id).contains("court"))
        #expect(miss.excerpt == "Thanks for the quick delivery / Now it is broken / My lawyer will call about the flibbertigibbet")
        #expect(miss.unknownWords.contains("flibbertigibbet"))
    }

    @Test("a case without a customer message is not decided; a fallback miss says so")
    func undecidedAndFallback() throws {
        let rules = try MiniRules.load()
        let silent = SupportCase(id: "s-1", events: [CaseEvent(at: nil, kind: .status("resolved"))])
        #expect(Evaluator(rules: rules, mode: .first).evaluate(silent, label: EvalLabel(caseId: "s-1", first: .everyday, peak: .everyday, line: 1)).given == nil)
        let unknown = SupportCase.quick(id: "u-1", text: "zorblax quuxly")
        let verdict = Evaluator(rules: rules, mode: .first).evaluate(unknown, label: EvalLabel(caseId: "u-1", first: .crisis, peak: .crisis, line: 1))
        #expect(verdict.miss?.fallback == true)
        #expect(verdict.miss?.unknownWords == ["zorblax", "quuxly"])
    }

    @Test("grouping by a field of the case instead of the id's prefix")
    func grouping() {
        let c = SupportCase(id: "nodash", channel: .email, attributes: ["source": .string("zendesk")])
        #expect(EvalGrouping.idPrefix.key(c) == "(other)")
        #expect(EvalGrouping.parse("channel")?.key(c) == "email")
        #expect(EvalGrouping.parse("attributes.source")?.key(c) == "zendesk")
        #expect(EvalGrouping.parse("journey")?.key(c) == "(none)")
        #expect(EvalGrouping.parse("nonsense") == nil)
    }
}
