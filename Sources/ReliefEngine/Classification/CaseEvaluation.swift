import Foundation

/// The running state of one case: what its messages and history have shown so far.
///
/// Events are applied one at a time and each message is scanned once, so replaying a case with
/// k events costs about k times one event. `decide(now:)` can be called after any event.
public struct CaseEvaluation: Sendable {
    public let classifier: Classifier
    public private(set) var supportCase: SupportCase

    /// Evidence per signal index, for text signals found so far.
    private var textEvidence: [[Evidence]]
    private var markerCounts: [Int]
    private var letterCounts: [Int]
    private var scratch = TermMatcher.Scratch()
    private var scan = TermMatcher.ScanResult()

    // History facts.
    private(set) var customerMessages = 0
    private var openPromises: [Date] = []
    private var firstUnansweredAt: Date?
    private var resolved = false
    private(set) var reopened = false
    private var channels = Set<Channel>()
    /// All folded words of customer text seen so far, kept only when asked (replay's fallback report).
    public private(set) var customerTexts: [String] = []
    private let keepTexts: Bool

    init(classifier: Classifier, supportCase: SupportCase, keepTexts: Bool) {
        self.classifier = classifier
        self.keepTexts = keepTexts
        let core = classifier.core
        textEvidence = Array(repeating: [], count: core.rules.signals.count)
        markerCounts = Array(repeating: 0, count: core.rules.languages.count)
        letterCounts = Array(repeating: 0, count: core.rules.languages.count)
        var header = supportCase
        let events = header.events
        header.events = []
        self.supportCase = header
        if let subject = supportCase.subject, !subject.isEmpty { scanText(subject) }
        for event in events { apply(event) }
    }

    /// Adds one event to the case.
    public mutating func apply(_ event: CaseEvent) {
        supportCase.events.append(event)
        switch event.kind {
        case .message(from: .customer, let text, let channel, _):
            customerMessages += 1
            if resolved { reopened = true; resolved = false }
            if firstUnansweredAt == nil { firstUnansweredAt = event.at }
            if let c = channel ?? supportCase.channel { channels.insert(c) }
            if !text.isEmpty { scanText(text) }
        case .message(from: .agent, _, _, let promise):
            firstUnansweredAt = nil
            if let at = event.at { openPromises.removeAll { $0 <= at } }
            if let promise { openPromises.append(promise.due) }
        case .status(let status):
            switch status {
            case "resolved", "closed", "solved":
                resolved = true
                openPromises.removeAll()
            case "reopened", "reopen":
                reopened = true
                resolved = false
            default:
                break
            }
        case .feedback:
            break
        }
    }

    private mutating func scanText(_ text: String) {
        let core = classifier.core
        scan.hits.removeAll(keepingCapacity: true)
        for i in scan.markerCounts.indices { scan.markerCounts[i] = 0 }
        core.rules.matcher.scan(text, scratch: &scratch, into: &scan, languageCount: core.rules.languages.count)
        for hit in scan.hits {
            let signal = core.rules.termSignal[hit.term]
            let evidence = Evidence(term: core.rules.matcher.terms[hit.term].source, matched: hit.matched)
            if textEvidence[signal].count < 12 && !textEvidence[signal].contains(evidence) {
                textEvidence[signal].append(evidence)
            }
        }
        for (i, n) in scan.markerCounts.enumerated() where i < markerCounts.count { markerCounts[i] += n }
        if core.hasLetters {
            for scalar in text.unicodeScalars where scalar.value >= 0x80 {
                for (i, letters) in core.rules.languageLetters.enumerated() where letters.contains(scalar) { letterCounts[i] += 1 }
            }
        }
        if keepTexts { customerTexts.append(text) }
    }

    /// The language the playbook is worded in: the customer's when the rules speak it,
    /// else the one whose marker words and letters the texts show most, else the default.
    var languageIndex: Int {
        let core = classifier.core
        if let code = supportCase.customer.language, let index = core.rules.languageIndex(code) { return index }
        var best = core.rules.defaultLanguage
        var bestScore = 0
        for i in core.rules.languages.indices {
            let score = markerCounts[i] + letterCounts[i]
            if score > bestScore { best = i; bestScore = score }
        }
        return best
    }

