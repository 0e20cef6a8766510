import Foundation

/// A named detector from the rules file, compiled: ids are resolved to indexes, terms live in
/// the rule set's single `TermMatcher`.
public struct Signal: Sendable, Equatable {
    public var id: String
    public var about: String
    public var detector: Detector
    public var examples: SignalExamples
    public var position: SourcePosition

    public enum Detector: Sendable, Equatable {
        /// Indexes of this signal's terms in the matcher.
        case text(terms: [Int])
        /// Words with weights that together decide (see `WeightedWords`).
        case weighted(WeightedWords)
        case field(FieldTest)
        case history(HistoryFact)

        /// The detector's terms in the matcher; none for field and history signals.
        public var terms: [Int] {
            switch self {
            case .text(let terms): terms
            case .weighted(let words): Array(words.terms)
            case .field, .history: []
            }
        }
    }
}

/// Where a field signal looks in a case.
public enum FieldPath: Sendable, Equatable {
    case channel, journey, stage, language, segment, tenureMonths, customerId
    /// What the customer's texts state in figures and signs (see `TextFacts`).
    case text(TextFact)
    case attribute(String)
    /// How likely a weighted signal finds the case, between 0 and 1 (`likelihood.crisis-words`):
    /// so a rule can ask for weaker evidence beside another sign without the weights being
    /// written twice. `signal` is that signal's index, resolved when the rules are compiled.
    case likelihood(of: String, signal: Int)

    public static let named: [(String, FieldPath)] = [
        ("channel", .channel), ("journey", .journey), ("stage", .stage), ("language", .language),
        ("customer.segment", .segment), ("customer.tenureMonths", .tenureMonths), ("customer.id", .customerId),
    ] + TextFact.allCases.map { ("text." + $0.rawValue, .text($0)) }

    /// True for paths whose value changes as messages arrive, so they are tested at each decision.
    public var dependsOnMessages: Bool {
        switch self {
        case .language, .text, .likelihood: return true
        default: return false
        }
    }

    /// True for paths read from `TextFacts`.
    public var isTextFact: Bool {
        if case .text = self { return true }
        return false
    }

    public var name: String {
        if case .attribute(let key) = self { return "attributes." + key }
        if case .likelihood(let id, _) = self { return "likelihood." + id }
        return FieldPath.named.first(where: { $0.1 == self })!.0
    }
}

/// A comparison a field signal applies. All of a signal's comparisons must hold.
public enum FieldComparison: Sendable, Equatable {
    case eq(AttributeValue), ne(AttributeValue)
    case isIn([AttributeValue]), notIn([AttributeValue])
    case gt(Double), gte(Double), lt(Double), lte(Double)
    case exists(Bool)

    public var display: String {
        switch self {
        case .eq(let v): return "= \(v.display)"
        case .ne(let v): return "≠ \(v.display)"
        case .isIn(let vs): return "in [\(vs.map(\.display).joined(separator: ", "))]"
        case .notIn(let vs): return "not in [\(vs.map(\.display).joined(separator: ", "))]"
        case .gt(let n): return "> \(AttributeValue.number(n).display)"
        case .gte(let n): return "≥ \(AttributeValue.number(n).display)"
        case .lt(let n): return "< \(AttributeValue.number(n).display)"
        case .lte(let n): return "≤ \(AttributeValue.number(n).display)"
        case .exists(let b): return b ? "exists" : "is missing"
        }
    }
}

public struct FieldTest: Sendable, Equatable {
    public var path: FieldPath
    public var comparisons: [FieldComparison]
}

/// A numeric test on a history count (`{gte: 3}`).
public struct NumericTest: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable { case eq, gt, gte, lt, lte }
    public var op: Op
    public var value: Double

    public func holds(_ x: Double) -> Bool {
        switch op {
        case .eq: return x == value
        case .gt: return x > value
        case .gte: return x >= value
        case .lt: return x < value
        case .lte: return x <= value
        }
    }

    public var display: String {
        let symbol: String
        switch op {
        case .eq: symbol = "="
        case .gt: symbol = ">"
        case .gte: symbol = "≥"
        case .lt: symbol = "<"
        case .lte: symbol = "≤"
        }
        return "\(symbol) \(AttributeValue.number(value).display)"
    }
}

/// A fact about the case history.
public enum HistoryFact: Sendable, Equatable {
    case customerMessages([NumericTest])
    case promiseOverdue(Bool)
    case hoursWaiting([NumericTest])
    case reopened(Bool)
    case channelChanged(Bool)

    public static let names = ["customerMessages", "promiseOverdue", "hoursWaiting", "reopened", "channelChanged"]
}

/// Examples a signal must and must not match; `relief rules check` runs them.
public struct SignalExamples: Sendable, Equatable {
    public struct Text: Sendable, Equatable {
        public var language: Int
        public var text: String
        public var position: SourcePosition
    }

    public struct CaseExample: Sendable, Equatable {
        public var supportCase: SupportCase
        public var now: Date?
        public var position: SourcePosition
    }

    public var match: [Text] = []
    public var noMatch: [Text] = []
    public var matchCases: [CaseExample] = []
    public var noMatchCases: [CaseExample] = []
}
