/// One problem found in a rules file, with where it is. `relief rules check` lists them all.
public struct RulesProblem: Sendable, Equatable, Error {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var kind: Kind
    /// Where in the file, when the problem has a place.
    public var position: SourcePosition?
    /// The path of the offending field, such as `signals[3].text.et[2]`.
    public var field: String

    public init(_ kind: Kind, at position: SourcePosition?, field: String) {
        self.kind = kind
        self.position = position
        self.field = field
    }

    /// Everything that can be wrong with a rules file. `message` below is the one place that
    /// words them for a person.
    public enum Kind: Sendable, Equatable {
        case syntax(String)
        case unsupportedFormat(found: Int, supported: Int)
        case missingKey(String)
        case wrongType(key: String, expected: String, found: String)
        case unknownKey(String, suggestion: String?)
        case unknownReference(kind: String, name: String, suggestion: String?)
        case duplicateId(kind: String, id: String, first: SourcePosition)
        case empty(String)
        case badDuration(String)
        case badTerm(term: String, reason: String)
        case badValue(key: String, expected: String)
        case missingLanguage(String)
        case detectorCount(Int)
        case missingSituation(String)
        case exampleFailed(signal: String, example: String, shouldMatch: Bool, detail: String)
        case missingExample(signal: String, what: String)
        case emptyCell(Situation, Expectation)
        /// Every response of the cell has conditions, so a case at stake there that meets none of
        /// them (`unless`, each worded as its conditions) gets no advice. `raisedBy` names the
        /// signals that put the expectation at stake when the situation does not by default.
        /// When a milder situation answers the expectation in every case, `milder` names it: a
        /// case that escalates would get less than before.
        case conditionalCell(Situation, Expectation, raisedBy: [String], unless: [String], milder: MilderCover? = nil)
        case unreachableResponse(id: String, beatenBy: String)
        case unusedSignal(String)
        case invalidExample(String)
        case duplicateTerm(term: String, signal: String, first: SourcePosition)
        /// A weighted signal lists a word twice, perhaps as its informal spelling (`spelled`):
        /// one of the two weights would be silently lost.
        case repeatedWeight(word: String, signal: String, first: SourcePosition, spelled: String?)
        /// A weighted signal whose bias alone reaches its likelihood holds for every case.
        case weightedWithoutWords(signal: String, bias: Double, threshold: Double)
        case prefixChain(chain: [String], signal: String)
        /// A more intense situation waits longer (`key` is `firstResponse` or `updateEvery`) than a milder one.
        case slowerThanMilder(Situation, key: String, value: String, milder: Situation, milderValue: String)
        /// A more intense situation has no update cadence where a milder one has one.
        case cadenceMissing(Situation, milder: Situation, milderValue: String)
        /// A response's `within` is longer than its situation's first-response target.
        case withinLongerThanTarget(response: String, within: String, situation: Situation, target: String)
    }

    /// A milder situation that answers an expectation in every case, and the response that does.
    public struct MilderCover: Sendable, Equatable {
        public var situation: Situation
        public var response: String

        public init(_ situation: Situation, _ response: String) {
            self.situation = situation
            self.response = response
        }
    }

    public var severity: Severity {
        switch kind {
        case .unknownKey, .missingExample, .emptyCell, .conditionalCell, .unreachableResponse, .unusedSignal, .duplicateTerm, .prefixChain,
             .slowerThanMilder, .cadenceMissing, .withinLongerThanTarget: return .warning
        default: return .error
        }
    }

