import Foundation

/// When a history was taken, so that a deadline not yet reached is not called missed.
public enum ReplayAsOf: Sendable, Equatable {
    /// The export's time, the same for every case.
    case time(Date)
    /// Each case's own last event: for histories that are snapshots of conversations in progress.
    case caseEnd
}

/// Replays past cases through one rule set, one event at a time.
///
/// A case is evaluated incrementally: its events are applied to one `CaseEvaluation` in order
/// and a decision is taken right after each customer message, with "now" being that message's
/// time. Each message is scanned once, so a case with k events costs about k times one event.
/// Pure and thread-safe: replay many cases on as many threads as you like.
public struct Replayer: Sendable {
    public let classifier: Classifier
    public let vocabulary: FallbackVocabulary
    /// The ids steps name, shared by every step of every case.
    let ids: ReplayIds
    /// When the export was taken: an answer not yet given whose deadline is later is open,
    /// not missed. Nil judges every unanswered deadline as missed.
    public var asOf: ReplayAsOf?

    public init(rules: RuleSet, textLimit: Int = Classifier.defaultTextLimit, asOf: ReplayAsOf? = nil) {
        self.asOf = asOf
        classifier = Classifier(rules: rules, textLimit: textLimit)
        vocabulary = FallbackVocabulary(rules: rules)
        ids = ReplayIds(rules: rules)
    }

    public var rules: RuleSet { classifier.rules }

    private func isOpen(_ outcome: some DeadlineOutcome, caseEnd: Date?) -> Bool {
        guard let asOf, let due = outcome.due, outcome.answeredAt == nil else { return false }
        switch asOf {
        case .time(let time): return due > time
        case .caseEnd: return caseEnd.map { due > $0 } ?? false
        }
    }

    public func replay(_ supportCase: SupportCase) -> CaseReplay {
        var header = supportCase
        header.events = []
        var evaluation = classifier.start(header)
        var steps: [ReplayStep] = []
        var customerEvents: [Int] = []
        var previousSignals: [Int32] = []
        var lastTime: Date? = supportCase.openedAt
        var feedback: Feedback?

        for (index, event) in supportCase.events.enumerated() {
            evaluation.apply(event)
            if let at = event.at { lastTime = at }
            if case .feedback(let f) = event.kind {
                var merged = feedback ?? Feedback()
                if let v = f.csat { merged.csat = v }
                if let v = f.nps { merged.nps = v }
                if let v = f.ces { merged.ces = v }
                feedback = merged
            }
            guard event.isCustomerMessage else { continue }
            let decision = classifier.outcome(evaluation, now: event.at ?? lastTime, override: nil)
            let previous = steps.last?.situation
            var signals: [Int32] = []
            signals.reserveCapacity(16)
            for (signal, held) in decision.matched.enumerated() where held { signals.append(Int32(signal)) }
            steps.append(ReplayStep(
                step: steps.count + 1,
                event: index + 1,
                at: event.at,
                situation: decision.situation,
                movedFrom: previous.flatMap { $0 == decision.situation ? nil : $0 },
                fallback: decision.fallback,
                expectations: decision.expectations,
                uncovered: decision.uncovered,
                ids: ids, signalIndexes: signals, raisedIndexes: Self.added(signals, since: previousSignals),
                ruleIndexes: decision.heldRules.map { Int32($0) }, responseIndexes: decision.responses.map { Int32($0.response) }))
            customerEvents.append(index)
            previousSignals = signals
        }

        var result = CaseReplay(
            caseId: supportCase.id, events: supportCase.events.count, steps: steps,
            peak: nil, reliefMoment: nil, firstResponse: nil, feedback: feedback,
            isFallback: !steps.isEmpty && steps.allSatisfy(\.fallback), unknownWords: [])
        guard let peakIndex = Self.peakIndex(steps) else { return result }

        let peakStep = steps[peakIndex]
        result.peak = ReplayPeak(step: peakStep.step, situation: peakStep.situation, at: peakStep.at)
        let peakTarget = rules.situations[peakStep.situation]!.firstResponse
        result.reliefMoment = ReliefMomentOutcome(
            situation: peakStep.situation, target: peakTarget, peakAt: peakStep.at,
            due: peakStep.at?.addingTimeInterval(peakTarget.seconds),
            answeredAt: Self.firstAgentMessage(in: supportCase.events, after: customerEvents[peakIndex]))

        result.reliefMoment!.open = isOpen(result.reliefMoment!, caseEnd: lastTime)

        let first = steps[0]
        let firstTarget = rules.situations[first.situation]!.firstResponse
        let opened = supportCase.openedAt ?? supportCase.events.first(where: { $0.at != nil })?.at
        result.firstResponse = FirstResponseOutcome(
            situation: first.situation, target: firstTarget, openedAt: opened,
            due: opened?.addingTimeInterval(firstTarget.seconds),
            answeredAt: Self.firstAgentMessage(in: supportCase.events, after: customerEvents[0]))
        result.firstResponse!.open = isOpen(result.firstResponse!, caseEnd: lastTime)
        result.cadence = CadenceOutcome.measure(
            events: supportCase.events, stepEvents: customerEvents, situations: steps.map(\.situation), rules: rules, asOf: asOf)

        if result.isFallback {
            var texts: [String] = []
            if let subject = supportCase.subject { texts.append(subject) }
            for index in customerEvents {
                if case .message(_, let text, _, _) = supportCase.events[index].kind { texts.append(text) }
            }
            result.unknownWords = vocabulary.unknownWords(in: texts)
        }
        return result
    }

    /// The signals of `now` that are not in `before`: what this step raised. Both lists are in
    /// rules-file order (ascending), so one walk along both does it.
    static func added(_ now: [Int32], since before: [Int32]) -> [Int32] {
        var added: [Int32] = []
        var k = 0
        for signal in now {
            while k < before.count && before[k] < signal { k += 1 }
            if k < before.count && before[k] == signal { continue }
            added.append(signal)
        }
        return added
    }

    /// The index of the most severe step, ties to the earliest; nil when there are no steps.
    static func peakIndex(_ steps: [ReplayStep]) -> Int? {
        var best: Int?
        for (i, step) in steps.enumerated() where best == nil || step.situation.severity > steps[best!].situation.severity {
            best = i
        }
        return best
    }

    /// The time of the first agent message with a time after event `index`.
    static func firstAgentMessage(in events: [CaseEvent], after index: Int) -> Date? {
        var i = index + 1
        while i < events.count {
            if case .message(from: .agent, _, _, _) = events[i].kind, let at = events[i].at { return at }
            i += 1
        }
        return nil
    }
}
