import Foundation

/// Re-triages open cases at a moment for the desk: only what had happened by then counts, so
/// waiting time, overdue promises and repeat contacts weigh as they do at that moment.
///
/// Pure and thread-safe: assess many cases on as many threads as you like. Each message is
/// scanned once; the situation the case opened in and the one before this moment come from the
/// same evaluation.
public struct QueueTriage: Sendable {
    public let classifier: Classifier

    public init(rules: RuleSet, textLimit: Int = Classifier.defaultTextLimit) {
        classifier = Classifier(rules: rules, textLimit: textLimit)
    }

    public var rules: RuleSet { classifier.rules }

    /// A case assessed at a moment: its line in the queue and, when asked for, the situation it
    /// was in at its last event before the moment, with the full decision when that differs.
    public struct Assessment: Sendable {
        public var item: QueueItem
        /// The situation as the case stood at its last event, judged at that event's time: what
        /// triage said before time moved it. Nil unless asked for, or without a customer message.
        public var previous: Situation?
        /// The full decision at the moment, made only when `previous` was asked for and differs
        /// from the situation now: what a re-triage records.
        public var decision: Decision?
    }

    /// The case at `now`, or nil when it is not open then: it had not opened yet, or its last
    /// status was resolved or closed with no customer message after it.
    /// - Parameter previous: also judge the case as it stood at its last event and, when that
    ///   differs, decide it in full (for `--record`).
    public func assess(_ supportCase: SupportCase, now: Date, index: Int = 0, previous wantsPrevious: Bool = false) -> Assessment? {
        let opened = supportCase.openedAt ?? supportCase.events.first(where: { $0.at != nil })?.at
        if let opened, opened > now { return nil }
        var header = supportCase
        header.events = []
        var evaluation = classifier.start(header)
        var openedAs: Situation?
        var lastTime: Date?
        for event in supportCase.events {
            if let at = event.at {
                if at > now { continue }
                lastTime = at
            }
            evaluation.apply(event)
            if openedAs == nil && event.isCustomerMessage {
                // Only the leading situation: no expectations or responses are chosen for it.
                openedAs = classifier.situation(evaluation.matchedSignals(now: event.at ?? now))
            }
        }
        if evaluation.resolved { return nil }

        // The line needs only the outcome's indexes: the full decision (every response, all the
        // evidence worded) is made only for a re-triage that is recorded.
        let outcome = classifier.outcome(evaluation, now: now, override: nil)
        let item = line(supportCase.id, index: index, evaluation, outcome, openedAs: openedAs, opened: opened)
        var assessment = Assessment(item: item, previous: nil, decision: nil)
        if wantsPrevious, openedAs != nil {
            let previous = classifier.situation(evaluation.matchedSignals(now: lastTime ?? now))
            assessment.previous = previous
            if previous != item.situation { assessment.decision = evaluation.decide(now: now) }
        }
        return assessment
    }

    /// The queue line of an evaluated case.
    private func line(
        _ id: String, index: Int, _ evaluation: CaseEvaluation, _ o: Classifier.Outcome, openedAs: Situation?, opened: Date?
    ) -> QueueItem {
        let core = classifier.core
        let situationRules = core.situationRules[o.situation.severity]
        var candidates: [QueueDeadline] = []
        if let waiting = evaluation.firstUnansweredAt {
            candidates.append(QueueDeadline(kind: .reply, at: waiting.addingTimeInterval(situationRules.firstResponse.seconds)))
        }
        if let promise = evaluation.openPromises.min(by: { $0.due < $1.due }) {
            candidates.append(QueueDeadline(kind: .promise, at: promise.due, what: promise.what))
        }
        // While a customer message waits, the reply is what is owed; the cadence is for the
        // silence after our last word.
        if evaluation.firstUnansweredAt == nil, let cadence = situationRules.updateEvery,
           let since = evaluation.lastAgentMessageAt ?? opened {
            candidates.append(QueueDeadline(kind: .update, at: since.addingTimeInterval(cadence.seconds)))
        }

        // The reason: the first rule that held in the leading situation, and its signals.
        var rule: String?
        var signals: [String] = []
        if let leading = o.heldSituations.first {
            let condition = o.heldRules[leading.rules.lowerBound]
            rule = core.ruleIds[condition]
            var contributing: [Int] = []
            o.matched.withUnsafeBufferPointer { core.conditions.contributing(condition, $0, into: &contributing) }
            for (n, signal) in contributing.enumerated() where !contributing[..<n].contains(signal) {
                signals.append(core.rules.signals[signal].id)
            }
        }
        let top = o.responses.first.map { core.responseTexts[$0.response][o.language] }
        let rank = { (s: Situation) in core.rules.precedence.firstIndex(of: s) ?? Int.max }
        return QueueItem(
            caseId: id, index: index, situation: o.situation, openedAs: openedAs,
            rose: openedAs.map { rank(o.situation) < rank($0) } ?? false,
            rule: rule, signals: signals, fallback: o.fallback,
            language: o.undetermined ? Decision.undeterminedLanguage : core.rules.languages[o.language],
            responseId: top?.id, owner: top?.owner, ownerName: top?.ownerName, next: top?.actions.first,
            deadline: QueueDeadline.earliest(candidates), waitingSince: evaluation.firstUnansweredAt)
    }
}
