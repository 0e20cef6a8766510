/// A free-form case attribute (`attributes` in the input), compared by field signals.
public enum AttributeValue: Sendable, Equatable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// A short rendering for evidence, e.g. `1200`, `true`, `"vip"`.
    public var display: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
