import Foundation

/// The running state of one case: what its messages and history have shown so far.
///
/// Events are applied one at a time and each message is scanned once, so replaying a case with
/// k events costs about k times one event. `decide(now:)` can be called after any event.
public struct CaseEvaluation: Sendable {
    public let classifier: Classifier
    /// The case's header (id, channel, customer, attributes); its events are not kept.
    public private(set) var supportCase: SupportCase

    /// Text evidence found so far, in the order found: at most `evidencePerSignal` per signal,
    /// none twice. One flat list, because a message matches a handful of signals out of dozens.
    private var found: [Found] = []
    /// The same for weighted signals, kept apart so the search for a text term's repeated
    /// evidence does not walk the many common words a learned signal holds.
    private var weightedFound: [Found] = []
    /// Per signal, how many pieces of evidence `found` or `weightedFound` holds.
    private var evidenceCounts: [UInt8]
    /// The weighted words the customer's texts contain, a bit each (`Core.termWeightBit`):
    /// each counts once however often it is written. Beside them, each weighted signal's bias
    /// plus the weights of its words found so far, in millionths, so a decision compares one
    /// number and the sum does not depend on the order the words were found in.
    private var weightedWords: [UInt64]
    private var weightedSums: [Int64]
    private var markerCounts: [Int]
    private var letterCounts: [Int]
    /// Words scanned, and how many of them a term or a marker knew: what tells a text in a
    /// language the rules do not speak.
    private var words = 0
    private var knownWords = 0
    /// Amounts, temperatures, intensity and scripts of the customer's texts, when the rules ask
    /// for them or the language must be detected.
    private(set) var facts = TextFacts()
    private let wantsFacts: Bool
    private var workspace: Workspace

    // History facts.
    private(set) var customerMessages = 0
    /// Promises not yet kept: no agent message and no resolution came after their due time.
    private(set) var openPromises: [Promise] = []
    /// The oldest customer message with no agent reply after it: how long the customer has waited.
    private(set) var firstUnansweredAt: Date?
    /// The time of the last agent message that had one: what an update cadence counts from.
    private(set) var lastAgentMessageAt: Date?
    private var firstEventTime: Date?
    /// True while the case's last word is a resolved or closed status (a customer message or a
    /// reopened status after it opens the case again).
    private(set) var resolved = false
    private(set) var reopened = false
    /// Channels of customer messages, one bit per channel (`Channel.position`).
    private var channels: UInt32 = 0
    /// Field signals (bit k for `fieldSignals[k]`, the first 64) tested once, and which of them
    /// hold. Fields come from the case's header, which events never change; only tests on the
    /// detected language can change, so those are tested at each decision.
    private var fieldsTested: UInt64 = 0
    private var fieldsHolding: UInt64 = 0

    static let evidencePerSignal = 12

    /// The language the case names (`customer.language`), -1 when the rules do not speak it,
    /// nil when it names none; set only when the rules have Latin spellings to gate.
    private var declaredLanguage: Int?

    private struct Found: Sendable {
        var signal: Int
        /// The term as written (`Core.termSourceKey`): a term and its informal spelling share it.
        var sourceKey: Int32
        var evidence: Evidence
    }

    /// Buffers a scan needs, kept between cases by callers that classify many
    /// (`Classifier.classify(_:now:workspace:)`), so a steady stream allocates little.
    public struct Workspace: Sendable {
        var scratch = TermMatcher.Scratch()
        var scan = TermMatcher.ScanResult()
        public init() {}
    }

    /// Takes the case by value and moves its events out, so the header is not copied field by
    /// field on every case.
    init(classifier: Classifier, supportCase: consuming SupportCase, workspace: Workspace = Workspace()) {
        self.classifier = classifier
        self.workspace = workspace
        let core = classifier.core
        markerCounts = Array(repeating: 0, count: core.rules.languages.count)
        letterCounts = markerCounts
        weightedWords = Array(repeating: 0, count: (core.bitWeights.count + 63) / 64)
        weightedSums = core.weightedSignals.map(\.bias)
        evidenceCounts = Array(repeating: 0, count: core.rules.signals.count)
        wantsFacts = core.usesTextFacts || supportCase.customer.language == nil
        if core.hasLatinSpellings, let code = supportCase.customer.language { declaredLanguage = core.rules.languageIndex(code) ?? -1 }
        let events = supportCase.events
        supportCase.events = []
        self.supportCase = supportCase
        // Room for the evidence of a typical case, so the list is not regrown hit by hit.
        found.reserveCapacity(16)
        for k in core.fieldSignals.indices.prefix(64) where !core.fieldSignals[k].test.path.dependsOnMessages {
            fieldsTested |= 1 << UInt64(k)
            if holds(core.fieldSignals[k].test) { fieldsHolding |= 1 << UInt64(k) }
        }
        if let subject = self.supportCase.subject, !subject.isEmpty { scanText(subject) }
        for event in events { apply(event) }
    }

