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

    /// A case assessed at a moment: its line in the queue, the full decision, and (when asked)
    /// the situation it was in at its last event before the moment.
    public struct Assessment: Sendable {
        public var item: QueueItem
        public var decision: Decision
        /// The situation as the case stood at its last event, judged at that event's time: what
        /// triage said before time moved it. Nil unless asked for.
        public var previous: Situation?
    }

    /// The case at `now`, or nil when it is not open then: it had not opened yet, or its last
    /// status was resolved or closed with no customer message after it.
    /// - Parameter previous: also judge the case as it stood at its last event (for `--record`).
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
                openedAs = classifier.outcome(evaluation, now: event.at ?? now, override: nil).situation
            }
        }
        if evaluation.resolved { return nil }

        let decision = evaluation.decide(now: now)
        let situationRules = rules.situations[decision.situation]!
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

        let rank = { (s: Situation) in self.rules.precedence.firstIndex(of: s) ?? Int.max }
        let held = decision.situations.first { $0.situation == decision.situation }?.rules.first
        let top = decision.responses.first
        let item = QueueItem(
            caseId: supportCase.id, index: index, situation: decision.situation, openedAs: openedAs,
            rose: openedAs.map { rank(decision.situation) < rank($0) } ?? false,
            rule: held?.id, signals: held?.signals ?? [], fallback: decision.fallback, language: decision.language,
            responseId: top?.id, owner: top?.owner, ownerName: top?.ownerName, next: top?.actions.first,
            deadline: QueueDeadline.earliest(candidates), waitingSince: evaluation.firstUnansweredAt)
        var previous: Situation?
        if wantsPrevious, openedAs != nil {
            previous = classifier.outcome(evaluation, now: lastTime ?? now, override: nil).situation
        }
        return Assessment(item: item, decision: decision, previous: previous)
    }
}
