import Foundation
import Testing
@testable import ReliefEngine

/// The one evaluator of situation conditions: `all`, `any` and `not` as the rules file reads
/// them, and the signals that made a condition hold, for every combination of four signals.
@Suite("Situation conditions")
struct ConditionProgramTests {
    /// Each condition beside its meaning written out by hand.
    static let cases: [(Condition, @Sendable ([Bool]) -> Bool)] = [
        (.signal(0), { $0[0] }),
        (.all([.signal(0), .signal(1)]), { $0[0] && $0[1] }),
        (.any([.signal(2), .all([.signal(0), .not(.signal(1))])]), { $0[2] || ($0[0] && !$0[1]) }),
        (.not(.any([.signal(0), .signal(3)])), { !($0[0] || $0[3]) }),
        (.all([.any([.signal(1), .signal(2)]), .not(.signal(3)), .signal(1)]), { ($0[1] || $0[2]) && !$0[3] && $0[1] }),
        (.any([]), { _ in false }),
        (.all([]), { _ in true }),
    ]

    static func combinations() -> [[Bool]] {
        (0..<16).map { bits in (0..<4).map { bits & (1 << $0) != 0 } }
    }

    @Test("each condition holds exactly when its meaning does, over all 16 combinations, alone and among others")
    func holds() {
        let program = ConditionProgram(Self.cases.map(\.0))
        for matched in Self.combinations() {
            var held: [Int] = []
            matched.withUnsafeBufferPointer { program.held(0..<Self.cases.count, $0, into: &held) }
            let expected = Self.cases.indices.filter { Self.cases[$0].1(matched) }
            #expect(held == expected, "signals \(matched)")
            for (condition, meaning) in Self.cases {
                #expect(ConditionProgram.holds(condition, matched) == meaning(matched))
            }
        }
    }

    @Test("the contributing signals are the held ones under an all or any that held, in the order named, never under a not")
    func contributing() {
        func contributing(_ condition: Condition, _ matched: [Bool]) -> [Int] {
            var got: [Int] = []
            matched.withUnsafeBufferPointer { ConditionProgram([condition]).contributing(0, $0, into: &got) }
            return got
        }
        #expect(contributing(.all([.signal(0), .not(.signal(1))]), [true, false, false, false]) == [0])
        #expect(contributing(.any([.signal(2), .signal(0)]), [true, false, true, false]) == [2, 0])
        #expect(contributing(.any([.signal(2), .all([.signal(0), .signal(1)])]), [true, false, true, false]) == [2], "an all that failed gives nothing")
        #expect(contributing(.all([.any([.signal(1), .signal(2)]), .not(.signal(3)), .signal(1)]), [false, true, true, false]) == [1, 2, 1])
    }
}
