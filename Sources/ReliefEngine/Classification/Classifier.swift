import Foundation

/// Classifies cases with one compiled rule set. Same input, same output: the classifier holds
/// no state between cases and reads no clock; "now" is always passed in.
public struct Classifier: Sendable {
    /// The compiled rules and tables derived from them, behind one reference so that copying a
    /// classifier (into every case evaluation) costs one retain, not one per table.
    final class Core: Sendable {
        let rules: RuleSet
        /// Situation rules by severity.
        let situationRules: [SituationRules]
        /// Each cell's responses in winning order, at `severity * 6 + expectation.index`.
        let cellResponses: [[Int]]
        /// Signals raising each expectation, by expectation index.
        let raisedBy: [[Int]]
        /// Each response's owner name, per language.
        let ownerNames: [[String]]
        let hasLetters: Bool

        init(_ rules: RuleSet) {
            self.rules = rules
            situationRules = Situation.allCases.map { rules.situations[$0]! }
            cellResponses = Situation.allCases.flatMap { s in Expectation.allCases.map { rules.cells[Cell(s, $0)] ?? [] } }
            raisedBy = Expectation.allCases.map { rules.expectations[$0]?.raisedBy ?? [] }
            ownerNames = rules.responses.map { r in rules.languages.indices.map { rules.owners[r.owner]?.text($0) ?? r.owner } }
            hasLetters = rules.languageLetters.contains { !$0.isEmpty }
        }
    }

    let core: Core

    /// The compiled rules this classifier applies.
    public var rules: RuleSet { core.rules }

    public init(rules: RuleSet) {
        core = Core(rules)
    }

    /// The decision for a whole case at `now`.
    /// - Parameter override: a situation a person chose, with their reason; the playbook follows it.
    public func classify(_ supportCase: SupportCase, now: Date?, explain: Bool = false, override: (Situation, String)? = nil) -> Decision {
        start(supportCase).decide(now: now, explain: explain, override: override)
    }

    /// Starts an evaluation that events can be added to one by one (replay).
    /// - Parameter keepTexts: keep customer texts, for reports on words no signal knows.
    public func start(_ supportCase: SupportCase, keepTexts: Bool = false) -> CaseEvaluation {
        CaseEvaluation(classifier: self, supportCase: supportCase, keepTexts: keepTexts)
    }

    func decide(_ state: CaseEvaluation, now: Date?, explain: Bool, override: (Situation, String)?) -> Decision {
        let core = self.core
        let (matched, evidence) = state.signalState(now: now)
        let language = state.languageIndex

        var situationMatches: [SituationMatch] = []
        for situation in core.rules.precedence {
            var held: [RuleMatch] = []
            for rule in core.situationRules[situation.severity].rules where rule.when.holds(matched) {
                var contributing: [Int] = []
                rule.when.contributing(matched, into: &contributing)
                var ids: [String] = []
                for (n, signal) in contributing.enumerated() where !contributing[..<n].contains(signal) {
                    ids.append(core.rules.signals[signal].id)
                }
                held.append(RuleMatch(id: rule.id, signals: ids))
            }
            if !held.isEmpty { situationMatches.append(SituationMatch(situation: situation, rules: held)) }
        }
        let fallback = situationMatches.isEmpty
        let engineSituation = situationMatches.first?.situation ?? core.rules.fallback
        let situation = override?.0 ?? engineSituation
        let situationRules = core.situationRules[situation.severity]

        // Expectations: the situation's defaults plus those raised by matched signals, ranked.
        var scored: [(Expectation, Int, Int)] = []   // expectation, score, default position
        for expectation in Expectation.allCases {
            var raised = 0
            for signal in core.raisedBy[expectation.index] where matched[signal] { raised += 1 }
            let defaultPosition = situationRules.expectations.firstIndex(of: expectation)
            let score = raised + (defaultPosition == nil ? 0 : 1)
            if score > 0 { scored.append((expectation, score, defaultPosition ?? (100 + expectation.index))) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        let expectations = scored.map(\.0)

        let opened = state.supportCase.openedAt ?? state.supportCase.events.first(where: { $0.at != nil })?.at
        var responses: [ChosenResponse] = []
        var uncovered: [Expectation] = []
        for expectation in expectations {
            let candidates = core.cellResponses[situation.severity * 6 + expectation.index]
            guard let winner = candidates.first(where: { applies(core.rules.responses[$0], state.supportCase, language, matched) }) else {
                uncovered.append(expectation)
                continue
            }
            let r = core.rules.responses[winner]
            responses.append(ChosenResponse(
                id: r.id, situation: situation, expectation: expectation,
                say: r.say.text(language), tone: r.tone.text(language), actions: r.actions.list(language),
                owner: r.owner, ownerName: core.ownerNames[winner][language], within: r.within,
                by: opened.map { $0.addingTimeInterval(r.within.seconds) }))
        }

        var signals: [SignalMatch] = []
        for index in matched.indices where matched[index] {
            signals.append(SignalMatch(id: core.rules.signals[index].id, evidence: evidence[index]))
        }
        return Decision(
            caseId: state.supportCase.id,
            language: core.rules.languages[language],
            situation: situation,
            situations: situationMatches,
            fallback: fallback,
            signals: signals,
            expectations: expectations,
            responses: responses,
            uncovered: uncovered,
            wants: situationRules.wants.text(language),
            reliefMoment: situationRules.reliefMoment.text(language),
            firstResponseTarget: situationRules.firstResponse,
            firstResponseBy: opened.map { $0.addingTimeInterval(situationRules.firstResponse.seconds) },
            rulesName: core.rules.name,
            rulesVersion: core.rules.version,
            override: override.map { Override(engineSituation: engineSituation, reason: $0.1) },
            explanation: explain ? explanation(matched) : nil)
    }

    private func applies(_ response: Response, _ c: SupportCase, _ language: Int, _ matched: [Bool]) -> Bool {
        if let channels = response.channels { guard let ch = c.channel, channels.contains(ch) else { return false } }
        if let journeys = response.journeys { guard let j = c.journey, journeys.contains(j) else { return false } }
        if let segments = response.segments { guard let s = c.customer.segment?.lowercased(), segments.contains(s) else { return false } }
        if let languages = response.languages, !languages.contains(language) { return false }
        return response.signals.allSatisfy { matched[$0] }
    }

    private func explanation(_ matched: [Bool]) -> [SituationExplanation] {
        func trace(_ c: Condition) -> ConditionTrace {
            switch c {
            case .signal(let i): return .signal(core.rules.signals[i].id, held: matched[i])
            case .all(let cs): return .all(cs.map(trace), held: c.holds(matched))
            case .any(let cs): return .any(cs.map(trace), held: c.holds(matched))
            case .not(let inner): return .not(trace(inner), held: c.holds(matched))
            }
        }
        return core.rules.precedence.compactMap { situation in
            let s = core.situationRules[situation.severity]
            let ruleTraces = s.rules.map { RuleExplanation(id: $0.id, about: $0.about, held: $0.when.holds(matched), condition: trace($0.when)) }
            return SituationExplanation(situation: situation, matched: ruleTraces.contains { $0.held }, rules: ruleTraces)
        }
    }

    /// Whether one signal matches a case at `now`: what signal examples are checked with.
    public func signalMatches(_ signalIndex: Int, in supportCase: SupportCase, now: Date?) -> (Bool, [Evidence]) {
        let (matched, evidence) = start(supportCase).signalState(now: now)
        return (matched[signalIndex], evidence[signalIndex])
    }
}
