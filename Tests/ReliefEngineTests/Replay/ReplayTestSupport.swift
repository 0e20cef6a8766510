import Foundation
@testable import ReliefEngine

/// A rules file small enough to work out replay results by hand, and cases to replay with it.
///
/// Four text signals (broken, lawyer, thanks, wedding), one rule per situation, and only three
/// responses: crisis × trust, unexpected × recovery, everyday × simplicity. So crisis × empathy
/// and unexpected × consistency are gaps, and a case that matches nothing falls to everyday.
enum ReplayTestSupport {
    static let tinyRules = #"""
    {
      format: 1, name: "tiny", version: "1",
      defaultLanguage: "en",
      languages: { en: { negators: ["not"], markers: ["the", "and", "is", "my", "it"] } },
      owners: { agent: { en: "agent" } },
      signals: [
        { id: "broken", about: "Broken things.", text: { en: ["broken"] },
          examples: { match: { en: ["it is broken"] }, noMatch: { en: ["fine"] } } },
        { id: "lawyer", about: "Legal threat.", text: { en: ["lawyer"] },
          examples: { match: { en: ["my lawyer"] }, noMatch: { en: ["fine"] } } },
        { id: "thanks", about: "Gratitude.", text: { en: ["thanks"] },
          examples: { match: { en: ["thanks"] }, noMatch: { en: ["fine"] } } },
        { id: "wedding", about: "Life event.", text: { en: ["wedding"] },
          examples: { match: { en: ["our wedding"] }, noMatch: { en: ["fine"] } } },
      ],
      precedence: ["crisis", "elevated", "unexpected", "everyday"],
      fallback: "everyday",
      situations: {
        crisis: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT15M", expectations: ["trust", "empathy"],
          rules: [{ id: "crisis-legal", when: "lawyer" }] },
        elevated: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT1H", expectations: ["personalization"],
          rules: [{ id: "elevated-wedding", when: "wedding" }] },
        unexpected: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "PT4H", expectations: ["recovery", "consistency"],
          rules: [{ id: "unexpected-broken", when: "broken" }] },
        everyday: { wants: { en: "w" }, reliefMoment: { en: "r" }, firstResponse: "P1D", expectations: ["simplicity"],
          rules: [{ id: "everyday-thanks", when: "thanks" }] },
      },
      expectations: {
        trust: { about: { en: "t" }, raisedBy: [] }, personalization: { about: { en: "p" }, raisedBy: [] },
        simplicity: { about: { en: "s" }, raisedBy: [] }, empathy: { about: { en: "e" }, raisedBy: [] },
        consistency: { about: { en: "c" }, raisedBy: [] }, recovery: { about: { en: "r" }, raisedBy: [] },
      },
      hitPolicy: "most-specific",
      responses: [
        { id: "crisis-trust", situation: "crisis", expectation: "trust", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT15M" },
        { id: "unexpected-recovery", situation: "unexpected", expectation: "recovery", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT1H" },
        { id: "everyday-simplicity", situation: "everyday", expectation: "simplicity", say: { en: "s" }, tone: { en: "t" }, do: { en: ["d"] }, owner: "agent", within: "PT1H" },
      ],
    }
    """#

    /// A: "thanks", never answered, poor feedback. B: broken, answered in an hour, then a lawyer
    /// (crisis) answered in 10 minutes, good feedback. C: matches nothing and has no times.
    static let tinyCases = [
        #"{"id": "A", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "from": "customer", "text": "thanks"}, {"at": "2026-03-01T09:05:00Z", "type": "feedback", "csat": 2, "nps": 3, "ces": 5}]}"#,
        #"{"id": "B", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "from": "customer", "text": "it is broken"}, {"at": "2026-03-01T10:00:00Z", "type": "message", "from": "agent", "text": "sorry"}, {"at": "2026-03-01T11:00:00Z", "type": "message", "from": "customer", "text": "my lawyer will call"}, {"at": "2026-03-01T11:10:00Z", "type": "message", "from": "agent", "text": "I own this"}, {"at": "2026-03-02T09:00:00Z", "type": "feedback", "csat": 4, "nps": 9}]}"#,
        #"{"id": "C", "events": [{"type": "message", "from": "customer", "text": "hello there"}]}"#,
    ]

    static func rules(_ text: String = tinyRules) throws -> RuleSet {
        let outcome = RulesLoader.load(text)
        guard let rules = outcome.rules else {
            throw MiniRules.LoadFailure(description: outcome.problems.map { $0.formatted(file: "tiny") }.joined(separator: "\n"))
        }
        return rules
    }

    static func decode(_ json: String) throws -> SupportCase {
        try CaseDecoder.decode(try JSONParser.parse(json))
    }

    static func replays(_ lines: [String] = tinyCases, rules: RuleSet? = nil) throws -> [CaseReplay] {
        let replayer = Replayer(rules: try rules ?? Self.rules())
        return try lines.map { replayer.replay(try decode($0)) }
    }

    static func date(_ s: String) -> Date { ISO8601.parseTimestamp(s)! }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
