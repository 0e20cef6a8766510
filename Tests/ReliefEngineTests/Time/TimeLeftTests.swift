import Foundation
import Testing
@testable import ReliefEngine

@Suite("Time left, in words for people")
struct TimeLeftTests {
    static let now = ISO8601.parseTimestamp("2026-03-10T09:00:00Z")!

    @Test("due in the future is 'due in', in the past 'overdue', with the length in its two largest units", arguments: [
        (25 * 60.0, "due in 25 min"),
        (-2 * 3600, "overdue 2 h"),
        (-(27 * 3600 + 120), "overdue 1 d 3 h"),
        (-(24 * 3600 + 15 * 60), "overdue 1 d 15 min"),
        (2 * 3600 + 30 * 60 + 59, "due in 2 h 30 min"),
        (4 * 60 + 30, "due in 4 min 30 s"),
        (0, "due in 0 s"),
        (-1, "overdue 1 s"),
    ] as [(Double, String)])
    func phrase(seconds: Double, words: String) {
        #expect(TimeLeft.phrase(due: Self.now.addingTimeInterval(seconds), now: Self.now) == words)
    }
}
