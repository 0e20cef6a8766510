/// Counts of labelled against given situations: the confusion matrix, and every figure
/// derived from it.
public struct EvalConfusion: Sendable, Equatable {
    private var counts = Array(repeating: 0, count: 16)

    public init() {}

    public subscript(expected: Situation, given: Situation) -> Int {
        counts[expected.severity * 4 + given.severity]
    }

    public mutating func add(expected: Situation, given: Situation) {
        counts[expected.severity * 4 + given.severity] += 1
    }

    public var total: Int { counts.reduce(0, +) }
    public var agreed: Int { Situation.allCases.reduce(0) { $0 + self[$1, $1] } }
    /// Agreement in percent; nil when nothing was measured.
    public var agreement: Double? { total == 0 ? nil : 100 * Double(agreed) / Double(total) }

    /// Cases labelled `s`.
    public func labelled(_ s: Situation) -> Int { Situation.allCases.reduce(0) { $0 + self[s, $1] } }
    /// Cases the rules put in `s`.
    public func given(_ s: Situation) -> Int { Situation.allCases.reduce(0) { $0 + self[$1, s] } }
    /// Of the cases labelled `s`, the share the rules put in `s`; nil when none was labelled `s`.
    public func recall(_ s: Situation) -> Double? { labelled(s) == 0 ? nil : 100 * Double(self[s, s]) / Double(labelled(s)) }
    /// Of the cases the rules put in `s`, the share labelled `s`; nil when none was given `s`.
    public func precision(_ s: Situation) -> Double? { given(s) == 0 ? nil : 100 * Double(self[s, s]) / Double(given(s)) }

    public static func + (a: EvalConfusion, b: EvalConfusion) -> EvalConfusion {
        var sum = a
        for i in sum.counts.indices { sum.counts[i] += b.counts[i] }
        return sum
    }
}

/// The whole result of `relief eval`: agreement overall, by group and by split, the confusion
/// matrix, every miss, and what in the input could not be matched. Verdicts are added in input
/// order, so the report is the same bytes on every run.
public struct EvalReport: Sendable {
    public var mode: EvalMode
    public var rulesName: String
    public var rulesVersion: String
    public var rulesSource: String
    public var labelsSource: String
    /// The split measured, or nil for all labelled cases.
    public var split: EvalSplit?

    public private(set) var confusion = EvalConfusion()
    public private(set) var groups: [String: EvalConfusion] = [:]
    public private(set) var splits: [EvalSplit: EvalConfusion] = [:]
    public private(set) var misses: [EvalMiss] = []
    /// Labelled cases that had no customer message, so nothing was decided.
    public private(set) var undecided: [String] = []
    /// Labels for which no case was read: a typo in an id, or a file left out.
    public var labelsWithoutCase: [EvalLabel] = []
    /// Cases read that have no label (or are in the other split): not measured.
    public var casesWithoutLabel = 0
    /// Cases whose id was read before: only the first is measured.
    public var repeatedCases: [String] = []
    /// Lines or rows of the case files that could not be read.
    public var skipped = 0

    public init(mode: EvalMode, rules: RuleSet, rulesSource: String, labelsSource: String, split: EvalSplit?) {
        self.mode = mode
        rulesName = rules.name
        rulesVersion = rules.version
        self.rulesSource = rulesSource
        self.labelsSource = labelsSource
        self.split = split
    }

    public mutating func add(_ verdict: EvalVerdict) {
        guard let given = verdict.given else {
            undecided.append(verdict.caseId)
            return
        }
        confusion.add(expected: verdict.expected, given: given)
        groups[verdict.group, default: EvalConfusion()].add(expected: verdict.expected, given: given)
        splits[verdict.split, default: EvalConfusion()].add(expected: verdict.expected, given: given)
        if let miss = verdict.miss { misses.append(miss) }
    }

    /// Group names in order: most cases first, then by name.
    public var groupNames: [String] {
        groups.keys.sorted { (groups[$0]!.total, $1) > (groups[$1]!.total, $0) }
    }
}
