import Foundation

/// One labelled case as `rules suggest` needs it: what a person said its situation was, and,
/// per customer message the measure looks at, the signals that held and the words that came in.
/// Candidate terms are tried against these without running the whole engine again.
public struct SuggestionCase: Sendable {
    public struct Step: Sendable {
        /// Signals that held after this message, by signal index.
        public var matched: [Bool]
        /// The text this message brought in (the subject joins the first).
        public var text: String
    }

    public var caseId: String
    /// Where the label came from: a labels file's line, or an audit log's override.
    public var source: String
    public var expected: Situation
    /// The language the case's words were written in, by rules language index: a candidate
    /// term found in it is compiled for that language, so that language's negators apply.
    public var language: Int
    public var steps: [Step]

    /// Builds the steps of `supportCase` under `classifier`: the first customer message only, or
    /// every customer message for `--peak`.
    public init?(_ supportCase: SupportCase, expected: Situation, source: String, mode: EvalMode, classifier: Classifier) {
        var header = supportCase
        header.events = []
        var evaluation = classifier.start(header)
        var lastTime = supportCase.openedAt
        var steps: [Step] = []
        var pending = supportCase.subject.map { $0 + "\n" } ?? ""
        for event in supportCase.events {
            evaluation.apply(event)
            if let at = event.at { lastTime = at }
            guard case .message(from: .customer, let text, _, _) = event.kind else { continue }
            steps.append(Step(matched: evaluation.matchedSignals(now: event.at ?? lastTime), text: pending + text))
            pending = ""
            if mode == .first { break }
        }
        guard !steps.isEmpty else { return nil }
        caseId = supportCase.id
        self.source = source
        self.expected = expected
        language = evaluation.languageIndex
        self.steps = steps
    }

    /// The situation the rules give when `forced` holds from step `from` on (nil: as is):
    /// the most severe step, as replay's peak, or the only step for a first message.
    func given(by classifier: Classifier, forcing forced: Int? = nil, from: Int = 0) -> Situation {
        var best: Situation?
        for (k, step) in steps.enumerated() {
            var matched = step.matched
            if let forced, k >= from { matched[forced] = true }
            let s = classifier.situation(matched)
            if best == nil || s > best! { best = s }
        }
        return best!
    }
}
