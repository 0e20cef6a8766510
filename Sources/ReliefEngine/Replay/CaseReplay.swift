import Foundation

/// One step of a replay: the engine's decision right after one customer message, taking into
/// account every event up to and including it, with "now" being that message's time.
public struct ReplayStep: Sendable, Equatable {
    /// 1-based: step *n* follows the *n*-th customer message.
    public var step: Int
    /// 1-based position of that customer message among the case's events: the event that moved the case.
    public var event: Int
    /// The message's time (nil when the input gave none).
    public var at: Date?
    /// The leading situation after this message.
    public var situation: Situation
    /// The previous step's situation when this step changed it; nil on step 1 and when it stayed.
    public var movedFrom: Situation?
    /// True when no situation rule matched and the case fell to the rules' fallback.
    public var fallback: Bool
    /// Expectations at stake, most pressing first.
    public var expectations: [Expectation]
    /// Expectations at stake that no response covers.
    public var uncovered: [Expectation]

    /// The ids below, as indexes into `ids`: a replay of a million events keeps numbers, and
    /// words are looked up only when a report is written.
    let ids: ReplayIds
    /// Every signal that holds, in rules-file order.
    let signalIndexes: [Int32]
    /// The signals among them that did not hold at the previous step.
    let raisedIndexes: [Int32]
    /// The situation rules that held (condition indexes), in precedence order.
    let ruleIndexes: [Int32]
    /// The playbook's responses, in expectation rank order.
    let responseIndexes: [Int32]

    /// Ids of every signal that holds at this step, in rules-file order.
    public var signals: [String] { signalIndexes.map { ids.signals[Int($0)] } }
    /// Signals that hold now and did not at the previous step: what this message brought in.
    public var raised: [String] { raisedIndexes.map { ids.signals[Int($0)] } }
    /// Ids of every situation rule that held at this step, in precedence order.
    public var rules: [String] { ruleIndexes.map { ids.rules[Int($0)] } }
    /// The playbook's response ids, in expectation rank order.
    public var responses: [String] { responseIndexes.map { ids.responses[Int($0)] } }

    /// A step is covered when every expectation at stake got a response.
    public var isCovered: Bool { uncovered.isEmpty }

    /// Equal when every field a reader sees is equal, ids compared as text.
    public static func == (a: ReplayStep, b: ReplayStep) -> Bool {
        a.step == b.step && a.event == b.event && a.at == b.at && a.situation == b.situation
            && a.movedFrom == b.movedFrom && a.fallback == b.fallback && a.expectations == b.expectations
            && a.uncovered == b.uncovered && a.signals == b.signals && a.raised == b.raised
            && a.rules == b.rules && a.responses == b.responses
    }
}

/// The step where the customer's tension was highest: the most severe situation of the
/// trajectory, ties going to the earliest step.
public struct ReplayPeak: Sendable, Equatable {
    public var step: Int
    public var situation: Situation
    public var at: Date?
}

/// An answer measured against a deadline: met when it came by `due`.
public protocol DeadlineOutcome {
    var due: Date? { get }
    var answeredAt: Date? { get }
    /// Unanswered, with a deadline after the export was taken (`--as-of`): not yet missed.
    var open: Bool { get }
}

extension DeadlineOutcome {
    /// True when answered by `due`; false when answered late or never; nil when there is no
    /// deadline, or when it is still open.
    public var met: Bool? {
        guard let due, !open else { return nil }
        guard let answeredAt else { return false }
        return answeredAt <= due
    }
}

/// Whether the first agent message after the peak came within the peak situation's
/// first-response target.
public struct ReliefMomentOutcome: DeadlineOutcome, Sendable, Equatable {
    public var situation: Situation
    /// The peak situation's `firstResponse` target.
    public var target: ISODuration
    /// The peak message's time.
    public var peakAt: Date?
    /// `peakAt` plus the target.
    public var due: Date?
    /// The time of the first agent message after the peak message; nil when none came.
    public var answeredAt: Date?
    public var open = false

    /// Seconds from the peak message to the answer.
    public var waitedSeconds: Double? {
        guard let peakAt, let answeredAt else { return nil }
        return answeredAt.timeIntervalSince(peakAt)
    }

    /// Seconds to spare: positive when the answer came before `due`, negative when it was late.
    public var marginSeconds: Double? {
        guard let due, let answeredAt else { return nil }
        return due.timeIntervalSince(answeredAt)
    }
}

/// Whether the case's first agent reply came within the first-response target of the
/// situation the case opened in (its step-1 situation), counted from the case's opening.
public struct FirstResponseOutcome: DeadlineOutcome, Sendable, Equatable {
    public var situation: Situation
    public var target: ISODuration
    /// `openedAt`, else the time of the first event that has one.
    public var openedAt: Date?
    public var due: Date?
    /// The first agent message after the first customer message; nil when none came.
    public var answeredAt: Date?
    public var open = false
}

/// A case replayed under one rules file: its trajectory, peak and relief moment, and what the
/// aggregate reports need from it. Built by `Replayer`; holds nothing of the case's texts.
public struct CaseReplay: Sendable, Equatable {
    public var caseId: String
    /// How many events the case had (messages, status changes, feedback).
    public var events: Int
    /// One step per customer message, in order.
    public var steps: [ReplayStep]
    /// Nil for a case with no customer message.
    public var peak: ReplayPeak?
    public var reliefMoment: ReliefMomentOutcome?
    public var firstResponse: FirstResponseOutcome?
    /// The last CSAT, NPS and CES the case's feedback events gave; nil when there were none.
    public var feedback: Feedback?
    /// True when at no step did any situation rule match.
    public var isFallback: Bool
    /// For a fallback case: folded words of its texts that no signal knows, in order of first
    /// appearance (at most `FallbackVocabulary.wordsPerCase`). Empty otherwise.
    public var unknownWords: [String]
    /// Whether agents kept the update cadence; nil when the case never reached a situation
    /// with one.
    public var cadence: CadenceOutcome? = nil

    /// The situation after the last step: the case's leading situation.
    public var leading: Situation? { steps.last?.situation }

    /// Every response id chosen at any step, in the order they were first chosen.
    public var responsesChosen: [String] {
        var seen = Set<String>()
        var ids: [String] = []
        for step in steps {
            for id in step.responses where seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }
}
