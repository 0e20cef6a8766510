import Foundation

/// A rules file in its compiled, immutable form: ids resolved to indexes, all terms in one
/// matcher, each cell's responses already in winning order. Load once, evaluate many.
public struct RuleSet: Sendable {
    public var format: Int
    public var name: String
    public var version: String
    /// Language codes in the order the file declares them; `LocalizedText` is indexed by these.
    public var languages: [String]
    public var defaultLanguage: Int
    /// Per language, letters that only it uses, counted when detecting the language.
    public var languageLetters: [Set<Unicode.Scalar>]
    public var owners: [String: LocalizedText]
    public var signals: [Signal]
    public var matcher: TermMatcher
    /// For each matcher term: the signal it belongs to and the language it was written for.
    public var termSignal: [Int]
    public var termLanguage: [Int]
    /// For each matcher term: true when it is one of its signal's `except` terms, which void the
    /// signal's hits they overlap ("cant wait" voids "cant _").
    public var termIsException: [Bool]
    /// For each matcher term: true when it is a term of another script typed in Latin letters
    /// (`latinSpellings`), which counts only in a message whose markers are mostly its language's.
    public var termIsLatinSpelling: [Bool]
    public var precedence: [Situation]
    public var fallback: Situation
    public var situations: [Situation: SituationRules]
    public var expectations: [Expectation: ExpectationRules]
    public var hitPolicy: HitPolicy
    public var responses: [Response]
    /// Responses of each (situation, expectation) cell, best first under the hit policy.
    public var cells: [Cell: [Int]]

    public func signalIndex(_ id: String) -> Int? { signals.firstIndex(where: { $0.id == id }) }
    public func languageIndex(_ code: String) -> Int? { languages.firstIndex(of: code.lowercased()) }
}

/// A (situation, expectation) pair: one square of the playbook matrix.
public struct Cell: Hashable, Sendable, Comparable {
    public var situation: Situation
    public var expectation: Expectation

    public init(_ situation: Situation, _ expectation: Expectation) {
        self.situation = situation
        self.expectation = expectation
    }

    public static func < (a: Cell, b: Cell) -> Bool {
        let ea = Expectation.allCases.firstIndex(of: a.expectation)!
        let eb = Expectation.allCases.firstIndex(of: b.expectation)!
        return (b.situation.severity, ea) < (a.situation.severity, eb)
    }

    /// Every cell, crisis first, expectations in canonical order: the matrix's reading order.
    public static let all: [Cell] = Situation.allCases.reversed().flatMap { s in Expectation.allCases.map { Cell(s, $0) } }
}

/// Which response wins when several in one cell match.
public enum HitPolicy: String, Sendable, CaseIterable {
    /// The one with the most conditions; ties to the one written first.
    case mostSpecific = "most-specific"
    /// The first one written.
    case first
}

/// A situation rule: one way a case can come to be in a situation.
public struct SituationRule: Sendable, Equatable {
    public var id: String
    public var about: String
    public var when: Condition
}

/// What the file says about one situation.
public struct SituationRules: Sendable, Equatable {
    public var wants: LocalizedText
    public var reliefMoment: LocalizedText
    public var firstResponse: ISODuration
    /// How often a customer in this situation must hear from us while the case is open; nil when
    /// the situation asks for no update cadence. A customer in crisis who hears nothing for hours
    /// loses trust even when the fix is on its way.
    public var updateEvery: ISODuration?
    /// Expectations at stake by default, most important first.
    public var expectations: [Expectation]
    public var rules: [SituationRule]
    /// Where the situation, its `firstResponse` and its `updateEvery` stand in the file, for
    /// warnings that compare situations (`rules check`).
    public var positions: Positions = Positions()

    /// Places in the rules file; nil for rules built without one.
    public struct Positions: Sendable, Equatable {
        public var situation: SourcePosition?
        public var firstResponse: SourcePosition?
        public var updateEvery: SourcePosition?

        public init(situation: SourcePosition? = nil, firstResponse: SourcePosition? = nil, updateEvery: SourcePosition? = nil) {
            self.situation = situation
            self.firstResponse = firstResponse
            self.updateEvery = updateEvery
        }
    }
}

/// What the file says about one expectation.
public struct ExpectationRules: Sendable, Equatable {
    public var about: LocalizedText
    /// Signals that put the expectation at stake.
    public var raisedBy: [Int]
}

/// One response of the playbook.
public struct Response: Sendable, Equatable {
    public var id: String
    public var cell: Cell
    public var channels: Set<Channel>?
    public var journeys: Set<Journey>?
    /// Lower-cased segment names.
    public var segments: Set<String>?
    public var languages: Set<Int>?
    public var signals: [Int]
    public var say: LocalizedText
    public var tone: LocalizedText
    public var actions: LocalizedList
    public var owner: String
    public var within: ISODuration
    public var position: SourcePosition
    /// Where `within` stands, for the warning that it is longer than the situation's target.
    public var withinPosition: SourcePosition? = nil

    /// How many conditions narrow it: the most-specific hit policy's measure.
    public var specificity: Int {
        (channels == nil ? 0 : 1) + (journeys == nil ? 0 : 1) + (segments == nil ? 0 : 1)
            + (languages == nil ? 0 : 1) + signals.count
    }

    /// True when every case this response matches is also matched by `other`:
    /// `other` narrows no dimension that this one leaves open, and asks no signal this one does not.
    public func isCovered(by other: Response) -> Bool {
        func covers<T>(_ mine: Set<T>?, _ theirs: Set<T>?) -> Bool {
            guard let theirs else { return true }
            guard let mine else { return false }
            return mine.isSubset(of: theirs)
        }
        return covers(channels, other.channels) && covers(journeys, other.journeys)
            && covers(segments, other.segments) && covers(languages, other.languages)
            && Set(other.signals).isSubset(of: Set(signals))
    }
}
