/// What customers said afterwards and how fast they were answered, set beside the situation:
/// CSAT, NPS and CES by peak situation and by relief moment met or missed, relief moments and
/// first-response target compliance per situation, update cadences kept or missed, and the relief
/// curve of each situation. Memory is a fixed number of counters.
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

        static func + (a: Scores, b: Scores) -> Scores {
            var c = a
            c.cases += b.cases
            c.withFeedback += b.withFeedback
            c.csatResponses += b.csatResponses
            c.csatSum += b.csatSum
            c.npsResponses += b.npsResponses
            c.promoters += b.promoters
            c.detractors += b.detractors
            c.cesResponses += b.cesResponses
            c.cesSum += b.cesSum
            return c
        }

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

    /// Whether a case's update cadence was kept: the groups cadence outcomes use.
    public enum CadenceGroup: String, Sendable, CaseIterable {
        case kept, missed
    }

    /// The update cadence of the cases that reached one situation (the most intense with a
    /// cadence), with their feedback beside it.
    public struct Cadence: Sendable, Equatable {
        public var cases = 0
        public var kept = 0
        public var missed = 0
        /// Cases where no silence could be measured: nothing known after the cadence began.
        public var unjudged = 0
        /// Feedback of the cases that kept and that missed the cadence.
        public var scores: [CadenceGroup: Scores] = [:]

        public init() {}

        /// Kept in percent of the cases judged; nil when none could be.
        public var percent: Double? { kept + missed == 0 ? nil : Double(kept) * 100 / Double(kept + missed) }

        mutating func add(_ cadence: CadenceOutcome, feedback: Feedback?) {
            cases += 1
            guard let kept = cadence.kept else { unjudged += 1; return }
            if kept { self.kept += 1 } else { missed += 1 }
            scores[kept ? .kept : .missed, default: Scores()].add(feedback)
        }

        static func + (a: Cadence, b: Cadence) -> Cadence {
            var c = Cadence()
            c.cases = a.cases + b.cases
            c.kept = a.kept + b.kept
            c.missed = a.missed + b.missed
            c.unjudged = a.unjudged + b.unjudged
            for group in CadenceGroup.allCases {
                c.scores[group] = (a.scores[group] ?? Scores()) + (b.scores[group] ?? Scores())
            }
            return c
        }
    }

    /// Update cadences by the most intense situation with a cadence each case reached.
    public private(set) var cadence: [Situation: Cadence] = [:]
    /// The relief curve of each peak situation: feedback by the wait for the first answer.
    public private(set) var reliefCurves: [Situation: ReliefCurve] = [:]

    /// Cadences of every situation together.
    public var cadenceTotal: Cadence { cadence.values.reduce(Cadence(), +) }

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
        if let relief = replay.reliefMoment {
            reliefCurves[peak.situation, default: ReliefCurve()].add(relief, feedback: replay.feedback)
        }
        if let c = replay.cadence {
            cadence[c.situation, default: Cadence()].add(c, feedback: replay.feedback)
        }
        if let first = replay.firstResponse {
            firstResponse[first.situation, default: Compliance()].add(met: first.met, answered: first.answeredAt != nil, open: first.open)
        }
    }
}
