/// A JSON value to be written. Output is deterministic: `JSONWriter` sorts object keys,
/// so reports, decisions and audit entries diff cleanly.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])
}

extension JSON {
    /// `.string(s)` or `.null` when `s` is nil.
    public static func optional(_ s: String?) -> JSON {
        s.map(JSON.string) ?? .null
    }
}

extension JSONNode {
    /// The same value without positions, for writing back out.
    public var json: JSON {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 9.0e15 { return .int(Int(n)) }
            return .double(n)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(\.json))
        case .object(let members):
            var dict: [String: JSON] = [:]
            for member in members where dict[member.key] == nil { dict[member.key] = member.value.json }
            return .object(dict)
        }
    }
}
