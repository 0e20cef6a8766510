import Foundation
import Testing
@testable import ReliefEngine

/// Expected numbers are worked out by hand from `ReplayTestSupport.tinyRules`:
/// A1 everyday {simplicity} covered; B1 unexpected {recovery ✓, consistency ✗};
/// B2 crisis {trust ✓, empathy ✗}; C1 everyday (fallback) {simplicity} covered.
@Suite("Replay coverage tally")
struct ReplayCoverageTallyTests {
    func tally() throws -> CoverageTally {
        var tally = CoverageTally()
        for replay in try ReplayTestSupport.replays() { tally.add(replay) }
        return tally
    }

    @Test("a step is covered only when every expectation at stake got a response")
    func overall() throws {
        let t = try tally()
        #expect(t.steps == 4)
        #expect(t.coveredSteps == 2)
        #expect(t.uncoveredSteps == 2)
        #expect(t.percent == 50)
    }

    @Test("each expectation at stake counts once in its situation × expectation cell")
    func cells() throws {
        let t = try tally()
        #expect(t.count(Cell(.everyday, .simplicity)) == CoverageTally.Count(steps: 2, covered: 2))
        #expect(t.count(Cell(.unexpected, .recovery)) == CoverageTally.Count(steps: 1, covered: 1))
        #expect(t.count(Cell(.unexpected, .consistency)) == CoverageTally.Count(steps: 1, covered: 0))
        #expect(t.count(Cell(.crisis, .trust)) == CoverageTally.Count(steps: 1, covered: 1))
        #expect(t.count(Cell(.crisis, .empathy)) == CoverageTally.Count(steps: 1, covered: 0))
        #expect(t.count(Cell(.elevated, .personalization)) == CoverageTally.Count())
        #expect(t.cells.values.reduce(0) { $0 + $1.steps } == 6)
    }

    @Test("uncovered steps say what was missing; gaps come worst first, ties in matrix order")
    func gaps() throws {
        let t = try tally()
        #expect(t.examples.map { "\($0.caseId)#\($0.step) \($0.missing.map(\.rawValue))" } == [#"B#1 ["consistency"]"#, #"B#2 ["empathy"]"#])
        #expect(t.gaps.map(\.cell) == [Cell(.crisis, .empathy), Cell(.unexpected, .consistency)])
        #expect(t.gaps[0].examples.map(\.caseId) == ["B"])
    }

    @Test("the uncovered list is bounded, but every uncovered step is counted")
    func bounded() throws {
        let rules = try ReplayTestSupport.rules()
        let replay = try ReplayTestSupport.replays([#"{"id": "X", "text": "it is broken"}"#], rules: rules)[0]
        var t = CoverageTally()
        for _ in 0..<(CoverageTally.exampleLimit + 50) { t.add(replay) }
        #expect(t.examples.count == CoverageTally.exampleLimit)
        #expect(t.uncoveredSteps == CoverageTally.exampleLimit + 50)
        #expect(t.gaps[0].examples.count == CoverageTally.examplesPerCell)
    }

    @Test("no steps at all is full coverage: nothing went unanswered")
    func empty() {
        #expect(CoverageTally().percent == 100)
    }
}
