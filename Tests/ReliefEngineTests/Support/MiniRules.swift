import Foundation
@testable import ReliefEngine

/// A small rules file written for the tests: every feature once, nothing more.
enum MiniRules {
    static let text = #"""
    {
      format: 1,
      name: "mini",
      version: "1.0",
      defaultLanguage: "en",
      negationWindow: 2,
      languages: {
        et: { negators: ["ei", "pole"], markers: ["ja", "on", "mul", "see"], letters: "õäöü" },
        en: { negators: ["not", "no", "never"], markers: ["the", "and", "is", "my"] },
      },
      owners: {
        agent: { et: "teenindaja", en: "agent" },
        lead: { et: "valvejuht", en: "duty lead" },
      },
      signals: [
        { id: "defect", about: "Broken things.",
          text: { et: ["katki", "rikk*", "ei tööta", "probleem*"], en: ["broken", "not working", "problem*"] },
          examples: { match: { et: ["Pesumasin on katki"], en: ["It is broken"] },
                      noMatch: { et: ["Pole probleemi"], en: ["Not broken at all"] } } },
        { id: "court", about: "Legal threats.",
          text: { et: ["kohus", "kohtu*"], en: ["lawyer*", "sue"] },
          examples: { match: { et: ["Lähen kohtusse"], en: ["My lawyer will call"] },
                      noMatch: { et: ["See on minu kohustus"], en: ["I will not sue"] } } },
        { id: "wedding", about: "Life events.", negation: false,
          text: { et: ["pulm*"], en: ["wedding"] },
          examples: { match: { et: ["Kleit pulmadeks"], en: ["A dress for my wedding"] },
                      noMatch: { et: ["Tavaline kleit"], en: ["A normal dress"] } } },
        { id: "social", about: "Public channel.", field: { path: "channel", in: ["social"] },
          examples: { matchCases: [{ channel: "social", text: "hi" }], noMatchCases: [{ channel: "email", text: "hi" }] } },
        { id: "loyal", about: "Long-time customer.", field: { path: "customer.tenureMonths", gte: 60 },
          examples: { matchCases: [{ customer: { tenureMonths: 72 } }], noMatchCases: [{ customer: { tenureMonths: 12 } }] } },
        { id: "big-order", about: "Big purchase.", field: { path: "attributes.orderValue", gte: 1000 },
          examples: { matchCases: [{ attributes: { orderValue: 1200 } }], noMatchCases: [{ attributes: { orderValue: 10 } }] } },
        { id: "repeat", about: "Third message.", history: { customerMessages: { gte: 3 } },
          examples: { matchCases: [{ events: [{type: "message", text: "a"}, {type: "message", text: "b"}, {type: "message", text: "c"}] }],
                      noMatchCases: [{ text: "once" }] } },
        { id: "promise-broken", about: "Overdue promise.", history: { promiseOverdue: true },
          examples: {
            matchCases: [{ now: "2026-03-05T00:00:00Z", events: [
              { at: "2026-03-01T09:00:00Z", type: "message", from: "customer", text: "refund?" },
              { at: "2026-03-01T10:00:00Z", type: "message", from: "agent", text: "by Monday", promise: { due: "2026-03-03T09:00:00Z" } } ] }],
            noMatchCases: [{ now: "2026-03-02T00:00:00Z", events: [
              { at: "2026-03-01T10:00:00Z", type: "message", from: "agent", text: "by Monday", promise: { due: "2026-03-03T09:00:00Z" } } ] }] } },
        { id: "waiting", about: "Waiting a day.", history: { hoursWaiting: { gte: 24 } },
          examples: {
            matchCases: [{ now: "2026-03-03T09:00:00Z", events: [{ at: "2026-03-01T09:00:00Z", type: "message", text: "hello?" }] }],
            noMatchCases: [{ now: "2026-03-01T10:00:00Z", events: [{ at: "2026-03-01T09:00:00Z", type: "message", text: "hello?" }] }] } },
        { id: "reopened", about: "Came back.", history: { reopened: true },
          examples: {
            matchCases: [{ events: [{ type: "status", status: "resolved" }, { type: "message", text: "still broken" }] }],
            noMatchCases: [{ events: [{ type: "message", text: "hi" }, { type: "status", status: "resolved" }] }] } },
        { id: "hopping", about: "Several channels.", history: { channelChanged: true },
          examples: {
            matchCases: [{ events: [{ type: "message", channel: "email", text: "a" }, { type: "message", channel: "phone", text: "b" }] }],
            noMatchCases: [{ events: [{ type: "message", channel: "email", text: "a" }, { type: "message", channel: "email", text: "b" }] }] } },
        { id: "thanks", about: "Gratitude.", text: { et: ["tänan", "aitäh"], en: ["thanks", "thank you"] },
          examples: { match: { et: ["Tanan väga"], en: ["Thanks a lot"] }, noMatch: { et: ["Tere"], en: ["Hello"] } } },
      ],
      precedence: ["crisis", "elevated", "unexpected", "everyday"],
      fallback: "everyday",
      situations: {
        crisis: {
          wants: { et: "Keegi võtab juhtimise.", en: "Someone takes charge." },
          reliefMoment: { et: "Esimene vastus.", en: "The first reply." },
          firstResponse: "PT15M",
          expectations: ["trust", "empathy"],
          rules: [
            { id: "crisis-legal", about: "Legal threat.", when: "court" },
            { id: "crisis-public-defect", when: { all: ["social", "defect", { not: "thanks" }] } },
          ],
        },
        elevated: {
          wants: { et: "Mind tuntakse.", en: "To be known." },
          reliefMoment: { et: "Kui sündmust nimetatakse.", en: "When the occasion is named." },
          firstResponse: "PT1H",
          expectations: ["personalization", "empathy"],
          rules: [{ id: "elevated-life-event", when: "wedding" }, { id: "elevated-big", when: { all: ["big-order", "defect"] } }],
        },
        unexpected: {
          wants: { et: "Selgust.", en: "Clarity." },
          reliefMoment: { et: "Kui on selge, mis edasi saab.", en: "When the next step is clear." },
          firstResponse: "PT4H",
          expectations: ["recovery", "consistency"],
          rules: [{ id: "unexpected-problem", when: { any: ["defect", "repeat", "promise-broken", "waiting", "reopened", "hopping"] } }],
        },
        everyday: {
          wants: { et: "Lihtsust.", en: "Ease." },
          reliefMoment: { et: "Kohe lahendatud.", en: "Solved at once." },
          firstResponse: "P1D",
          expectations: ["simplicity"],
          rules: [{ id: "everyday-thanks", when: "thanks" }],
        },
      },
      expectations: {
        trust: { about: { et: "usaldus", en: "trust" }, raisedBy: ["court", "promise-broken"] },
        personalization: { about: { et: "isikupära", en: "personal" }, raisedBy: ["loyal", "wedding"] },
        simplicity: { about: { et: "lihtsus", en: "simple" }, raisedBy: ["repeat", "hopping"] },
        empathy: { about: { et: "empaatia", en: "empathy" }, raisedBy: [] },
        consistency: { about: { et: "järjepidevus", en: "consistent" }, raisedBy: ["promise-broken", "waiting"] },
        recovery: { about: { et: "heastamine", en: "recovery" }, raisedBy: ["defect"] },
      },
      hitPolicy: "most-specific",
      responses: [
        // One default per cell is generated below by the tests that need completeness;
        // here the cells the tests look at.
        RESPONSES
      ],
    }
    """#

    /// A response entry for a cell, optionally narrowed.
    /// `within` defaults to the crisis target, so no response outlasts its situation's target.
    static func response(_ id: String, _ situation: String, _ expectation: String, when: String? = nil, owner: String = "agent", within: String = "PT15M") -> String {
        let whenPart = when.map { "when: \($0), " } ?? ""
        return """
        { id: "\(id)", situation: "\(situation)", expectation: "\(expectation)", \(whenPart)
          say: { et: "Ütle \(id)", en: "Say \(id)" }, tone: { et: "rahulik", en: "calm" },
          do: { et: ["Tee \(id)"], en: ["Do \(id)"] }, owner: "\(owner)", within: "\(within)" },
        """
    }

    /// Defaults for all 24 cells, plus `extra` entries.
    static func text(extra: [String] = []) -> String {
        var entries: [String] = []
        for s in ["crisis", "elevated", "unexpected", "everyday"] {
            for e in ["trust", "personalization", "simplicity", "empathy", "consistency", "recovery"] {
                entries.append(response("\(s)-\(e)", s, e))
            }
        }
        return text.replacingOccurrences(of: "RESPONSES", with: (entries + extra).joined(separator: "\n"))
    }

    struct LoadFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func load(extra: [String] = [], replacing: [(String, String)] = []) throws -> RuleSet {
        var source = text(extra: extra)
        for (old, new) in replacing { source = source.replacingOccurrences(of: old, with: new) }
        let outcome = RulesLoader.load(source)
        guard let rules = outcome.rules else {
            throw LoadFailure(description: outcome.problems.map { $0.formatted(file: "mini") }.joined(separator: "\n"))
        }
        return rules
    }

    /// Problems of the mini rules after textual edits, for tests of `rules check` messages.
    static func problems(extra: [String] = [], replacing: [(String, String)] = []) -> [RulesProblem] {
        var source = text(extra: extra)
        for (old, new) in replacing { source = source.replacingOccurrences(of: old, with: new) }
        return RulesLoader.load(source).problems
    }

    static func date(_ s: String) -> Date { ISO8601.parseTimestamp(s)! }
}
