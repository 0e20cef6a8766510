import Foundation

/// Classifies cases with one compiled rule set. Same input, same output: the classifier holds
/// no state between cases and reads no clock; "now" is always passed in.
public struct Classifier: Sendable {
    /// The compiled rules and tables derived from them, behind one reference so that copying a
    /// classifier (into every case evaluation) costs one retain, not one per table.
    final class Core: Sendable {
        let rules: RuleSet
        /// The rules' matcher, held on its own: reached through `rules` it was copied (a dozen
        /// retains and releases) on every message scanned.
        let matcher: TermMatcher
        /// Situation rules by severity.
        let situationRules: [SituationRules]
        /// Every situation rule's condition, flattened, situation by situation in severity order.
        let conditions: ConditionProgram
        /// The conditions of each situation's rules, by severity, and each rule's id by condition.
        let ruleRanges: [Range<Int>]
        let ruleIds: [String]
        /// Each cell's responses in winning order, at `severity * 6 + expectation.index`.
        let cellResponses: [[Int]]
        /// Signals raising each expectation, by expectation index.
        let raisedBy: [[Int]]
        /// Each response's rule texts per language, with their JSON written once.
        let responseTexts: [[ResponseFragments]]
        let hasLetters: Bool
        /// Whether any signal has `except` terms.
        let hasExceptions: Bool
        /// Whether any term is another script's Latin spelling, gated on the text's markers.
        let hasLatinSpellings: Bool
        /// Whether any signal tests `text.amount`, `text.temperature` or `text.intensity`.
        let usesTextFacts: Bool
        /// Language letters as a table: per scalar below U+0800, a bit per language whose letters
        /// include it. Nil when some letter lies above that or there are more than eight
        /// languages; the sets are then asked directly.
        let letterMasks: LetterMasks?
        /// Per matcher term: its source spelling, for evidence, and a number per distinct
        /// spelling (a term and its informal variant share both), so evidence is told apart
        /// without comparing strings.
        let termSource: [String]
        let termSourceKey: [Int32]
        /// Each signal's kind, with an index into `fieldSignals` or `historySignals`.
        let signalKinds: [SignalKind]
        let fieldSignals: [(index: Int, test: FieldTest)]
        let historySignals: [(index: Int, fact: HistoryFact)]
        /// Signals that weigh words, with the bit of their first word in a case's word set.
        /// Bias and threshold are in millionths (`WeightedWords.micro`).
        let weightedSignals: [(index: Int, words: WeightedWords, firstBit: Int, bias: Int64, threshold: Int64)]
        /// Per matcher term: the bit of its weighted word, or -1 for a term of another signal.
        let termWeightBit: [Int32]
        /// Per weighted-word bit: its weight in millionths, and the index in `weightedSignals`
        /// of its signal. Only words that count for a signal are evidence.
        let bitWeights: [Int64]
        let bitSignal: [Int]
        /// Per signal: how a field or history test is worded in evidence (`hoursWaiting ≥ 24`).
        let evidenceTerms: [String]

        enum SignalKind: Sendable {
            case text
            case weighted(Int)
            case field(Int)
            case history(Int)
        }

        /// The most bytes of one message that are read.
        let textLimit: Int

