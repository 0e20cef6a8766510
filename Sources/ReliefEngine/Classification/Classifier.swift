import Foundation

/// Classifies cases with one compiled rule set. Same input, same output: the classifier holds
/// no state between cases and reads no clock; "now" is always passed in.
public struct Classifier: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
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
        let (matched, evidence) = state.signalState(now: now)
        let language = state.languageIndex

        var situationMatches: [SituationMatch] = []
        for situation in rules.precedence {
            guard let situationRules = rules.situations[situation] else { continue }
            var held: [RuleMatch] = []
            for rule in situationRules.rules where rule.when.holds(matched) {
                var contributing: [Int] = []
                rule.when.contributing(matched, into: &contributing)
                var seen = Set<Int>()
                let ids = contributing.filter { seen.insert($0).inserted }.map { rules.signals[$0].id }
                held.append(RuleMatch(id: rule.id, signals: ids))
            }
            if !held.isEmpty { situationMatches.append(SituationMatch(situation: situation, rules: held)) }
        }
        let fallback = situationMatches.isEmpty
        let engineSituation = situationMatches.first?.situation ?? rules.fallback
        let situation = override?.0 ?? engineSituation
        let situationRules = rules.situations[situation]!

        // Expectations: the situation's defaults plus those raised by matched signals, ranked.
        var scored: [(Expectation, Int, Int)] = []   // expectation, score, default position
        for (canonical, expectation) in Expectation.allCases.enumerated() {
            let raised = rules.expectations[expectation]?.raisedBy.reduce(0) { $0 + (matched[$1] ? 1 : 0) } ?? 0
            let defaultPosition = situationRules.expectations.firstIndex(of: expectation)
            let score = raised + (defaultPosition == nil ? 0 : 1)
            if score > 0 { scored.append((expectation, score, defaultPosition ?? (100 + canonical))) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
        let expectations = scored.map(\.0)

        var responses: [ChosenResponse] = []
        var uncovered: [Expectation] = []
        for expectation in expectations {
            let candidates = rules.cells[Cell(situation, expectation)] ?? []
            guard let winner = candidates.first(where: { applies(rules.responses[$0], state.supportCase, language, matched) }) else {
                uncovered.append(expectation)
                continue
            }
            let r = rules.responses[winner]
            responses.append(ChosenResponse(
                id: r.id, situation: situation, expectation: expectation,
                say: r.say.text(language), tone: r.tone.text(language), actions: r.actions.list(language),
                owner: r.owner, ownerName: rules.owners[r.owner]?.text(language) ?? r.owner, within: r.within))
        }

        let signals = rules.signals.indices.filter { matched[$0] }.map { SignalMatch(id: rules.signals[$0].id, evidence: evidence[$0]) }
        let opened = state.supportCase.openedAt ?? state.supportCase.events.first(where: { $0.at != nil })?.at
        return Decision(
            caseId: state.supportCase.id,
            language: rules.languages[language],
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
            rulesName: rules.name,
            rulesVersion: rules.version,
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
            case .signal(let i): return .signal(rules.signals[i].id, held: matched[i])
            case .all(let cs): return .all(cs.map(trace), held: c.holds(matched))
            case .any(let cs): return .any(cs.map(trace), held: c.holds(matched))
            case .not(let inner): return .not(trace(inner), held: c.holds(matched))
            }
        }
        return rules.precedence.compactMap { situation in
            guard let s = rules.situations[situation] else { return nil }
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
