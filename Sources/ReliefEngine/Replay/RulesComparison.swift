/// The difference two rules files make to the same cases: how a change to the rules is reviewed.
///
/// A case differs when its leading situation (after the last step), its peak (step or
/// situation) or its responses (every response id chosen at any step, in first-chosen order)
/// are not the same under both. At most `exampleLimit` differing cases are kept, in input order;
/// every count covers them all.
public struct RulesComparison: Sendable {
    public static let exampleLimit = 200

    public enum Aspect: String, Sendable, CaseIterable {
        case leading, peak, responses
    }

    /// What one rules file made of a case.
    public struct Outcome: Sendable, Equatable {
        public var leading: Situation?
        public var peak: ReplayPeak?
        public var responses: [String]

        public init(_ replay: CaseReplay) {
            leading = replay.leading
            peak = replay.peak
            responses = replay.responsesChosen
        }
    }

    public struct Difference: Sendable, Equatable {
        public var caseId: String
        public var aspects: [Aspect]
        public var before: Outcome
        public var after: Outcome
    }

    /// The second rules file's own summary of the same cases.
    public private(set) var after: ReplaySummary
    public private(set) var compared = 0
    public private(set) var differing = 0
    public private(set) var byAspect: [Aspect: Int] = [:]
    /// Leading-situation changes, "before → after", with how many cases made each.
    public private(set) var transitions: [Transition: Int] = [:]
    public private(set) var examples: [Difference] = []

    public struct Transition: Hashable, Sendable, Comparable {
        public var before: Situation?
        public var after: Situation?

        public static func < (a: Transition, b: Transition) -> Bool {
            (a.before?.severity ?? -1, a.after?.severity ?? -1) > (b.before?.severity ?? -1, b.after?.severity ?? -1)
        }
    }

    public init(after rules: RuleSet) {
        after = ReplaySummary(rules: rules)
    }

    /// The difference between two replays of one case, or nil when the rules agree on it.
    public static func difference(before: CaseReplay, after: CaseReplay) -> Difference? {
        let b = Outcome(before), a = Outcome(after)
        var aspects: [Aspect] = []
        if b.leading != a.leading { aspects.append(.leading) }
        if b.peak?.step != a.peak?.step || b.peak?.situation != a.peak?.situation { aspects.append(.peak) }
        if b.responses != a.responses { aspects.append(.responses) }
        return aspects.isEmpty ? nil : Difference(caseId: before.caseId, aspects: aspects, before: b, after: a)
    }

    public mutating func add(before: CaseReplay, after replay: CaseReplay) {
        after.add(replay)
        compared += 1
        guard let difference = Self.difference(before: before, after: replay) else { return }
        differing += 1
        for aspect in difference.aspects { byAspect[aspect, default: 0] += 1 }
        if difference.aspects.contains(.leading) {
            transitions[Transition(before: difference.before.leading, after: difference.after.leading), default: 0] += 1
        }
        if examples.count < Self.exampleLimit { examples.append(difference) }
    }

    /// Transitions, most cases first.
    public var sortedTransitions: [(transition: Transition, cases: Int)] {
        transitions.map { (transition: $0.key, cases: $0.value) }.sorted {
            $0.cases != $1.cases ? $0.cases > $1.cases : $0.transition < $1.transition
        }
    }
}
