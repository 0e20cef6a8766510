/// How often each signal, situation rule and response fired during a replay, and which never did.
///
/// "Steps" counts the steps where it held (or was chosen); "cases" counts the cases where it
/// did at least once. Memory is one counter per rule in the file.
public struct RuleUsage: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case signal, rule, response
    }

    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var id: String
        /// The situation a situation rule or response belongs to.
        public var situation: Situation?
        /// The expectation a response answers.
        public var expectation: Expectation?
        public var steps = 0
        public var cases = 0
    }

    /// Signals in rules-file order, then situation rules in precedence order, then responses in file order.
    public private(set) var entries: [Entry]
    private let ruleStart: Int
    private let responseStart: Int
    /// Per cell (`situation.severity * 6 + expectation index`): entry indexes of its responses.
    private let cellResponses: [[Int]]
    /// The case number each entry was last counted for, so a case counts once per entry.
    private var lastCase: [Int]
    private var caseNumber = 0
    /// Entry index of each situation rule by its condition index (severity order), so steps
    /// that name rules by index are counted without comparing ids.
    private let conditionEntry: [Int]
    /// The id table last found to name exactly this file's signals, rules and responses.
    private var knownIds: ReplayIds?

    public init(rules: RuleSet) {
        var entries: [Entry] = rules.signals.map { Entry(kind: .signal, id: $0.id) }
        ruleStart = entries.count
        for situation in rules.precedence {
            for rule in rules.situations[situation]?.rules ?? [] {
                entries.append(Entry(kind: .rule, id: rule.id, situation: situation))
            }
        }
        responseStart = entries.count
        var ruleEntries: [Int] = []
        for situation in Situation.allCases {
            let start = entries.firstIndex { $0.kind == .rule && $0.situation == situation } ?? 0
            ruleEntries += (rules.situations[situation]?.rules ?? []).indices.map { start + $0 }
        }
        conditionEntry = ruleEntries
        var cells = Array(repeating: [Int](), count: Situation.allCases.count * Expectation.allCases.count)
        for response in rules.responses {
            cells[Self.cellIndex(response.cell.situation, response.cell.expectation)].append(entries.count)
            entries.append(Entry(kind: .response, id: response.id, situation: response.cell.situation, expectation: response.cell.expectation))
        }
        self.entries = entries
        cellResponses = cells
        lastCase = Array(repeating: -1, count: entries.count)
    }

    static func cellIndex(_ s: Situation, _ e: Expectation) -> Int {
        s.severity * Expectation.allCases.count + Expectation.allCases.firstIndex(of: e)!
    }

    public func entries(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind } }

    /// Entries of `kind` that never fired, in file order.
    public func neverFired(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind && $0.steps == 0 } }

    /// Counts a replayed case. A step's signals come in rules-file order and its rules in
    /// precedence order, as the entries do, so both are matched by walking along the entries
    /// rather than by hashing every id; responses are looked up in their cell.
    public mutating func add(_ replay: CaseReplay) {
        caseNumber += 1
        for step in replay.steps {
            if knownIds === step.ids || names(step.ids) {
                // The step names this file's ids by index: count them directly.
                for signal in step.signalIndexes { count(Int(signal)) }
                for condition in step.ruleIndexes { count(conditionEntry[Int(condition)]) }
                for response in step.responseIndexes { count(responseStart + Int(response)) }
                continue
            }
            var cursor = 0
            for id in step.signals {
                if let i = walk(id, from: &cursor, in: 0..<ruleStart) { count(i) }
            }
            cursor = ruleStart
            for id in step.rules {
                if let i = walk(id, from: &cursor, in: ruleStart..<responseStart) { count(i) }
            }
            // Responses answer the step's expectations in rank order, skipping the uncovered ones.
            let answered = step.uncovered.isEmpty ? step.expectations : step.expectations.filter { !step.uncovered.contains($0) }
            for (n, id) in step.responses.enumerated() {
                let candidates = n < answered.count ? cellResponses[Self.cellIndex(step.situation, answered[n])] : []
                if let i = candidates.first(where: { entries[$0].id == id }) ?? (responseStart..<entries.count).first(where: { entries[$0].id == id }) {
                    count(i)
                }
            }
        }
    }

    /// Whether `ids` lists exactly this file's ids, in the same places; remembered when so.
    private mutating func names(_ ids: ReplayIds) -> Bool {
        guard ids.signals.count == ruleStart, ids.rules.count == conditionEntry.count,
              ids.responses.count == entries.count - responseStart else { return false }
        for (i, id) in ids.signals.enumerated() where entries[i].id != id { return false }
        for (c, id) in ids.rules.enumerated() where entries[conditionEntry[c]].id != id || entries[conditionEntry[c]].situation != ids.ruleSituations[c] { return false }
        for (r, id) in ids.responses.enumerated() where entries[responseStart + r].id != id { return false }
        knownIds = ids
        return true
    }

    private func walk(_ id: String, from cursor: inout Int, in range: Range<Int>) -> Int? {
        // Most ids passed on the way differ in length, which rules them out without comparing text.
        let length = id.utf8.count
        var i = max(cursor, range.lowerBound)
        while i < range.upperBound {
            if entries[i].id.utf8.count == length && entries[i].id == id {
                cursor = i + 1
                return i
            }
            i += 1
        }
        // Out of order (should not happen): search the whole range.
        return range.first { entries[$0].id == id }
    }

    private mutating func count(_ i: Int) {
        entries[i].steps += 1
        if lastCase[i] != caseNumber {
            lastCase[i] = caseNumber
            entries[i].cases += 1
        }
    }
}
