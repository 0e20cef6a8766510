import Foundation
import Testing
@testable import ReliefEngine

/// The flattened conditions the classifier evaluates must say exactly what the rules file's
/// conditions say, for every combination of matched signals.
@Suite("Flattened situation conditions")
struct ConditionProgramTests {
    static let conditions: [Condition] = [
        .signal(0),
        .all([.signal(0), .signal(1)]),
        .any([.signal(2), .all([.signal(0), .not(.signal(1))])]),
        .not(.any([.signal(0), .signal(3)])),
        .all([.any([.signal(1), .signal(2)]), .not(.signal(3)), .signal(1)]),
        .any([]),
        .all([]),
    ]

    @Test("every condition is held exactly when the rules' condition holds, over all 16 signal combinations")
    func holdsAgrees() {
        let program = ConditionProgram(Self.conditions)
        for bits in 0..<16 {
            let matched = (0..<4).map { bits & (1 << $0) != 0 }
            matched.withUnsafeBufferPointer { buffer in
                for (index, condition) in Self.conditions.enumerated() {
                    var held: [Int] = []
                    program.held(index..<(index + 1), buffer, into: &held)
                    #expect(held == (condition.holds(matched) ? [index] : []), "condition \(index), signals \(matched)")
                }
            }
        }
    }

    @Test("the contributing signals are the same, in the order the condition names them")
    func contributingAgrees() {
        let program = ConditionProgram(Self.conditions)
        for bits in 0..<16 {
            let matched = (0..<4).map { bits & (1 << $0) != 0 }
            matched.withUnsafeBufferPointer { buffer in
                for (index, condition) in Self.conditions.enumerated() where condition.holds(matched) {
                    var expected: [Int] = []
                    condition.contributing(matched, into: &expected)
                    var got: [Int] = []
                    program.contributing(index, buffer, into: &got)
                    #expect(got == expected, "condition \(index), signals \(matched)")
                }
            }
        }
    }

    @Test("a signal under `not` never counts as contributing")
    func notContributesNothing() {
        let program = ConditionProgram([.all([.signal(0), .not(.signal(1))])])
        [true, false].withUnsafeBufferPointer { buffer in
            var got: [Int] = []
            program.contributing(0, buffer, into: &got)
            #expect(got == [0])
        }
    }
}
