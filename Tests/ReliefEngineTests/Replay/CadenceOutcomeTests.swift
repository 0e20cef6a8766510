import Foundation
import Testing
@testable import ReliefEngine

/// Replay checks the update cadence: while a case was open in a situation with `updateEvery`,
/// did the customer ever go longer than that without an agent's message?
@Suite("Replay: was the update cadence kept?")
struct CadenceOutcomeTests {
    /// The tiny rules with crisis updates every hour and elevated every four hours.
    static func replayer(asOf: ReplayAsOf? = nil) throws -> Replayer {
        let text = ReplayTestSupport.tinyRules
            .replacingOccurrences(of: #"firstResponse: "PT15M","#, with: #"firstResponse: "PT15M", updateEvery: "PT1H","#)
            .replacingOccurrences(of: #"firstResponse: "PT1H","#, with: #"firstResponse: "PT1H", updateEvery: "PT4H","#)
        return Replayer(rules: try ReplayTestSupport.rules(text), asOf: asOf)
    }

    /// A case from (time, who, text) triples on 1 March; who is "c", "a" or a status.
    static func make(_ events: [(String, String, String)]) throws -> SupportCase {
        let items = events.map { at, who, text -> String in
            let time = "2026-03-01T\(at):00Z"
            switch who {
            case "c": return #"{"at": "\#(time)", "type": "message", "from": "customer", "text": "\#(text)"}"#
            case "a": return #"{"at": "\#(time)", "type": "message", "from": "agent", "text": "\#(text)"}"#
            default: return #"{"at": "\#(time)", "type": "status", "status": "\#(who)"}"#
            }
        }
        return try ReplayTestSupport.decode(#"{"id": "K", "events": [\#(items.joined(separator: ", "))]}"#)
    }

    func cadence(_ events: [(String, String, String)], asOf: ReplayAsOf? = nil) throws -> CadenceOutcome? {
        try Self.replayer(asOf: asOf).replay(try Self.make(events)).cadence
    }

    @Test("a crisis answered and updated at least hourly until resolved keeps the cadence")
    func kept() throws {
        let c = try #require(try cadence([("09:00", "c", "my lawyer"), ("09:10", "a", "mine"), ("10:05", "a", "update"), ("11:00", "a", "update"), ("11:30", "resolved", "")]))
        #expect(c.situation == .crisis && c.every.text == "PT1H")
        #expect(c.since == ReplayTestSupport.date("2026-03-01T09:00:00Z"))
        #expect(c.kept == true && c.gaps == 4 && c.missedGaps == 0)
        #expect(c.longestGapSeconds == 55 * 60)
    }

    @Test("a silence longer than the cadence is a missed update, however well the rest went")
    func missed() throws {
        let c = try #require(try cadence([("09:00", "c", "my lawyer"), ("09:10", "a", "mine"), ("11:40", "a", "sorry, update"), ("11:50", "resolved", "")]))
        #expect(c.kept == false && c.missedGaps == 1 && c.gaps == 3)
        #expect(c.longestGapSeconds == 150 * 60)
    }

    @Test("the silence runs to the last thing known: a customer chasing counts; --as-of extends an open case to the export")
    func end() throws {
        let chasing = try #require(try cadence([("09:00", "c", "my lawyer"), ("09:10", "a", "mine"), ("10:30", "c", "hello? my lawyer")]))
        #expect(chasing.kept == false, "80 minutes without a word, the customer wrote again")
        let quiet = [("09:00", "c", "my lawyer"), ("09:10", "a", "mine")]
        #expect(try cadence(quiet)?.kept == true, "nothing known after 09:10")
        #expect(try cadence(quiet, asOf: .time(ReplayTestSupport.date("2026-03-01T12:00:00Z")))?.kept == false, "still silent at the export")
        #expect(try cadence(quiet, asOf: .time(ReplayTestSupport.date("2026-03-01T09:30:00Z")))?.kept == true)
    }

    @Test("the cadence in force changes with the situation: a new silence starts when it does")
    func changes() throws {
        // Elevated (4 h) from 09:00, crisis (1 h) from 12:00, answered at 12:10, then silent until 12:50.
        let c = try #require(try cadence([("09:00", "c", "our wedding"), ("09:30", "a", "congrats"), ("12:00", "c", "my lawyer"), ("12:10", "a", "mine"), ("12:50", "resolved", "")]))
        #expect(c.situation == .crisis && c.every.text == "PT1H", "the most intense situation reached")
        #expect(c.kept == true, "2 h 30 min under the four-hour cadence, then nothing over an hour")
        #expect(c.since == ReplayTestSupport.date("2026-03-01T09:00:00Z"))
    }

    @Test("while resolved the clock stops; a customer message after it starts it again")
    func resolvedAndBack() throws {
        let c = try #require(try cadence([("09:00", "c", "my lawyer"), ("09:10", "a", "mine"), ("09:20", "resolved", ""), ("15:00", "c", "my lawyer again"), ("15:10", "a", "back on it")]))
        #expect(c.kept == true, "the hours while resolved are not a silence")
    }

    @Test("a history that ends with the message that reached the cadence cannot be judged")
    func unjudged() throws {
        let c = try #require(try cadence([("09:00", "c", "it is broken"), ("09:30", "a", "sorry"), ("11:00", "c", "my lawyer")]))
        #expect(c.gaps == 0 && c.kept == nil)
        var outcomes = Outcomes()
        outcomes.add(try Self.replayer().replay(try Self.make([("09:00", "c", "my lawyer")])))
        #expect(outcomes.cadence[.crisis]?.unjudged == 1 && outcomes.cadence[.crisis]?.percent == nil)
    }

    @Test("a case that never reached a situation with a cadence has no cadence outcome")
    func none() throws {
        #expect(try cadence([("09:00", "c", "it is broken"), ("15:00", "a", "fixed")]) == nil)
    }

    @Test("outcomes count kept and missed per situation, with the feedback beside them")
    func outcomes() throws {
        let replayer = try Self.replayer()
        var outcomes = Outcomes()
        let kept = #"{"id": "1", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "from": "customer", "text": "my lawyer"}, {"at": "2026-03-01T09:10:00Z", "type": "message", "from": "agent", "text": "mine"}, {"at": "2026-03-01T09:20:00Z", "type": "feedback", "csat": 5}]}"#
        let missed = #"{"id": "2", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "from": "customer", "text": "my lawyer"}, {"at": "2026-03-01T09:10:00Z", "type": "message", "from": "agent", "text": "mine"}, {"at": "2026-03-01T13:00:00Z", "type": "message", "from": "customer", "text": "hello?"}, {"at": "2026-03-01T14:00:00Z", "type": "feedback", "csat": 1}]}"#
        for line in [kept, missed] { outcomes.add(replayer.replay(try ReplayTestSupport.decode(line))) }
        let crisis = try #require(outcomes.cadence[.crisis])
        #expect(crisis.cases == 2 && crisis.kept == 1 && crisis.missed == 1 && crisis.percent == 50)
        #expect(crisis.scores[.kept]?.csat == 5 && crisis.scores[.missed]?.csat == 1)
        #expect(outcomes.cadenceTotal.cases == 2)
    }
}
