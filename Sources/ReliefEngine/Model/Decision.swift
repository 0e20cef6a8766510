import Foundation

/// What the engine decided about a case: a value, never a printout. Reporters turn it into
/// text or JSON; the audit log records it.
public struct Decision: Sendable, Equatable {
    public var caseId: String
    /// The customer's language as the rules speak it, or `und` when the text is in a language
    /// the rules do not speak; the playbook is then worded in the rules' default language.
    public var language: String
    /// The leading situation.
    public var situation: Situation
    /// Every situation that matched, leading first, in precedence order; empty on fallback.
    public var situations: [SituationMatch]
    /// True when no situation rule matched and the case fell to the rules' fallback.
    public var fallback: Bool
    /// On fallback, how little the rules knew; nil otherwise.
    public var fallbackReason: FallbackReason?
    /// True when a message was longer than the text limit and only its first part was read.
    public var textTruncated: Bool = false
    /// Matched signals in rules-file order, with the evidence for each.
    public var signals: [SignalMatch]
    /// Expectations at stake, most pressing first.
    public var expectations: [Expectation]
    /// The playbook: one response per expectation at stake that has one, in expectation rank order.
    public var responses: [ChosenResponse]
    /// Expectations at stake that no response covers (a gap in the rules).
    public var uncovered: [Expectation]
    public var wants: String
    public var reliefMoment: String
    public var firstResponseTarget: ISODuration
    /// `openedAt` plus the target; nil when the case has no opening time.
    public var firstResponseBy: Date?
    /// The situation's update cadence; nil when it asks for none.
    public var updateEvery: ISODuration? = nil
    /// When the customer must next hear from us: the last agent message (else the opening) plus
    /// `updateEvery`. Nil without a cadence or without times.
    public var nextUpdateBy: Date? = nil
    public var rulesName: String
    public var rulesVersion: String
    /// Set when a person chose the situation instead of the engine.
    public var override: Override?
    /// Per situation, which conditions held: present when asked for.
    public var explanation: [SituationExplanation]?
}

extension Decision {
    /// The language code of a text in a language the rules do not speak (BCP 47 "undetermined").
    public static let undeterminedLanguage = "und"
}

/// Why a case fell to the rules' fallback situation: what the rules did not know.
public enum FallbackReason: String, Sendable, CaseIterable {
    /// The text is in a language the rules do not speak.
    case unknownLanguage = "unknown-language"
    /// No signal held: the rules knew none of the words that mattered.
    case noKnownWords = "no-known-words"
    /// Signals held, but no situation rule combines them.
    case noRuleMatched = "no-rule-matched"

    /// The reason for a person.
    public var explanation: String {
        switch self {
        case .unknownLanguage: return "the text is in a language the rules do not speak"
        case .noKnownWords: return "no signal knew any of the words"
        case .noRuleMatched: return "signals held, but no situation rule combines them"
        }
    }
}

public struct SituationMatch: Sendable, Equatable {
    public var situation: Situation
    public var rules: [RuleMatch]
}

/// A situation rule that held, with the matched signals that made it hold.
public struct RuleMatch: Sendable, Equatable {
    public var id: String
    public var signals: [String]
}

public struct SignalMatch: Sendable, Equatable {
    public var id: String
    public var evidence: [Evidence]
}

/// Why a signal matched: the term or test, and what in the case satisfied it.
public struct Evidence: Sendable, Equatable, Hashable {
    /// The term as written in the rules (`rikk*`) or the test (`customer.tenureMonths ≥ 60`).
    public var term: String
    /// The customer's own words (`rikkega`) or the value found (`72`), as JSON carries it.
    public var matched: String
    /// Whose `matched` is: only the customer's own words may be shown as quoted words.
    public var kind: Kind

    /// Where the evidence came from.
    public enum Kind: Sendable, Equatable, Hashable {
        /// Words the customer wrote.
        case words
        /// A value of the case (`channel`, `customer.tenureMonths`) or a figure read from the
        /// texts (`text.amount`).
        case value
        /// A fact of the case history as of the decision's time.
        case history(HistoryObservation)
    }

    public init(term: String, matched: String, kind: Kind = .words) {
        self.term = term
        self.matched = matched
        self.kind = kind
    }
}

/// One response of the playbook chosen for a case: what to say and do, who owns it, by when.
public struct ChosenResponse: Sendable, Equatable {
    public var id: String
    public var situation: Situation
    public var expectation: Expectation
    public var say: String
    public var tone: String
    public var actions: [String]
    public var owner: String
    public var ownerName: String
    public var within: ISODuration
    /// The case's opening time plus `within`: by when this must be done; nil without a time.
    public var by: Date?
}

/// A person's override of the engine's situation.
public struct Override: Sendable, Equatable {
    public var engineSituation: Situation
    public var reason: String
}

/// The answer to "why did it not go to crisis?": every rule of a situation and whether it held.
public struct SituationExplanation: Sendable, Equatable {
    public var situation: Situation
    public var matched: Bool
    public var rules: [RuleExplanation]
}

public struct RuleExplanation: Sendable, Equatable {
    public var id: String
    public var about: String
    public var held: Bool
    public var condition: ConditionTrace
}

/// A condition with each part marked held or not.
public indirect enum ConditionTrace: Sendable, Equatable {
    case signal(String, held: Bool)
    case all([ConditionTrace], held: Bool)
    case any([ConditionTrace], held: Bool)
    case not(ConditionTrace, held: Bool)

    public var held: Bool {
        switch self {
        case .signal(_, let h), .all(_, let h), .any(_, let h), .not(_, let h): return h
        }
    }
}
