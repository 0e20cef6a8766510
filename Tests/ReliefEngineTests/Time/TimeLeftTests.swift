import Foundation
import Testing
@testable import ReliefEngine

@Suite("Time left, in words for people")
struct TimeLeftTests {
    static let now = ISO8601.parseTimestamp("2026-03-10T09:00:00Z")!

    @Test("spans: two units at most, rounded down, a zero second unit left out", arguments: [
        (0.0, "<1 min"),
        (59.9, "<1 min"),
        (60, "1 min"),
        (25 * 60 + 59, "25 min"),
        (3600, "1 h"),
        (2 * 3600, "2 h"),
        (2 * 3600 + 30 * 60 + 59, "2 h 30 min"),
        (23 * 3600 + 59 * 60 + 59, "23 h 59 min"),
        (86_400, "1 d"),
        (86_400 + 3 * 3600 + 59 * 60, "1 d 3 h"),
        (24.5 * 3600, "1 d"),
        (10 * 86_400 + 3600, "10 d 1 h"),
    ] as [(Double, String)])
    func span(seconds: Double, words: String) {
        #expect(TimeLeft.span(seconds) == words)
    }

    @Test("due in the future is 'due in', in the past 'overdue'; exactly now is still due")
    func phrase() {
        #expect(TimeLeft.phrase(due: Self.now.addingTimeInterval(25 * 60), now: Self.now) == "due in 25 min")
        #expect(TimeLeft.phrase(due: Self.now.addingTimeInterval(-2 * 3600), now: Self.now) == "overdue 2 h")
        #expect(TimeLeft.phrase(due: Self.now.addingTimeInterval(-(27 * 3600 + 120)), now: Self.now) == "overdue 1 d 3 h")
        #expect(TimeLeft.phrase(due: Self.now, now: Self.now) == "due in <1 min")
        #expect(TimeLeft.phrase(due: Self.now.addingTimeInterval(-1), now: Self.now) == "overdue <1 min")
    }

    @Test("a span that is not a number does not crash")
    func notANumber() {
        #expect(TimeLeft.span(.infinity) == "–")
        #expect(TimeLeft.span(.nan) == "–")
        #expect(TimeLeft.span(-5) == "<1 min")
    }
}