    /// Which signals hold at `now`, with evidence.
    func signalState(now: Date?) -> (matched: [Bool], evidence: [[Evidence]]) {
        let core = classifier.core
        var matched = Array(repeating: false, count: core.rules.signals.count)
        var evidence = Array(repeating: [Evidence](), count: core.rules.signals.count)
        for (index, signal) in core.rules.signals.enumerated() {
            switch signal.detector {
            case .text:
                if !textEvidence[index].isEmpty {
                    matched[index] = true
                    evidence[index] = textEvidence[index]
                }
            case .field(let test):
                if let found = evaluate(test) {
                    matched[index] = true
                    evidence[index] = [found]
                }
            case .history(let fact):
                if let found = evaluate(fact, now: now) {
                    matched[index] = true
                    evidence[index] = [found]
                }
            }
        }
        return (matched, evidence)
    }

    private func fieldValue(_ path: FieldPath) -> AttributeValue? {
        let c = supportCase
        switch path {
        case .channel: return c.channel.map { .string($0.rawValue) }
        case .journey: return c.journey.map { .string($0.rawValue) }
        case .stage: return c.stage.map { .string($0.rawValue) }
        case .language: return .string(classifier.core.rules.languages[languageIndex])
        case .segment: return c.customer.segment.map { .string($0) }
        case .tenureMonths: return c.customer.tenureMonths.map { .number($0) }
        case .customerId: return c.customer.id.map { .string($0) }
        case .attribute(let key):
            guard let v = c.attributes[key], v != .null else { return nil }
            return v
        }
    }

    private func evaluate(_ test: FieldTest) -> Evidence? {
        let value = fieldValue(test.path)
        for comparison in test.comparisons where !FieldEvaluation.holds(comparison, value) { return nil }
        let term = test.path.name + " " + test.comparisons.map(\.display).joined(separator: ", ")
        return Evidence(term: term, matched: value?.display ?? "missing")
    }

    private func evaluate(_ fact: HistoryFact, now: Date?) -> Evidence? {
        switch fact {
        case .customerMessages(let tests):
            let n = Double(customerMessages)
            guard tests.allSatisfy({ $0.holds(n) }) else { return nil }
            return Evidence(term: "customerMessages " + tests.map(\.display).joined(separator: ", "), matched: String(customerMessages))
        case .hoursWaiting(let tests):
            var hours = 0.0
            if let since = firstUnansweredAt, let now { hours = max(0, now.timeIntervalSince(since) / 3600) }
            guard tests.allSatisfy({ $0.holds(hours) }) else { return nil }
            return Evidence(term: "hoursWaiting " + tests.map(\.display).joined(separator: ", "), matched: String(format: "%.1f", hours))
        case .promiseOverdue(let wanted):
            let overdue = now.map { now in openPromises.contains { $0 < now } } ?? false
            guard overdue == wanted else { return nil }
            let due = openPromises.filter { now != nil && $0 < now! }.min()
            return Evidence(term: "promiseOverdue", matched: due.map { "due " + ISO8601.format($0) } ?? "no overdue promise")
        case .reopened(let wanted):
            guard reopened == wanted else { return nil }
            return Evidence(term: "reopened", matched: reopened ? "reopened" : "not reopened")
        case .channelChanged(let wanted):
            let changed = channels.count >= 2
            guard changed == wanted else { return nil }
            return Evidence(term: "channelChanged", matched: channels.map(\.rawValue).sorted().joined(separator: ", "))
        }
    }

    /// The decision for the case as it stands, at `now`.
    public func decide(now: Date?, explain: Bool = false, override: (Situation, String)? = nil) -> Decision {
        classifier.decide(self, now: now, explain: explain, override: override)
    }
}

/// How field comparisons hold; strings compare without regard to case.
enum FieldEvaluation {
    static func holds(_ comparison: FieldComparison, _ value: AttributeValue?) -> Bool {
        switch comparison {
        case .exists(let wanted): return (value != nil) == wanted
        case .eq(let expected): return value.map { same($0, expected) } ?? false
        case .ne(let expected): return value.map { !same($0, expected) } ?? false
        case .isIn(let list): return value.map { v in list.contains { same(v, $0) } } ?? false
        case .notIn(let list): return value.map { v in !list.contains { same(v, $0) } } ?? false
        case .gt(let n): return number(value).map { $0 > n } ?? false
        case .gte(let n): return number(value).map { $0 >= n } ?? false
        case .lt(let n): return number(value).map { $0 < n } ?? false
        case .lte(let n): return number(value).map { $0 <= n } ?? false
        }
    }

    static func same(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            // Exact equality first: channel, journey and stage names are already lower case.
            return x == y || x.caseInsensitiveCompare(y) == .orderedSame
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .number(let y)), (.number(let y), .string(let x)): return Double(x) == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    static func number(_ v: AttributeValue?) -> Double? {
        switch v {
        case .number(let n): return n
        case .string(let s): return Double(s)
        default: return nil
        }
    }
}
