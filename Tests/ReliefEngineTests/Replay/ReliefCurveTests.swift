import Foundation
import Testing
@testable import ReliefEngine

/// The relief curve: outcomes by how long the customer waited for the first answer after the
/// peak, and where satisfaction falls most.
@Suite("Replay: the relief curve")
struct ReliefCurveTests {
    static let peak = ReplayTestSupport.date("2026-03-01T09:00:00Z")

    /// A relief moment answered after `minutes` (nil: never).
    static func moment(_ minutes: Double?, open: Bool = false) -> ReliefMomentOutcome {
        var m = ReliefMomentOutcome(
            situation: .crisis, target: ISODuration.parse("PT15M")!, peakAt: peak, due: peak.addingTimeInterval(900),
            answeredAt: minutes.map { peak.addingTimeInterval($0 * 60) })
        m.open = open
        return m
    }

    /// A curve with `n` cases at each (minutes, feedback).
    static func curve(_ groups: [(Double?, Feedback, Int)]) -> ReliefCurve {
        var curve = ReliefCurve()
        for (minutes, feedback, n) in groups {
            for _ in 0..<n { curve.add(moment(minutes), feedback: feedback) }
        }
        return curve
    }

    @Test("buckets are the same for every situation; a bound belongs to the bucket above it", arguments: [
        (0.0, ReliefCurve.Wait.under15Minutes), (14.99, .under15Minutes), (15, .upTo1Hour), (59, .upTo1Hour),
        (60, .upTo4Hours), (239, .upTo4Hours), (240, .upTo24Hours), (1439, .upTo24Hours), (1440, .over24Hours), (10_000, .over24Hours),
    ])
    func buckets(minutes: Double, wait: ReliefCurve.Wait) {
        #expect(ReliefCurve.Wait(seconds: minutes * 60) == wait)
    }

    @Test("each bucket counts cases and feedback; never answered is apart; open moments are left out")
    func counting() {
        var curve = ReliefCurve()
        curve.add(Self.moment(10), feedback: Feedback(csat: 5, nps: 10, ces: 1))
        curve.add(Self.moment(10), feedback: nil)
        curve.add(Self.moment(120), feedback: Feedback(csat: 2))
        curve.add(Self.moment(nil), feedback: Feedback(csat: 1))
        curve.add(Self.moment(nil, open: true), feedback: Feedback(csat: 1))
        #expect(curve.scores(.under15Minutes).cases == 2 && curve.scores(.under15Minutes).csat == 5)
        #expect(curve.scores(.upTo4Hours).csat == 2)
        #expect(curve.scores(.over24Hours).cases == 0)
        #expect(curve.unanswered.cases == 1)
    }

    @Test("names where satisfaction falls most between drawn buckets")
    func falls() {
        let curve = Self.curve([
            (5, Feedback(csat: 5), 6), (30, Feedback(csat: 4.5), 6), (120, Feedback(csat: 2.5), 6), (600, Feedback(csat: 2), 6),
        ])
        #expect(curve.finding == .falls(.init(measure: .csat, from: .upTo1Hour, to: .upTo4Hours, before: 4.5, after: 2.5)))
    }

    @Test("a bucket with fewer than five answers is not drawn; the fall is measured across it")
    func thinBuckets() {
        let curve = Self.curve([(5, Feedback(csat: 5), 5), (30, Feedback(csat: 1), 4), (120, Feedback(csat: 3), 5)])
        #expect(!curve.isDrawn(.upTo1Hour, .csat) && curve.isDrawn(.upTo4Hours, .csat))
        #expect(curve.finding == .falls(.init(measure: .csat, from: .under15Minutes, to: .upTo4Hours, before: 5, after: 3)))
    }

    @Test("too few answers anywhere: it says so instead of drawing a line")
    func tooFew() {
        #expect(Self.curve([(5, Feedback(csat: 5), 4), (30, Feedback(csat: 1), 4)]).finding == .tooFew)
        #expect(ReliefCurve().finding == .tooFew)
    }

    @Test("without CSAT the curve reads NPS, then CES, where more effort is worse")
    func otherMeasures() {
        let nps = Self.curve([(5, Feedback(nps: 10), 5), (30, Feedback(nps: 2), 5)])
        #expect(nps.finding == .falls(.init(measure: .nps, from: .under15Minutes, to: .upTo1Hour, before: 100, after: -100)))
        let ces = Self.curve([(5, Feedback(ces: 2), 5), (30, Feedback(ces: 6), 5)])
        #expect(ces.finding == .falls(.init(measure: .ces, from: .under15Minutes, to: .upTo1Hour, before: 2, after: 6)))
    }

    @Test("satisfaction that never falls with waiting is said plainly")
    func noFall() {
        #expect(Self.curve([(5, Feedback(csat: 3), 5), (30, Feedback(csat: 4), 5)]).finding == .noFall(.csat))
    }
}
