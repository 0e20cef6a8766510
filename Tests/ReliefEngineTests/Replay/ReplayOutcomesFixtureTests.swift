import Foundation
import Testing
@testable import ReliefEngine

/// Fixtures/histories/outcomes.jsonl was built so that its relief curves and cadences can be
/// worked out by hand (its README shows the sums); replay must find what the README says.
@Suite("Relief curves and cadences on the outcomes fixture")
struct ReplayOutcomesFixtureTests {
    static func summary() throws -> ReplaySummary {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let replayer = Replayer(rules: rules)
        var summary = ReplaySummary(rules: rules)
        let text = try String(contentsOf: ReplayTestSupport.repository.appendingPathComponent("Fixtures/histories/outcomes.jsonl"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            summary.add(replayer.replay(try CaseDecoder.decode(try JSONParser.parse(String(line)))))
        }
        return summary
    }

    /// Situation, the bucket before and after the fall, and the CSAT means there (sums of six).
    static let falls: [(Situation, ReliefCurve.Wait, ReliefCurve.Wait, Double, Double)] = [
        (.crisis, .under15Minutes, .upTo1Hour, 28.0 / 6, 19.0 / 6),
        (.elevated, .upTo1Hour, .upTo4Hours, 28.0 / 6, 3.0),
        (.unexpected, .upTo4Hours, .upTo24Hours, 25.0 / 6, 3.0),
        (.everyday, .upTo24Hours, .over24Hours, 26.0 / 6, 3.0),
    ]

    @Test("every situation's curve names the bucket the README works out", arguments: falls)
    func curves(situation: Situation, from: ReliefCurve.Wait, to: ReliefCurve.Wait, before: Double, after: Double) throws {
        let curve = try #require(try Self.summary().outcomes.reliefCurves[situation])
        guard case .falls(let fall) = curve.finding else {
            Issue.record("\(situation): \(curve.finding)")
            return
        }
        #expect(fall.measure == .csat && fall.from == from && fall.to == to)
        #expect(abs(fall.before - before) < 1e-9 && abs(fall.after - after) < 1e-9)
    }

    @Test("the crisis bucket over a day has three cases: too few to draw")
    func thin() throws {
        let curve = try #require(try Self.summary().outcomes.reliefCurves[.crisis])
        #expect(curve.scores(.over24Hours).cases == 3 && !curve.isDrawn(.over24Hours, .csat))
    }

    @Test("cadence kept: crisis 6 of 27, elevated 18 of 30; the milder situations have none")
    func cadence() throws {
        let outcomes = try Self.summary().outcomes
        #expect(outcomes.cadence[.crisis]?.kept == 6 && outcomes.cadence[.crisis]?.missed == 21)
        #expect(outcomes.cadence[.elevated]?.kept == 18 && outcomes.cadence[.elevated]?.missed == 12)
        #expect(outcomes.cadence[.unexpected] == nil && outcomes.cadence[.everyday] == nil)
        #expect(try #require(outcomes.cadence[.crisis]?.scores[.kept]?.csat) > (try #require(outcomes.cadence[.crisis]?.scores[.missed]?.csat)))
    }
}
