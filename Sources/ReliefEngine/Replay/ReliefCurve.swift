import Foundation

/// How outcomes change with the wait for the relief moment (the first agent answer after the
/// peak), in one situation: the evidence for the situation's first-response target, in place of
/// a guess. The buckets are the same for every situation, so curves can be set side by side.
public struct ReliefCurve: Sendable, Equatable {
    /// How long the customer waited for the first answer after the peak. Each bucket holds the
    /// waits from its lower bound (inclusive) to the next bucket's (exclusive).
    public enum Wait: String, Sendable, CaseIterable {
        case under15Minutes = "under-15-min"
        case upTo1Hour = "15-60-min"
        case upTo4Hours = "1-4-h"
        case upTo24Hours = "4-24-h"
        case over24Hours = "over-24-h"

        /// For people: "under 15 min", "15–60 min", "1–4 h", "4–24 h", "over 24 h".
        public var label: String {
            switch self {
            case .under15Minutes: return "under 15 min"
            case .upTo1Hour: return "15–60 min"
            case .upTo4Hours: return "1–4 h"
            case .upTo24Hours: return "4–24 h"
            case .over24Hours: return "over 24 h"
            }
        }

        /// The longest wait in the bucket, as a first-response target it would support; nil for
        /// the last, open-ended bucket.
        public var upperBound: ISODuration? {
            switch self {
            case .under15Minutes: return ISODuration.parse("PT15M")
            case .upTo1Hour: return ISODuration.parse("PT1H")
            case .upTo4Hours: return ISODuration.parse("PT4H")
            case .upTo24Hours: return ISODuration.parse("P1D")
            case .over24Hours: return nil
            }
        }

        public init(seconds: Double) {
            switch seconds {
            case ..<900: self = .under15Minutes
            case ..<3600: self = .upTo1Hour
            case ..<14_400: self = .upTo4Hours
            case ..<86_400: self = .upTo24Hours
            default: self = .over24Hours
            }
        }
    }

    /// A measure of satisfaction, tried in this order: the first with two buckets of enough
    /// answers names where satisfaction falls most.
    public enum Measure: String, Sendable, CaseIterable {
        case csat = "CSAT", nps = "NPS", ces = "CES"

        /// Higher is better for CSAT and NPS; for CES (effort) lower is better.
        var higherIsBetter: Bool { self != .ces }

        func value(_ s: Outcomes.Scores) -> Double? {
            switch self {
            case .csat: return s.csat
            case .nps: return s.nps
            case .ces: return s.ces
            }
        }

        func answers(_ s: Outcomes.Scores) -> Int {
            switch self {
            case .csat: return s.csatResponses
            case .nps: return s.npsResponses
            case .ces: return s.cesResponses
            }
        }
    }

    /// A bucket needs this many answers of a measure before its mean is drawn or compared:
    /// fewer say more about the customers than about the wait.
    public static let minimumAnswers = 5

    /// Feedback of the cases whose relief moment was answered after a wait in each bucket.
    public private(set) var buckets: [Wait: Outcomes.Scores] = [:]
    /// Feedback of the cases never answered after the peak (not open at the export).
    public private(set) var unanswered = Outcomes.Scores()

    public init() {}

    public func scores(_ wait: Wait) -> Outcomes.Scores { buckets[wait] ?? Outcomes.Scores() }

    /// Whether a bucket has enough answers of `measure` to be drawn.
    public func isDrawn(_ wait: Wait, _ measure: Measure) -> Bool {
        measure.answers(scores(wait)) >= Self.minimumAnswers
    }

    mutating func add(_ relief: ReliefMomentOutcome, feedback: Feedback?) {
        if relief.open { return }
        if let waited = relief.waitedSeconds {
            buckets[Wait(seconds: waited), default: Outcomes.Scores()].add(feedback)
        } else if relief.answeredAt == nil && relief.peakAt != nil {
            unanswered.add(feedback)
        }
    }

    /// Where satisfaction falls most between one drawn bucket and the next drawn one.
    public struct Fall: Sendable, Equatable {
        public var measure: Measure
        public var from: Wait
        public var to: Wait
        public var before: Double
        public var after: Double
    }

    /// What the curve says about the target: where satisfaction falls most, that it never falls,
    /// or that there are too few answers to tell.
    public enum Finding: Sendable, Equatable {
        case falls(Fall)
        case noFall(Measure)
        case tooFew
    }

    /// The largest fall between consecutive drawn buckets, by the first measure with at least
    /// two drawn buckets.
    public var finding: Finding {
        for measure in Measure.allCases {
            let drawn = Wait.allCases.filter { isDrawn($0, measure) }
            guard drawn.count >= 2 else { continue }
            var best: Fall?
            for (a, b) in zip(drawn, drawn.dropFirst()) {
                guard let x = measure.value(scores(a)), let y = measure.value(scores(b)) else { continue }
                let fall = measure.higherIsBetter ? x - y : y - x
                if fall > 0, best.map({ fall > ($0.measure.higherIsBetter ? $0.before - $0.after : $0.after - $0.before) }) ?? true {
                    best = Fall(measure: measure, from: a, to: b, before: x, after: y)
                }
            }
            return best.map(Finding.falls) ?? .noFall(measure)
        }
        return .tooFew
    }
}
