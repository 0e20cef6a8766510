/// A condition over signals, compiled to signal indexes: the rules file's structure. It is
/// evaluated by `ConditionProgram`, the one evaluator, which the classifier builds once.
public indirect enum Condition: Sendable, Equatable {
    case signal(Int)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    /// The signals that can make it hold by matching: every signal it names outside a `not`.
    public var positiveSignals: Set<Int> {
        switch self {
        case .signal(let i): return [i]
        case .all(let cs), .any(let cs): return cs.reduce(into: Set<Int>()) { $0.formUnion($1.positiveSignals) }
        case .not: return []
        }
    }

    /// Every signal the condition mentions.
    public func signals(into result: inout [Int]) {
        switch self {
        case .signal(let i): result.append(i)
        case .all(let cs), .any(let cs): for c in cs { c.signals(into: &result) }
        case .not(let c): c.signals(into: &result)
        }
    }
}