        init(_ rules: RuleSet, textLimit: Int) {
            self.rules = rules
            self.textLimit = max(textLimit, 1)
            matcher = rules.matcher
            situationRules = Situation.allCases.map { rules.situations[$0]! }
            var ranges: [Range<Int>] = []
            var all: [Condition] = []
            for s in situationRules {
                ranges.append(all.count..<(all.count + s.rules.count))
                all += s.rules.map(\.when)
            }
            ruleRanges = ranges
            ruleIds = situationRules.flatMap { $0.rules.map(\.id) }
            conditions = ConditionProgram(all)
            cellResponses = Situation.allCases.flatMap { s in Expectation.allCases.map { rules.cells[Cell(s, $0)] ?? [] } }
            raisedBy = Expectation.allCases.map { rules.expectations[$0]?.raisedBy ?? [] }
            responseTexts = rules.responses.map { r in
                rules.languages.indices.map { language in
                    ResponseFragments(
                        id: r.id, say: r.say.text(language), tone: r.tone.text(language), actions: r.actions.list(language),
                        owner: r.owner, ownerName: rules.owners[r.owner]?.text(language) ?? r.owner, within: r.within)
                }
            }
            hasLetters = rules.languageLetters.contains { !$0.isEmpty }
            hasExceptions = rules.termIsException.contains(true)
            hasLatinSpellings = rules.termIsLatinSpelling.contains(true)
            usesTextFacts = rules.signals.contains { signal in
                if case .field(let test) = signal.detector { return test.path.isTextFact }
                return false
            }
            letterMasks = LetterMasks(rules.languageLetters)
            // A weighted word is evidence with its weight, so a person sees how much it counted.
            var sources = rules.matcher.terms.map(\.source)
            for signal in rules.signals {
                guard case .weighted(let words) = signal.detector else { continue }
                for (k, term) in words.terms.enumerated() {
                    sources[term] += " " + String(format: "%+.2f", words.weights[words.wordOfTerm[k]])
                }
            }
            termSource = sources
            var keys: [String: Int32] = [:]
            termSourceKey = sources.map { source in
                if let key = keys[source] { return key }
                let key = Int32(keys.count)
                keys[source] = key
                return key
            }
            var kinds: [SignalKind] = []
            var fields: [(index: Int, test: FieldTest)] = []
            var histories: [(index: Int, fact: HistoryFact)] = []
            var weighted: [(index: Int, words: WeightedWords, firstBit: Int, bias: Int64, threshold: Int64)] = []
            var termBits = Array(repeating: Int32(-1), count: rules.matcher.terms.count)
            var weights: [Int64] = []
            var bitSignals: [Int] = []
            var terms: [String] = []
            for (index, signal) in rules.signals.enumerated() {
                switch signal.detector {
                case .text:
                    kinds.append(.text)
                    terms.append("")
                case .weighted(let words):
                    kinds.append(.weighted(weighted.count))
                    weighted.append((index, words, weights.count, WeightedWords.micro(words.bias), WeightedWords.micro(words.threshold, roundingUp: true)))
                    for (k, term) in words.terms.enumerated() { termBits[term] = Int32(weights.count + words.wordOfTerm[k]) }
                    weights += words.weights.map { WeightedWords.micro($0) }
                    bitSignals += Array(repeating: weighted.count - 1, count: words.weights.count)
                    terms.append("")
                case .field(let test):
                    kinds.append(.field(fields.count))
                    fields.append((index, test))
                    terms.append(test.path.name + " " + test.comparisons.map(\.display).joined(separator: ", "))
                case .history(let fact):
                    kinds.append(.history(histories.count))
                    histories.append((index, fact))
                    terms.append(Self.wording(fact))
                }
            }
            signalKinds = kinds
            fieldSignals = fields
            historySignals = histories
            weightedSignals = weighted
            termWeightBit = termBits
            bitWeights = weights
            bitSignal = bitSignals
            evidenceTerms = terms
        }

        private static func wording(_ fact: HistoryFact) -> String {
            switch fact {
            case .customerMessages(let tests): return "customerMessages " + tests.map(\.display).joined(separator: ", ")
            case .hoursWaiting(let tests): return "hoursWaiting " + tests.map(\.display).joined(separator: ", ")
            case .promiseOverdue: return "promiseOverdue"
            case .reopened: return "reopened"
            case .channelChanged: return "channelChanged"
            }
        }
    }

    let core: Core

    /// The compiled rules this classifier applies.
    public var rules: RuleSet { core.rules }

    /// - Parameter textLimit: the most bytes of one message that are read. A longer message is
    ///   read up to the limit (at a character boundary) and the decision says so: a single
    ///   text of many megabytes must not take the memory of many times its size.
    public init(rules: RuleSet, textLimit: Int = Classifier.defaultTextLimit) {
        core = Core(rules, textLimit: textLimit)
    }

    /// One mebibyte of text per message: far longer than any real message.
    public static let defaultTextLimit = 1 << 20

    /// The decision for a whole case at `now`.
    /// - Parameter override: a situation a person chose, with their reason; the playbook follows it.
    public func classify(_ supportCase: SupportCase, now: Date?, explain: Bool = false, override: (Situation, String)? = nil) -> Decision {
        start(supportCase).decide(now: now, explain: explain, override: override)
    }

    /// The same decision, reusing `workspace`'s buffers: for callers that classify many cases
    /// on one thread (a stream, a benchmark), so the steady state allocates little.
    public func classify(
        _ supportCase: SupportCase, now: Date?, explain: Bool = false, override: (Situation, String)? = nil,
        workspace: inout CaseEvaluation.Workspace
    ) -> Decision {
        // Move the buffers out first, so the evaluation holds the only reference and writes
        // into them in place instead of copying them.
        var taken = CaseEvaluation.Workspace()
        swap(&taken, &workspace)
        let evaluation = CaseEvaluation(classifier: self, supportCase: supportCase, workspace: consume taken)
        let decision = evaluation.decide(now: now, explain: explain, override: override)
        workspace = evaluation.takeWorkspace()
        return decision
    }

    /// Starts an evaluation that events can be added to one by one (replay).
    public func start(_ supportCase: SupportCase) -> CaseEvaluation {
        CaseEvaluation(classifier: self, supportCase: supportCase)
    }

