/// A condition over signals, compiled to signal indexes.
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

    /// Whether it holds, given which signals matched.
    public func holds(_ matched: [Bool]) -> Bool {
        switch self {
        case .signal(let i): return matched[i]
        case .all(let cs): return cs.allSatisfy { $0.holds(matched) }
        case .any(let cs): return cs.contains { $0.holds(matched) }
        case .not(let c): return !c.holds(matched)
        }
    }

    /// The matched signals that made it hold: every held signal under an `all` or `any`
    /// that held, none under a `not`.
    public func contributing(_ matched: [Bool], into result: inout [Int]) {
        switch self {
        case .signal(let i): if matched[i] { result.append(i) }
        case .all(let cs), .any(let cs): for c in cs where c.holds(matched) { c.contributing(matched, into: &result) }
        case .not: break
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
