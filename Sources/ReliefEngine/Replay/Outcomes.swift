/// What customers said afterwards and how fast they were answered, set beside the situation:
/// CSAT, NPS and CES by peak situation and by relief moment met or missed, relief moments and
/// first-response target compliance per situation. Memory is a fixed number of counters.
public struct Outcomes: Sendable {
    /// Feedback scores of a group of cases. A case's scores are the last its feedback events gave.
    public struct Scores: Sendable, Equatable {
        public var cases = 0
        public var withFeedback = 0
        public var csatResponses = 0
        public var csatSum = 0.0
        public var npsResponses = 0
        /// NPS answers of 9 or 10.
        public var promoters = 0
        /// NPS answers of 0 to 6.
        public var detractors = 0
        public var cesResponses = 0
        public var cesSum = 0.0

        public init() {}

        /// Mean CSAT (1–5); nil without answers.
        public var csat: Double? { csatResponses == 0 ? nil : csatSum / Double(csatResponses) }
        /// Net Promoter Score (−100 to 100): promoters minus detractors, in percent of answers.
        public var nps: Double? { npsResponses == 0 ? nil : Double(promoters - detractors) * 100 / Double(npsResponses) }
        /// Mean customer effort (1–7, lower is easier); nil without answers.
        public var ces: Double? { cesResponses == 0 ? nil : cesSum / Double(cesResponses) }

        mutating func add(_ feedback: Feedback?) {
            cases += 1
            guard let feedback else { return }
            withFeedback += 1
            if let v = feedback.csat { csatResponses += 1; csatSum += v }
            if let v = feedback.nps {
                npsResponses += 1
                if v >= 9 { promoters += 1 } else if v <= 6 { detractors += 1 }
            }
            if let v = feedback.ces { cesResponses += 1; cesSum += v }
        }
    }

    /// How many answers of a group came within their target.
    public struct Compliance: Sendable, Equatable {
        public var cases = 0
        public var met = 0
        /// Late or never answered.
        public var missed = 0
        /// Of the missed: no agent message came at all.
        public var unanswered = 0
        /// No times to judge by.
        public var unknown = 0
        /// Not answered yet, with the deadline after `--as-of`: neither met nor missed.
        public var open = 0

        public init() {}

        /// Met in percent of the cases that could be judged; nil when none could.
        public var percent: Double? { met + missed == 0 ? nil : Double(met) * 100 / Double(met + missed) }

        mutating func add(met: Bool?, answered: Bool, open: Bool = false) {
            cases += 1
            if open {
                self.open += 1
                return
            }
            switch met {
            case true?: self.met += 1
            case false?:
                missed += 1
                if !answered { unanswered += 1 }
            case nil: unknown += 1
            }
        }

        static func + (a: Compliance, b: Compliance) -> Compliance {
            var c = Compliance()
            c.cases = a.cases + b.cases
            c.met = a.met + b.met
            c.missed = a.missed + b.missed
            c.unanswered = a.unanswered + b.unanswered
            c.unknown = a.unknown + b.unknown
            c.open = a.open + b.open
            return c
        }
    }

    /// Whether a case's relief moment was met: the groups `byReliefMoment` uses.
    public enum ReliefGroup: String, Sendable, CaseIterable {
        case met, missed, open, unknown
    }

    /// Feedback by the situation at each case's peak.
    public private(set) var byPeak: [Situation: Scores] = [:]
    /// Feedback by whether the relief moment was met.
    public private(set) var byReliefMoment: [ReliefGroup: Scores] = [:]
    /// Relief moments by peak situation.
    public private(set) var reliefMoments: [Situation: Compliance] = [:]
    /// First-response target compliance by the situation each case opened in.
    public private(set) var firstResponse: [Situation: Compliance] = [:]

    public init() {}

    /// Relief moments of every situation together.
    public var reliefMomentsTotal: Compliance { reliefMoments.values.reduce(Compliance(), +) }

    public var firstResponseTotal: Compliance { firstResponse.values.reduce(Compliance(), +) }

    /// True when some case had feedback.
    public var hasFeedback: Bool { byPeak.values.contains { $0.withFeedback > 0 } }

    public mutating func add(_ replay: CaseReplay) {
        guard let peak = replay.peak else { return }
        byPeak[peak.situation, default: Scores()].add(replay.feedback)
        if let relief = replay.reliefMoment {
            reliefMoments[peak.situation, default: Compliance()].add(met: relief.met, answered: relief.answeredAt != nil, open: relief.open)
            let group: ReliefGroup = relief.open ? .open : relief.met.map { $0 ? .met : .missed } ?? .unknown
            byReliefMoment[group, default: Scores()].add(replay.feedback)
        }
        if let first = replay.firstResponse {
            firstResponse[first.situation, default: Compliance()].add(met: first.met, answered: first.answeredAt != nil, open: first.open)
        }
    }
}
