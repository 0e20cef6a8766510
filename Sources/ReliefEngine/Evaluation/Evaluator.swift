import Foundation

/// Measures one rule set against labelled cases: runs a case as triage would have met it
/// (its first customer message, at that message's time) or replays its whole history to the
/// peak, and says whether the rules agree with the person's label. Pure and thread-safe.
public struct Evaluator: Sendable {
    public let classifier: Classifier
    public let mode: EvalMode
    public let grouping: EvalGrouping
    let vocabulary: FallbackVocabulary

    /// Words of the customer's text kept in a miss, so a reader sees what the rules saw.
    public static let excerptLength = 280

    public init(rules: RuleSet, mode: EvalMode, grouping: EvalGrouping = .idPrefix, textLimit: Int = Classifier.defaultTextLimit) {
        classifier = Classifier(rules: rules, textLimit: textLimit)
        vocabulary = FallbackVocabulary(rules: rules)
        self.mode = mode
        self.grouping = grouping
    }

    /// The verdict on one labelled case; `given` is nil when the case has no customer message.
    public func evaluate(_ supportCase: SupportCase, label: EvalLabel) -> EvalVerdict {
        let expected = label.expected(mode)
        let group = grouping.key(supportCase)
        var verdict = EvalVerdict(caseId: supportCase.id, group: group, split: EvalSplit.of(supportCase.id), expected: expected, given: nil, miss: nil)
        guard let (event, situation) = decidingStep(supportCase) else { return verdict }
        verdict.given = situation
        if situation != expected { verdict.miss = miss(supportCase, upTo: event, expected: expected, label: label, group: group) }
        return verdict
    }

    /// The customer message whose decision is measured, and the situation given there: the
    /// first customer message, or the most severe step (the earliest of equals).
    func decidingStep(_ supportCase: SupportCase) -> (event: Int, situation: Situation)? {
        var header = supportCase
        header.events = []
        var evaluation = classifier.start(header)
        var lastTime = supportCase.openedAt
        var best: (event: Int, situation: Situation)?
        for (index, event) in supportCase.events.enumerated() {
            evaluation.apply(event)
            if let at = event.at { lastTime = at }
            guard event.isCustomerMessage else { continue }
            let situation = classifier.outcome(evaluation, now: event.at ?? lastTime, override: nil).situation
            if best == nil || situation > best!.situation { best = (index, situation) }
            if mode == .first || situation == .crisis { break }
        }
        return best
    }

    /// Everything a rules author needs to see about a miss: the words, the signals and rules
    /// that decided, and the words no signal knows.
    func miss(_ supportCase: SupportCase, upTo event: Int, expected: Situation, label: EvalLabel, group: String) -> EvalMiss {
        var seen = supportCase
        seen.events = Array(supportCase.events[...event])
        let now = seen.events[event].at ?? seen.events.last(where: { $0.at != nil })?.at ?? supportCase.openedAt
        let decision = classifier.classify(seen, now: now)
        var texts: [String] = []
        if let subject = seen.subject, !subject.isEmpty { texts.append(subject) }
        for e in seen.events {
            if case .message(from: .customer, let text, _, _) = e.kind, !text.isEmpty { texts.append(text) }
        }
        return EvalMiss(
            caseId: supportCase.id, group: group, labelLine: label.line, expected: expected, given: decision.situation,
            fallback: decision.fallback, excerpt: Self.excerpt(texts),
            signals: decision.signals, rules: decision.situations.flatMap { $0.rules.map(\.id) },
            unknownWords: Array(vocabulary.unknownWords(in: texts).prefix(EvalMiss.unknownWordLimit)))
    }

    /// The customer's texts on one line, cut at `excerptLength` characters.
    static func excerpt(_ texts: [String]) -> String {
        var joined = texts.joined(separator: " / ")
        joined = String(joined.map { $0.isNewline ? " " : $0 })
        if joined.count <= excerptLength { return joined }
        return String(joined.prefix(excerptLength)) + "…"
    }
}

/// How the report breaks results down: by the id's prefix (`twcs-1` is in `twcs`), or by a
/// field of the case.
public enum EvalGrouping: Sendable, Equatable {
    case idPrefix
    case field(FieldPath)

    /// `prefix`, or a field path as signals name it (`channel`, `customer.segment`, `attributes.source`).
    public static func parse(_ name: String) -> EvalGrouping? {
        if name == "prefix" || name == "id" { return .idPrefix }
        if let named = FieldPath.named.first(where: { $0.0 == name }), !named.1.isTextFact { return .field(named.1) }
        if name.hasPrefix("attributes."), name.count > 11 { return .field(.attribute(String(name.dropFirst(11)))) }
        return nil
    }

    public func key(_ c: SupportCase) -> String {
        switch self {
        case .idPrefix:
            guard let dash = c.id.firstIndex(where: { $0 == "-" || $0 == "_" }), dash != c.id.startIndex else { return c.id.isEmpty ? "(none)" : "(other)" }
            return String(c.id[..<dash])
        case .field(let path):
            let value: String?
            switch path {
            case .channel: value = c.channel?.rawValue
            case .journey: value = c.journey?.rawValue
            case .stage: value = c.stage?.rawValue
            case .language: value = c.customer.language
            case .segment: value = c.customer.segment
            case .tenureMonths: value = c.customer.tenureMonths.map { AttributeValue.number($0).display }
            case .customerId: value = c.customer.id
            case .attribute(let key): value = c.attributes[key].flatMap { $0 == .null ? nil : $0.display }
            case .text, .likelihood: value = nil
            }
            return value ?? "(none)"
        }
    }
}

/// One labelled case measured.
public struct EvalVerdict: Sendable, Equatable {
    public var caseId: String
    public var group: String
    public var split: EvalSplit
    public var expected: Situation
    /// Nil when the case had no customer message to decide on.
    public var given: Situation?
    public var miss: EvalMiss?
}

/// A case where the rules and the label disagree, with what decided it.
public struct EvalMiss: Sendable, Equatable {
    public static let unknownWordLimit = 12

    public var caseId: String
    public var group: String
    public var labelLine: Int
    public var expected: Situation
    public var given: Situation
    /// True when no situation rule matched: the rules knew none of the words that mattered.
    public var fallback: Bool
    /// The customer's texts the decision saw, on one line, shortened.
    public var excerpt: String
    public var signals: [SignalMatch]
    /// Situation rules that held, in precedence order.
    public var rules: [String]
    /// Words of the texts that no term and no marker knows.
    public var unknownWords: [String]
}