    /// What a decision comes to, as indexes: which signals hold, which situation rules held,
    /// the ranked expectations and the winning responses. Both the full `Decision` and replay's
    /// steps are made from it, so they can never disagree.
    struct Outcome {
        var matched: [Bool]
        var language: Int
        /// The text is in a language the rules do not speak; `language` is then the default.
        var undetermined = false
        /// Condition indexes of the rules that held, situation by situation in precedence order.
        var heldRules: [Int] = []
        var heldSituations: [(situation: Situation, rules: Range<Int>)] = []
        var engineSituation: Situation
        var situation: Situation
        var expectations: [Expectation] = []
        var responses: [(expectation: Expectation, response: Int)] = []
        var uncovered: [Expectation] = []
        var fallback: Bool { heldSituations.isEmpty }
    }

    func outcome(_ state: CaseEvaluation, now: Date?, override: Situation?) -> Outcome {
        let core = self.core
        let rules = core.rules
        let matched = state.matchedSignals(now: now)
        // Lists sized up front: regrowing them element by element was a good part of a
        // decision's cost.
        var heldRules: [Int] = []
        heldRules.reserveCapacity(core.ruleIds.count)
        var heldSituations: [(situation: Situation, rules: Range<Int>)] = []
        heldSituations.reserveCapacity(Situation.allCases.count)
        matched.withUnsafeBufferPointer { matchedBuffer in
            for situation in rules.precedence {
                let start = heldRules.count
                core.conditions.held(core.ruleRanges[situation.severity], matchedBuffer, into: &heldRules)
                if heldRules.count > start { heldSituations.append((situation, start..<heldRules.count)) }
            }
        }
        let engineSituation = heldSituations.first?.situation ?? rules.fallback
        let situation = override ?? engineSituation
        let language = state.language
        var result = Outcome(
            matched: matched, language: language.index, undetermined: language.undetermined, heldRules: heldRules,
            heldSituations: heldSituations, engineSituation: engineSituation, situation: situation)
        let situationRules = core.situationRules[situation.severity]

        // Expectations: the situation's defaults plus those raised by matched signals, ranked.
        var scored: [(expectation: Expectation, score: Int, position: Int)] = []
        scored.reserveCapacity(6)
        for expectation in Expectation.allCases {
            var raised = 0
            for signal in core.raisedBy[expectation.index] where matched[signal] { raised += 1 }
            let defaultPosition = situationRules.expectations.firstIndex(of: expectation)
            let score = raised + (defaultPosition == nil ? 0 : 1)
            if score > 0 { scored.append((expectation, score, defaultPosition ?? (100 + expectation.index))) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.position < $1.position }
        result.expectations = scored.map(\.expectation)
        result.responses.reserveCapacity(result.expectations.count)

        for expectation in result.expectations {
            let candidates = core.cellResponses[situation.severity * 6 + expectation.index]
            if let winner = candidates.first(where: { applies($0, state.supportCase, result.language, matched) }) {
                result.responses.append((expectation, winner))
            } else {
                result.uncovered.append(expectation)
            }
        }
        return result
    }

    /// The leading situation for a set of held signals: the first situation in precedence
    /// order one of whose rules holds, else the fallback. What `rules suggest` asks again and
    /// again with one signal switched on.
    func situation(_ matched: [Bool]) -> Situation {
        let core = self.core
        var held: [Int] = []
        return matched.withUnsafeBufferPointer { buffer in
            for situation in core.rules.precedence {
                core.conditions.held(core.ruleRanges[situation.severity], buffer, into: &held)
                if !held.isEmpty { return situation }
            }
            return core.rules.fallback
        }
    }

    func decide(_ state: CaseEvaluation, now: Date?, explain: Bool, override: (Situation, String)?) -> Decision {
        let core = self.core
        let rules = core.rules
        let o = outcome(state, now: now, override: override?.0)
        let matched = o.matched
        let language = o.language

        var situationMatches: [SituationMatch] = []
        situationMatches.reserveCapacity(o.heldSituations.count)
        matched.withUnsafeBufferPointer { matchedBuffer in
            var contributing: [Int] = []
            contributing.reserveCapacity(16)
            for (situation, range) in o.heldSituations {
                var ruleMatches: [RuleMatch] = []
                ruleMatches.reserveCapacity(range.count)
                for condition in o.heldRules[range] {
                    contributing.removeAll(keepingCapacity: true)
                    core.conditions.contributing(condition, matchedBuffer, into: &contributing)
                    var ids: [String] = []
                    ids.reserveCapacity(contributing.count)
                    for (n, signal) in contributing.enumerated() where !contributing[..<n].contains(signal) {
                        ids.append(rules.signals[signal].id)
                    }
                    ruleMatches.append(RuleMatch(id: core.ruleIds[condition], signals: ids))
                }
                situationMatches.append(SituationMatch(situation: situation, rules: ruleMatches))
            }
        }
        let situation = o.situation
        let situationRules = core.situationRules[situation.severity]
        let opened = state.openedAt
        var responses: [ChosenResponse] = []
        responses.reserveCapacity(o.responses.count)
        for (expectation, winner) in o.responses {
            let r = core.responseTexts[winner][language]
            responses.append(ChosenResponse(
                id: r.id, situation: situation, expectation: expectation, say: r.say, tone: r.tone, actions: r.actions,
                owner: r.owner, ownerName: r.ownerName, within: r.within,
                by: opened.map { $0.addingTimeInterval(r.within.seconds) }))
        }

        var signals: [SignalMatch] = []
        var matchedCount = 0
        for held in matched where held { matchedCount += 1 }
        signals.reserveCapacity(matchedCount)
        for index in matched.indices where matched[index] {
            signals.append(SignalMatch(id: rules.signals[index].id, evidence: state.evidence(index, now: now)))
        }
        var fallbackReason: FallbackReason?
        if o.fallback {
            if o.undetermined {
                fallbackReason = .unknownLanguage
            } else {
                fallbackReason = matched.contains(true) ? .noRuleMatched : .noKnownWords
            }
        }
        return Decision(
            caseId: state.supportCase.id,
            language: o.undetermined ? Decision.undeterminedLanguage : rules.languages[language],
            situation: situation,
            situations: situationMatches,
            fallback: o.fallback,
            fallbackReason: fallbackReason,
            textTruncated: state.truncated,
            signals: signals,
            expectations: o.expectations,
            responses: responses,
            uncovered: o.uncovered,
            wants: situationRules.wants.text(language),
            reliefMoment: situationRules.reliefMoment.text(language),
            firstResponseTarget: situationRules.firstResponse,
            firstResponseBy: opened.map { $0.addingTimeInterval(situationRules.firstResponse.seconds) },
            updateEvery: situationRules.updateEvery,
            nextUpdateBy: situationRules.updateEvery.flatMap { cadence in
                (state.lastAgentMessageAt ?? opened).map { $0.addingTimeInterval(cadence.seconds) }
            },
            rulesName: rules.name,
            rulesVersion: rules.version,
            override: override.map { Override(engineSituation: o.engineSituation, reason: $0.1) },
            explanation: explain ? explanation(matched) : nil)
    }

    /// Whether response `index` applies to the case. Reads the response in place rather than
    /// copying it: this runs for every candidate of every cell at stake.
    private func applies(_ index: Int, _ c: SupportCase, _ language: Int, _ matched: [Bool]) -> Bool {
        core.rules.responses.withUnsafeBufferPointer { responses in
            let response = responses.baseAddress! + index
            if let channels = response.pointee.channels { guard let ch = c.channel, channels.contains(ch) else { return false } }
            if let journeys = response.pointee.journeys { guard let j = c.journey, journeys.contains(j) else { return false } }
            if let segments = response.pointee.segments { guard let s = c.customer.segment?.lowercased(), segments.contains(s) else { return false } }
            if let languages = response.pointee.languages, !languages.contains(language) { return false }
            for signal in response.pointee.signals where !matched[signal] { return false }
            return true
        }
    }

    private func explanation(_ matched: [Bool]) -> [SituationExplanation] {
        func trace(_ c: Condition) -> ConditionTrace {
            switch c {
            case .signal(let i): return .signal(core.rules.signals[i].id, held: matched[i])
            case .all(let cs): return .all(cs.map(trace), held: ConditionProgram.holds(c, matched))
            case .any(let cs): return .any(cs.map(trace), held: ConditionProgram.holds(c, matched))
            case .not(let inner): return .not(trace(inner), held: ConditionProgram.holds(c, matched))
            }
        }
        return core.rules.precedence.compactMap { situation in
            let s = core.situationRules[situation.severity]
            let ruleTraces = s.rules.map { RuleExplanation(id: $0.id, about: $0.about, held: ConditionProgram.holds($0.when, matched), condition: trace($0.when)) }
            return SituationExplanation(situation: situation, matched: ruleTraces.contains { $0.held }, rules: ruleTraces)
        }
    }

    /// Whether one signal matches a case at `now`: what signal examples are checked with.
    public func signalMatches(_ signalIndex: Int, in supportCase: SupportCase, now: Date?) -> (Bool, [Evidence]) {
        let evaluation = start(supportCase)
        let evidence = evaluation.evidence(signalIndex, now: now)
        return (!evidence.isEmpty, evidence)
    }
}
