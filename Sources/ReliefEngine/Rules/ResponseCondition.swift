/// One condition of a response's `when`, with its values as the rules spell them: what
/// `rules show` prints beside a response and what `rules check` names when a cell is left
/// empty under some conditions.
public struct ResponseCondition: Sendable, Equatable {
    /// The keys of `when`, in the order they are listed.
    public enum Key: String, Sendable, CaseIterable {
        case channel, journey, segment, language, signals
    }

    public var key: Key
    public var values: [String]

    /// "segment long-time", "channel chat/phone" (any one of them), "signals fraud + legal-threat"
    /// (all of them), with the key named `keyName`.
    public func text(keyName: String) -> String {
        keyName + " " + values.joined(separator: key == .signals ? " + " : "/")
    }
}

extension Response {
    /// The conditions of this response's `when`, in `Key` order; empty for a cell's default.
    public func conditions(in rules: RuleSet) -> [ResponseCondition] {
        var list: [ResponseCondition] = []
        for key in ResponseCondition.Key.allCases {
            let values: [String]?
            switch key {
            case .channel: values = channels.map { $0.map(\.rawValue).sorted() }
            case .journey: values = journeys.map { $0.map(\.rawValue).sorted() }
            case .segment: values = segments.map { $0.sorted() }
            case .language: values = languages.map { $0.sorted().map { rules.languages[$0] } }
            case .signals: values = signals.isEmpty ? nil : signals.map { rules.signals[$0].id }
            }
            if let values { list.append(ResponseCondition(key: key, values: values)) }
        }
        return list
    }
}
