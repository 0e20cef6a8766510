import Foundation
import Testing
@testable import ReliefEngine

@Suite("Result slots")
struct ResultSlotsTests {
    @Test("filled from many threads, read back in index order; an unset slot is nil")
    func order() {
        let slots = ResultSlots<Int>(count: 10_000)
        DispatchQueue.concurrentPerform(iterations: 10_000) { i in
            if i != 17 { slots.set(i, i * 2) }
        }
        let values = slots.values
        #expect(values.count == 10_000)
        #expect(values[17] == nil)
        #expect(values.enumerated().allSatisfy { $0.offset == 17 || $0.element == $0.offset * 2 })
    }
}
