import Foundation

/// Everything a replay under one rules file adds up to. Cases are added one at a time and not
/// kept: every list here is bounded (see each one), so memory does not grow with the input.
public struct ReplaySummary: Sendable {
    /// Missed relief moments kept for the report, worst first.
    public static let worstLimit = 10
    /// Distinct trajectory shapes counted; further shapes are counted together as "other".
    public static let trajectoryLimit = 50

    /// A relief moment that was missed: answered late, or not at all.
    public struct MissedRelief: Sendable, Equatable {
        public var caseId: String
        public var situation: Situation
        public var step: Int
        public var due: Date
        /// Nil when no agent message came after the peak.
        public var answeredAt: Date?
        /// How late the answer was; nil when it never came.
        public var lateSeconds: Double? { answeredAt.map { $0.timeIntervalSince(due) } }
        fileprivate var order: Int
    }

    /// A trajectory shape (consecutive repeats collapsed, so everyday, everyday, crisis is
    /// everyday → crisis) and how many cases followed it.
    public struct Shape: Sendable, Equatable {
        public var situations: [Situation]
        public var cases: Int
    }

    public let rulesName: String
    public let rulesVersion: String
    /// Each situation's first-response target, as the rules file wrote it.
    public let targets: [Situation: ISODuration]
    /// Each situation's update cadence, for the situations that have one.
    public let cadences: [Situation: ISODuration]

    public private(set) var cases = 0
    public private(set) var steps = 0
    public private(set) var events = 0
    /// Cases with no customer message: nothing to replay.
    public private(set) var casesWithoutSteps = 0
    /// Per situation (by severity): steps, cases at peak, cases at the end.
    private var stepCounts = [0, 0, 0, 0]
    private var peakCounts = [0, 0, 0, 0]
    private var leadingCounts = [0, 0, 0, 0]

    /// Steps per leading situation (situations with none are left out).
    public var stepSituations: [Situation: Int] { Self.bySituation(stepCounts) }
    /// Cases per peak situation.
    public var peakSituations: [Situation: Int] { Self.bySituation(peakCounts) }
    /// Cases per situation after their last step.
    public var leadingSituations: [Situation: Int] { Self.bySituation(leadingCounts) }

    private static func bySituation(_ counts: [Int]) -> [Situation: Int] {
        var result: [Situation: Int] = [:]
        for s in Situation.allCases where counts[s.severity] > 0 { result[s] = counts[s.severity] }
        return result
    }
    /// Cases whose situation changed at least once.
    public private(set) var casesThatMoved = 0
    public private(set) var otherShapes = 0
    public private(set) var worstMissed: [MissedRelief] = []
    private var shapes: [[Situation]: Int] = [:]

    public private(set) var coverage = CoverageTally()
    public private(set) var usage: RuleUsage
    public private(set) var outcomes = Outcomes()
    public private(set) var fallbacks = FallbackWords()

    public init(rules: RuleSet) {
        rulesName = rules.name
        rulesVersion = rules.version
        targets = rules.situations.mapValues(\.firstResponse)
        cadences = rules.situations.compactMapValues(\.updateEvery)
        usage = RuleUsage(rules: rules)
    }

    public mutating func add(_ replay: CaseReplay) {
        cases += 1
        events += replay.events
        steps += replay.steps.count
        for step in replay.steps { stepCounts[step.situation.severity] += 1 }
        coverage.add(replay)
        usage.add(replay)
        outcomes.add(replay)
        fallbacks.add(replay)
        guard let peak = replay.peak, let leading = replay.leading else {
            casesWithoutSteps += 1
            return
        }
        peakCounts[peak.situation.severity] += 1
        leadingCounts[leading.severity] += 1

        var shape: [Situation] = []
        for step in replay.steps where shape.last != step.situation { shape.append(step.situation) }
        if shape.count > 1 { casesThatMoved += 1 }
        if shapes[shape] != nil || shapes.count < Self.trajectoryLimit {
            shapes[shape, default: 0] += 1
        } else {
            otherShapes += 1
        }

        if let relief = replay.reliefMoment, relief.met == false, let due = relief.due {
            let missed = MissedRelief(caseId: replay.caseId, situation: relief.situation, step: peak.step, due: due, answeredAt: relief.answeredAt, order: cases)
            if worstMissed.count < Self.worstLimit || Self.worse(missed, than: worstMissed[worstMissed.count - 1]) {
                worstMissed.append(missed)
                worstMissed.sort(by: Self.worse)
                if worstMissed.count > Self.worstLimit { worstMissed.removeLast() }
            }
        }
    }

    /// Trajectory shapes, most cases first, then by the situations' severities.
    public var trajectoryShapes: [Shape] {
        shapes.map { Shape(situations: $0.key, cases: $0.value) }.sorted { a, b in
            if a.cases != b.cases { return a.cases > b.cases }
            return a.situations.map(\.severity).lexicographicallyPrecedes(b.situations.map(\.severity))
        }
    }

    /// Never answered comes first, then the latest answer; ties keep input order.
    private static func worse(_ a: MissedRelief, than b: MissedRelief) -> Bool {
        switch (a.lateSeconds, b.lateSeconds) {
        case (nil, nil): return a.order < b.order
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x != y ? x > y : a.order < b.order
        }
    }
}
