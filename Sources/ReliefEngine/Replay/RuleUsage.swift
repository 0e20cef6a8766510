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
    private var index: [Kind: [String: Int]] = [:]

    public init(rules: RuleSet) {
        var entries: [Entry] = rules.signals.map { Entry(kind: .signal, id: $0.id) }
        for situation in rules.precedence {
            for rule in rules.situations[situation]?.rules ?? [] {
                entries.append(Entry(kind: .rule, id: rule.id, situation: situation))
            }
        }
        for response in rules.responses {
            entries.append(Entry(kind: .response, id: response.id, situation: response.cell.situation, expectation: response.cell.expectation))
        }
        self.entries = entries
        for (i, entry) in entries.enumerated() where index[entry.kind]?[entry.id] == nil {
            index[entry.kind, default: [:]][entry.id] = i
        }
    }

    public func entries(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind } }

    /// Entries of `kind` that never fired, in file order.
    public func neverFired(_ kind: Kind) -> [Entry] { entries.filter { $0.kind == kind && $0.steps == 0 } }

    public mutating func add(_ replay: CaseReplay) {
        var seen = Set<Int>()
        func count(_ kind: Kind, _ id: String) {
            guard let i = index[kind]?[id] else { return }
            entries[i].steps += 1
            if seen.insert(i).inserted { entries[i].cases += 1 }
        }
        for step in replay.steps {
            for id in step.signals { count(.signal, id) }
            for id in step.rules { count(.rule, id) }
            for id in step.responses { count(.response, id) }
        }
    }
}
