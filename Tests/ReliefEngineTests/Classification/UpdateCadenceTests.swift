import Foundation
import Testing
@testable import ReliefEngine

/// A situation's `updateEvery` and the decision's `nextUpdateBy`: when the customer must next
/// hear from us.
@Suite("The update cadence in a decision")
struct UpdateCadenceTests {
    /// The mini rules with a cadence for crisis only.
    static func classifier() throws -> Classifier {
        Classifier(rules: try MiniRules.load(replacing: [(#"firstResponse: "PT15M","#, #"firstResponse: "PT15M", updateEvery: "PT1H","#)]))
    }

    static func message(_ at: String, _ from: Party, _ text: String) -> CaseEvent {
        CaseEvent(at: MiniRules.date(at), kind: .message(from: from, text: text, channel: nil, promise: nil))
    }

    @Test("a crisis case not yet answered: the next update is due a cadence after the opening")
    func fromOpening() throws {
        let c = SupportCase(id: "C", openedAt: MiniRules.date("2026-03-01T09:00:00Z"), events: [Self.message("2026-03-01T09:00:00Z", .customer, "My lawyer will call")])
        let d = try Self.classifier().classify(c, now: MiniRules.date("2026-03-01T09:05:00Z"))
        #expect(d.situation == .crisis)
        #expect(d.updateEvery?.text == "PT1H")
        #expect(d.nextUpdateBy == MiniRules.date("2026-03-01T10:00:00Z"))
    }

    @Test("after an agent's message the cadence counts from that message")
    func fromLastAgentMessage() throws {
        let c = SupportCase(id: "C", openedAt: MiniRules.date("2026-03-01T09:00:00Z"), events: [
            Self.message("2026-03-01T09:00:00Z", .customer, "My lawyer will call"),
            Self.message("2026-03-01T09:10:00Z", .agent, "I own this now."),
            Self.message("2026-03-01T10:40:00Z", .agent, "Still on it."),
            Self.message("2026-03-01T11:00:00Z", .customer, "Any news?"),
        ])
        let d = try Self.classifier().classify(c, now: MiniRules.date("2026-03-01T11:05:00Z"))
        #expect(d.nextUpdateBy == MiniRules.date("2026-03-01T11:40:00Z"))
    }

    @Test("a situation without a cadence has none, and its JSON has neither key")
    func noCadence() throws {
        let c = SupportCase.quick(text: "It is broken", openedAt: MiniRules.date("2026-03-01T09:00:00Z"))
        let d = try Self.classifier().classify(c, now: MiniRules.date("2026-03-01T09:00:00Z"))
        #expect(d.situation == .unexpected)
        #expect(d.updateEvery == nil && d.nextUpdateBy == nil)
        let json = DecisionJSON.pretty(d)
        #expect(!json.contains("updateEvery") && !json.contains("nextUpdateBy"))
    }

    @Test("with a cadence the JSON carries updateEvery and nextUpdateBy, null without times, and the text says when")
    func rendering() throws {
        let timed = SupportCase.quick(text: "My lawyer will call", openedAt: MiniRules.date("2026-03-01T09:00:00Z"))
        let d = try Self.classifier().classify(timed, now: MiniRules.date("2026-03-01T09:00:00Z"))
        let node = try JSONParser.parse(DecisionJSON.pretty(d))
        #expect(node["updateEvery"]?.stringValue == "PT1H")
        #expect(node["nextUpdateBy"]?.stringValue == "2026-03-01T10:00:00Z")
        #expect(DecisionText.render(d).contains("Updates: at least every 1 h while the case is open; next by 2026-03-01 10:00 UTC"))
        #expect(DecisionText.render(d, zone: TimeZone(identifier: "Europe/Tallinn")!).contains("next by 2026-03-01 12:00 +02:00"))

        let untimed = try Self.classifier().classify(.quick(text: "My lawyer will call"), now: nil)
        let bare = try JSONParser.parse(DecisionJSON.pretty(untimed))
        #expect(bare["updateEvery"]?.stringValue == "PT1H")
        #expect(bare["nextUpdateBy"]?.value == JSONValue.null)
    }

    @Test("the default rules give crisis an hourly and elevated a four-hourly cadence, the milder situations none")
    func defaults() throws {
        let rules = try DefaultRulesSupport.classifier().rules
        #expect(rules.situations[.crisis]?.updateEvery?.text == "PT1H")
        #expect(rules.situations[.elevated]?.updateEvery?.text == "PT4H")
        #expect(rules.situations[.unexpected]?.updateEvery == nil)
        #expect(rules.situations[.everyday]?.updateEvery == nil)
    }
}