    /// Hands the scan buffers back for the next case.
    consuming func takeWorkspace() -> Workspace { workspace }

    /// Adds one event to the case.
    public mutating func apply(_ event: CaseEvent) {
        if firstEventTime == nil { firstEventTime = event.at }
        switch event.kind {
        case .message(from: .customer, let text, let channel, _):
            customerMessages += 1
            if resolved { reopened = true; resolved = false }
            if firstUnansweredAt == nil { firstUnansweredAt = event.at }
            if let c = channel ?? supportCase.channel { channels |= 1 << UInt32(c.position) }
            if !text.isEmpty { scanText(text) }
        case .message(from: .agent, _, _, let promise):
            firstUnansweredAt = nil
            if let at = event.at {
                lastAgentMessageAt = at
                if !openPromises.isEmpty { openPromises.removeAll { $0.due <= at } }
            }
            if let promise { openPromises.append(promise) }
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

    /// True when a message was longer than the classifier's text limit and was cut.
    private(set) var truncated = false

    private mutating func scanText(_ full: String) {
        let core = classifier.core
        var text = full
        if full.utf8.count > core.textLimit {
            // Cut at a character boundary at or below the limit.
            text = full.utf8.withContiguousStorageIfAvailable { bytes -> String in
                var end = core.textLimit
                while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
            } ?? String(full.prefix(core.textLimit / 4))
            truncated = true
        }
        workspace.scan.hits.removeAll(keepingCapacity: true)
        for i in workspace.scan.markerCounts.indices { workspace.scan.markerCounts[i] = 0 }
        workspace.scan.words = 0
        core.matcher.scan(text, scratch: &workspace.scratch, into: &workspace.scan, languageCount: markerCounts.count)
        words += workspace.scan.words
        knownWords += workspace.scan.hits.count
        if wantsFacts { facts.add(text) }
        // A signal's `except` terms void its hits that share words with them.
        var exceptions: [TermHit] = []
        if core.hasExceptions {
            exceptions = workspace.scan.hits.filter { core.rules.termIsException[$0.term] }
        }
        // A term typed in another script's Latin spelling ("ne rabotaet") counts only when this
        // text's marker words are mostly its language's: "allergi*" from "аллерги*" must not
        // read Estonian "allergiavaba" or English "allergic" as Russian.
        // A case that names its language settles it.
        let latinLeader: Int?
        if !core.hasLatinSpellings {
            latinLeader = nil
        } else if let declared = declaredLanguage {
            latinLeader = declared >= 0 ? declared : nil
        } else {
            latinLeader = Self.leader(workspace.scan.markerCounts)
        }
        var source = text
        source.withUTF8 { bytes in
            for hit in workspace.scan.hits {
                if core.hasLatinSpellings && core.rules.termIsLatinSpelling[hit.term] && core.rules.termLanguage[hit.term] != latinLeader { continue }
                let signal = core.rules.termSignal[hit.term]
                let bit = Int(core.termWeightBit[hit.term])
                if bit >= 0 {
                    let mask: UInt64 = 1 << UInt64(bit & 63)
                    // A weighted word counts once, and its first spelling is its evidence: the
                    // common words a learned signal holds ("the", "minu") are met many times a message.
                    if weightedWords[bit >> 6] & mask != 0 { continue }
                    weightedWords[bit >> 6] |= mask
                    weightedSums[core.bitSignal[bit]] += core.bitWeights[bit]
                    // A word that speaks against the signal is not evidence for it.
                    if core.bitWeights[bit] <= 0 { continue }
                } else if !exceptions.isEmpty {
                    // Only text signals have exceptions; a weighted signal takes none.
                    if core.rules.termIsException[hit.term] { continue }
                    if exceptions.contains(where: { core.rules.termSignal[$0.term] == signal && $0.overlaps(hit) }) { continue }
                }
                // A signal with all the evidence it shows needs no more.
                if evidenceCounts[signal] >= Self.evidencePerSignal { continue }
                let words = UnsafeBufferPointer(rebasing: bytes[Int(hit.sourceStart)..<Int(hit.sourceEnd)])
                let key = core.termSourceKey[hit.term]
                // A weighted word gets here once (its bit was new), so only a text term's
                // evidence can have been seen already.
                if bit < 0 {
                    let seen = found.withUnsafeBufferPointer { list in
                        list.indices.contains { list[$0].signal == signal && list[$0].sourceKey == key && Self.sameText(list[$0].evidence.matched, words) }
                    }
                    if seen { continue }
                }
                // Only a new piece of evidence is copied out of the text.
                evidenceCounts[signal] += 1
                let piece = Found(signal: signal, sourceKey: key, evidence: Evidence(term: core.termSource[hit.term], matched: String(decoding: words, as: UTF8.self)))
                if bit < 0 { found.append(piece) } else { weightedFound.append(piece) }
            }
        }
        for (i, n) in workspace.scan.markerCounts.enumerated() where i < markerCounts.count {
            markerCounts[i] += n
            knownWords += n
        }
        if core.hasLetters {
            if let masks = core.letterMasks {
                masks.count(in: text, into: &letterCounts)
            } else {
                LetterMasks.count(in: text, sets: core.rules.languageLetters, into: &letterCounts)
            }
        }
    }

    /// The language with the most marker words in one text, or nil when none leads alone.
    private static func leader(_ counts: [Int]) -> Int? {
        var best: Int?
        var bestCount = 0
        var tied = false
        for (i, n) in counts.enumerated() where n > 0 {
            if n > bestCount { best = i; bestCount = n; tied = false } else if n == bestCount { tied = true }
        }
        return tied ? nil : best
    }

    /// Whether `string` and `words` are the same text as Swift compares strings: the same bytes,
    /// or (only when either is outside ASCII) canonically equivalent, such as a precomposed "ä"
    /// and "a" with a combining mark, which count as one piece of evidence.
    private static func sameText(_ string: String, _ words: UnsafeBufferPointer<UInt8>) -> Bool {
        if same(string, words) { return true }
        if string.utf8.allSatisfy({ $0 < 0x80 }) && words.allSatisfy({ $0 < 0x80 }) { return false }
        return string == String(decoding: words, as: UTF8.self)
    }

    /// Whether `string` is exactly the UTF-8 bytes `words`.
    @inline(__always)
    private static func same(_ string: String, _ words: UnsafeBufferPointer<UInt8>) -> Bool {
        let utf8 = string.utf8
        if utf8.count != words.count { return false }
        return utf8.withContiguousStorageIfAvailable { own in
            own.count == 0 || memcmp(own.baseAddress!, words.baseAddress!, own.count) == 0
        } ?? utf8.elementsEqual(words)
    }

    /// The language the playbook is worded in: the customer's when the rules speak it,
    /// else the one whose marker words and letters the texts show most, else the default.
    var languageIndex: Int { language.index }

    /// The customer's language as the rules see it: an index for the wording, and whether the
    /// text is in a language the rules do not speak (`und`; the wording is then the default).
    ///
    /// Undetermined when the case names a language the rules do not speak, when most letters are
    /// of a script no language of the rules claims, or when a text of at least `undeterminedMinWords` words has fewer than
    /// one word in `undeterminedRatio` that a term or a marker word knows.
    var language: (index: Int, undetermined: Bool) {
        let core = classifier.core
        let fallback = core.rules.defaultLanguage
        if let code = supportCase.customer.language {
            if let index = core.rules.languageIndex(code) { return (index, false) }
            return (fallback, true)
        }
        var best = fallback
        var bestScore = 0
        var letters = 0
        for i in core.rules.languages.indices {
            let score = markerCounts[i] + letterCounts[i]
            letters += letterCounts[i]
            if score > bestScore { best = i; bestScore = score }
        }
        // Letters a language claims (Cyrillic, when the rules read Russian) are its own, not
        // another script's.
        if facts.otherScriptLetters > facts.latinLetters + letters { return (fallback, true) }
        if words >= Self.undeterminedMinWords && (knownWords + letters) * Self.undeterminedRatio < words { return (fallback, true) }
        return (best, false)
    }

    static let undeterminedMinWords = 5
    static let undeterminedRatio = 12

    /// The case's opening time: `openedAt`, else the first event time seen.
    var openedAt: Date? { supportCase.openedAt ?? firstEventTime }

    /// Which signals hold at `now`, by signal index. Cheap: no evidence is worded.
    func matchedSignals(now: Date?) -> [Bool] {
        let core = classifier.core
        var matched = Array(repeating: false, count: core.rules.signals.count)
        for (signal, count) in evidenceCounts.enumerated() where count > 0 { matched[signal] = true }
        for k in core.weightedSignals.indices { matched[core.weightedSignals[k].index] = weightedHolds(k) }
        for k in core.fieldSignals.indices {
            let bit: UInt64 = k < 64 ? 1 << UInt64(k) : 0
            let held = fieldsTested & bit != 0 ? fieldsHolding & bit != 0 : holds(core.fieldSignals[k].test)
            if held { matched[core.fieldSignals[k].index] = true }
        }
        for (index, fact) in core.historySignals where holds(fact, now: now) { matched[index] = true }
        return matched
    }

    /// Signal `index`'s pieces of `found`, in the order found. Counted first, so the list is
    /// allocated once at its size: a decision asks for the evidence of every signal that holds.
    private static func evidence(of index: Int, in found: [Found]) -> [Evidence] {
        var count = 0
        for f in found where f.signal == index { count += 1 }
        var list: [Evidence] = []
        list.reserveCapacity(count)
        for f in found where f.signal == index { list.append(f.evidence) }
        return list
    }

    /// The likelihood a weighted sum in millionths stands for, to three decimals: what
    /// `likelihood.ID` fields test and show as evidence.
    static func likelihood(micro sum: Int64) -> Double {
        (1000 / (1 + exp(-Double(sum) / 1_000_000))).rounded() / 1000
    }

    /// Whether the weighted words found so far reach weighted signal `k`'s threshold.
    private func weightedHolds(_ k: Int) -> Bool {
        weightedSums[k] >= classifier.core.weightedSignals[k].threshold
    }

    /// Why signal `index` holds: the words found for a text signal, the value for a field or
    /// history signal. Empty when it does not hold.
    func evidence(_ index: Int, now: Date?) -> [Evidence] {
        let core = classifier.core
        switch core.signalKinds[index] {
        case .weighted(let k) where !weightedHolds(k):
            return []
        case .text:
            return Self.evidence(of: index, in: found)
        case .weighted:
            return Self.evidence(of: index, in: weightedFound)
        case .field(let k):
            let test = core.fieldSignals[k].test
            guard holds(test) else { return [] }
            return [Evidence(term: core.evidenceTerms[index], matched: fieldValue(test.path)?.display ?? "missing", kind: .value)]
        case .history(let k):
            let fact = core.historySignals[k].fact
            guard holds(fact, now: now) else { return [] }
            let observation = observed(fact, now: now)
            return [Evidence(term: core.evidenceTerms[index], matched: observation.evidenceValue, kind: .history(observation))]
        }
    }

    private func fieldValue(_ path: FieldPath) -> AttributeValue? {
        switch path {
        case .channel: return supportCase.channel.map { .string($0.rawValue) }
        case .journey: return supportCase.journey.map { .string($0.rawValue) }
        case .stage: return supportCase.stage.map { .string($0.rawValue) }
        case .language:
            let language = self.language
            return .string(language.undetermined ? Decision.undeterminedLanguage : classifier.core.rules.languages[language.index])
        case .text(let fact): return facts[fact].map { .number($0) }
        case .segment: return supportCase.customer.segment.map { .string($0) }
        case .tenureMonths: return supportCase.customer.tenureMonths.map { .number($0) }
        case .customerId: return supportCase.customer.id.map { .string($0) }
        case .attribute(let key):
            guard let v = supportCase.attributes[key], v != .null else { return nil }
            return v
        case .likelihood(_, let signal):
            guard case .weighted(let k) = classifier.core.signalKinds[signal] else { return nil }
            return .number(Self.likelihood(micro: weightedSums[k]))
        }
    }

    private func holds(_ test: FieldTest) -> Bool {
        let value = fieldValue(test.path)
        for comparison in test.comparisons where !FieldEvaluation.holds(comparison, value) { return false }
        return true
    }

    private func secondsWaiting(now: Date?) -> Double {
        guard let since = firstUnansweredAt, let now else { return 0 }
        return max(0, now.timeIntervalSince(since))
    }

    private func overduePromise(now: Date?) -> Date? {
        guard let now else { return nil }
        var earliest: Date?
        for promise in openPromises where promise.due < now && (earliest == nil || promise.due < earliest!) { earliest = promise.due }
        return earliest
    }

    private func holds(_ fact: HistoryFact, now: Date?) -> Bool {
        switch fact {
        case .customerMessages(let tests):
            let n = Double(customerMessages)
            return tests.allSatisfy { $0.holds(n) }
        case .hoursWaiting(let tests):
            let hours = secondsWaiting(now: now) / 3600
            return tests.allSatisfy { $0.holds(hours) }
        case .promiseOverdue(let wanted):
            return (overduePromise(now: now) != nil) == wanted
        case .reopened(let wanted):
            return reopened == wanted
        case .channelChanged(let wanted):
            return (channels.nonzeroBitCount >= 2) == wanted
        }
    }

    /// What the history shows for `fact` at `now`.
    private func observed(_ fact: HistoryFact, now: Date?) -> HistoryObservation {
        switch fact {
        case .customerMessages:
            return .customerMessages(customerMessages)
        case .hoursWaiting:
            return .waiting(seconds: secondsWaiting(now: now))
        case .promiseOverdue:
            guard let due = overduePromise(now: now), let now else { return .noPromiseOverdue }
            return .promiseOverdue(due: due, bySeconds: now.timeIntervalSince(due))
        case .reopened:
            return .reopened(reopened)
        case .channelChanged:
            return .channels(Channel.allCases.filter { channels & (1 << UInt32($0.position)) != 0 })
        }
    }

    /// `x` with one decimal, exactly as `printf("%.1f")` words it (ties to even on the exact
    /// binary value), without going through Foundation's formatter on every decision.
    static func oneDecimal(_ x: Double) -> String {
        // Below 1e14, ten times the value keeps a fraction in its 52 bits, which the rounding needs.
        guard x.isFinite, abs(x) < 1e14 else { return String(format: "%.1f", x) }
        let magnitude = abs(x)
        let product = magnitude * 10
        // The rounding error of the product, exactly: product + error == magnitude * 10.
        let error = (-product).addingProduct(magnitude, 10)
        var tenths = product.rounded(.down)
        let fraction = product - tenths
        if fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && tenths.truncatingRemainder(dividingBy: 2) != 0))) {
            tenths += 1
        }
        // Digits written backwards into a small buffer: a decision words several of these,
        // and joining strings cost more than the arithmetic.
        var n = Int(tenths)
        let negative = x < 0 && n != 0
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw -> String in
            var k = raw.count
            func put(_ byte: UInt8) { k -= 1; raw[k] = byte }
            put(0x30 + UInt8(n % 10))
            put(0x2E)
            n /= 10
            repeat {
                put(0x30 + UInt8(n % 10))
                n /= 10
            } while n > 0
            if negative { put(0x2D) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[k...]), as: UTF8.self)
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
            if x == y { return true }
            if let ascii = asciiEqualIgnoringCase(x, y) { return ascii }
            return x.caseInsensitiveCompare(y) == .orderedSame
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .number(let y)), (.number(let y), .string(let x)): return Double(x) == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// Case-insensitive equality of two ASCII strings without Foundation; nil when either is not ASCII.
    static func asciiEqualIgnoringCase(_ x: String, _ y: String) -> Bool? {
        var equal = x.utf8.count == y.utf8.count
        var a = x.utf8.makeIterator(), b = y.utf8.makeIterator()
        while let p = a.next() {
            let q = b.next() ?? 0
            if p >= 0x80 || q >= 0x80 { return nil }
            if equal {
                let lp = p &- 0x41 < 26 ? p | 0x20 : p
                let lq = q &- 0x41 < 26 ? q | 0x20 : q
                if lp != lq { equal = false }
            }
        }
        while let q = b.next() {
            if q >= 0x80 { return nil }
        }
        return equal
    }

    static func number(_ v: AttributeValue?) -> Double? {
        switch v {
        case .number(let n): return n
        case .string(let s): return Double(s)
        default: return nil
        }
    }
}