    public var message: String {
        switch kind {
        case .syntax(let m):
            return "syntax error: \(m)"
        case .unsupportedFormat(let found, let supported):
            return "rules format \(found) is newer than this relief understands (it reads format \(supported) and older); upgrade relief"
        case .missingKey(let key):
            return "missing required key '\(key)'"
        case .wrongType(let key, let expected, let found):
            return "'\(key)' must be \(expected), found \(found)"
        case .unknownKey(let key, let suggestion):
            return "unknown key '\(key)' is ignored" + hint(suggestion)
        case .unknownReference(let kind, let name, let suggestion):
            return "unknown \(kind) '\(name)'" + hint(suggestion)
        case .duplicateId(let kind, let id, let first):
            return "duplicate \(kind) id '\(id)' (first defined at \(first))"
        case .empty(let what):
            return "\(what) is empty"
        case .badDuration(let text):
            return "'\(text)' is not an ISO 8601 duration such as PT15M, PT4H or P1D (years and months are not allowed: their length varies)"
        case .badTerm(let term, let reason):
            return "term '\(term)' \(reason)"
        case .badValue(let key, let expected):
            return "'\(key)' must be \(expected)"
        case .missingLanguage(let language):
            return "missing the '\(language)' text (every declared language needs one)"
        case .detectorCount(let n):
            return n == 0
                ? "a signal needs one detector: 'text', 'weighted', 'field' or 'history'"
                : "a signal has \(n) detectors; give it exactly one of 'text', 'weighted', 'field' or 'history'"
        case .missingSituation(let name):
            return "situation '\(name)' is missing"
        case .exampleFailed(let signal, let example, let shouldMatch, let detail):
            let verb = shouldMatch ? "should match but did not" : "should not match but did"
            return "signal '\(signal)': example \(example) \(verb)" + (detail.isEmpty ? "" : " (\(detail))")
        case .missingExample(let signal, let what):
            return "signal '\(signal)' has no \(what) example"
        case .emptyCell(let situation, let expectation):
            return "no response for \(situation.rawValue) × \(expectation.rawValue): a case there gets no advice for it"
        case .conditionalCell(let situation, let expectation, let raisedBy, let unless, let milder):
            let raised = raisedBy.isEmpty ? "" : raisedBy.joined(separator: " or ") + " puts it at stake and "
            let escalation = milder.map {
                "; the milder \($0.situation.rawValue) answers it in every case ('\($0.response)'), so a case that becomes \(situation.rawValue) can get less than before"
            } ?? ""
            return "\(situation.rawValue) × \(expectation.rawValue) has no response when " + raised
                + unless.map { "not (\($0))" }.joined(separator: " and ") + escalation + "; a response without 'when' would be the cell's default"
        case .unreachableResponse(let id, let beatenBy):
            return "response '\(id)' can never win: '\(beatenBy)' matches every case it does and wins the tie"
        case .duplicateTerm(let term, let signal, let first):
            return "term '\(term)' of signal '\(signal)' repeats the one at \(first) (after folding case and diacritics)"
        case .repeatedWeight(let word, let signal, let first, let spelled):
            let how = spelled.map { "typed informally ('\($0)') it repeats" } ?? "it repeats"
            return "word '\(word)' of weighted signal '\(signal)' is weighed twice: \(how) the word at \(first) (after folding case and diacritics); give each word one weight"
        case .weightedWithoutWords(let signal, let bias, let threshold):
            return "weighted signal '\(signal)' holds for a case with none of its words: its bias (\(bias)) already reaches the sum its 'atLeast' asks for (\(String(format: "%.3f", threshold))); lower the bias or raise 'atLeast'"
        case .prefixChain(let chain, let signal):
            return "\(chain.count) prefix terms nest inside each other, ending in signal '\(signal)' (\(chain.map { "'\($0)*'" }.joined(separator: " ⊂ "))): every word that starts with all of them is checked against each, so matching slows and takes memory with the chain; keep chains under \(RulesLinter.prefixChainLimit + 1)"
        case .invalidExample(let m):
            return "example case: \(m)"
        case .unusedSignal(let id):
            return "signal '\(id)' is used by no situation rule, expectation or response"
        case .slowerThanMilder(let situation, let key, let value, let milder, let milderValue):
            let what = key == "updateEvery" ? "update cadence" : "first-response target"
            return "\(situation.rawValue) has a longer \(what) (\(value)) than the milder \(milder.rawValue) (\(milderValue)): a more intense situation must never wait longer"
        case .cadenceMissing(let situation, let milder, let milderValue):
            return "\(situation.rawValue) has no update cadence ('updateEvery'), but the milder \(milder.rawValue) has one (\(milderValue)): a more intense situation must never hear from us less often"
        case .withinLongerThanTarget(let response, let within, let situation, let target):
            return "response '\(response)' is due within \(within), longer than the \(situation.rawValue) first-response target (\(target)): the first reply would come without it"
        }
    }

    private func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The problem as a person reads it, placed in `file`.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(severity == .error ? .error : .warning, file: file, position: position, field: field, message: message)
    }

    /// `file:line:column: error: message [field]`, the form editors and CI logs understand.
    public func formatted(file: String) -> String {
        diagnostic(file: file).description
    }
}
