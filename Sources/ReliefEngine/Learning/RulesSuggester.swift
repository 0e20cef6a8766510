import Foundation

/// Proposes terms that would have put missed cases where a person put them, and measures each
/// on every labelled case: the tool proposes, a person decides.
///
/// For each miss it collects words, prefixes, adjacent pairs and near pairs from the customer's
/// texts, and the text signals that would fix the miss if they held. Each (term, signal) pair
/// found in enough misses is then tried on all the labelled cases: the signal is switched on
/// from the message the term first matches in (with the matcher's own rules for negation), the
/// situation decided again, and the cases it fixes and breaks are counted.
public struct RulesSuggester: Sendable {
    public struct Options: Sendable {
        /// How many suggestions to keep.
        public var top = 20
        /// Only suggest terms for this signal (by index).
        public var signal: Int?
        /// A candidate must be found in at least this many misses it would fix.
        public var minimumSupport = 2
        /// Suggestions whose precision (percent) is below this are left out.
        public var minimumPrecision = 60.0
        /// How many (term, signal) pairs are measured exactly, best first by misses found in.
        public var measured = 1500

        public init() {}
    }

    public let classifier: Classifier
    public let options: Options

    public init(rules: RuleSet, options: Options = Options()) {
        classifier = Classifier(rules: rules)
        self.options = options
    }

    /// The suggestions for `cases`, best first.
    public func suggest(_ cases: [SuggestionCase]) -> [TermSuggestion] {
        let rules = classifier.rules
        let baseline = cases.map { $0.given(by: classifier) }
        let misses = cases.indices.filter { baseline[$0] != cases[$0].expected }
        let textSignals = rules.signals.indices.filter { index in
            if case .text = rules.signals[index].detector { return options.signal == nil || options.signal == index }
            return false
        }

        // Which signals would fix each miss if they held.
        var fixers: [Int: [Int]] = [:]
        for m in misses {
            let fixing = textSignals.filter { s in
                !cases[m].steps.allSatisfy({ $0.matched[s] }) && cases[m].given(by: classifier, forcing: s) == cases[m].expected
            }
            if !fixing.isEmpty { fixers[m] = fixing }
        }

        // Candidates from the misses, counted per signal that would fix them.
        let skip = Set(rules.matcher.stopWords)
        let existing = Set(rules.matcher.terms.map { $0.source.lowercased() })
        var counts: [PairKey: Int] = [:]
        var seenIn: [CandidateTerm: Int] = [:]
        for (m, signals) in fixers {
            var found = Set<CandidateTerm>()
            for step in cases[m].steps { found.formUnion(CandidateTerm.candidates(in: step.text, skip: skip, window: rules.matcher.windows.proximity)) }
            for candidate in found where !existing.contains(candidate.source) {
                if seenIn[candidate] == nil { seenIn[candidate] = m }
                for s in signals { counts[PairKey(candidate: candidate, signal: s), default: 0] += 1 }
            }
        }
        let pairs = counts.filter { $0.value >= options.minimumSupport }
            .sorted { ($0.value, $1.key.candidate.source, $1.key.signal) > ($1.value, $0.key.candidate.source, $0.key.signal) }
            .prefix(options.measured).map(\.key)
        if pairs.isEmpty { return [] }

        // Measure: where each candidate matches, as the matcher would match it.
        let candidates = Array(Set(pairs.map(\.candidate))).sorted { $0.source < $1.source }
        let occurrences = Self.occurrences(of: candidates, in: cases, rules: rules)
        let index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        var measured: [TermSuggestion] = []
        for pair in pairs {
            let c = index[pair.candidate]!
            var fixed = 0, broken = 0, support = 0
            var target: [Situation: Int] = [:]
            var labelled: [Situation: Int] = [:]
            var example: (Int, Int)?
            for (caseIndex, step) in occurrences[c] {
                let sc = cases[caseIndex]
                support += 1
                let after = sc.given(by: classifier, forcing: pair.signal, from: step)
                let before = baseline[caseIndex]
                if after != before {
                    if after == sc.expected { fixed += 1; target[after, default: 0] += 1; if example == nil { example = (caseIndex, step) } }
                    if before == sc.expected { broken += 1 }
                }
                labelled[sc.expected, default: 0] += 1
            }
            guard fixed > 0, support > 0, let example else { continue }
            let situation = target.max { ($0.value, $1.key.severity) < ($1.value, $0.key.severity) }!.key
            let precision = 100 * Double(labelled[situation] ?? 0) / Double(support)
            guard precision >= options.minimumPrecision, fixed > broken else { continue }
            let exampleCase = cases[example.0]
            measured.append(TermSuggestion(
                term: pair.candidate.source, kind: pair.candidate.kind, word: pair.candidate.word, signal: rules.signals[pair.signal].id,
                situation: situation, fixes: fixed, breaks: broken, support: support, precision: precision,
                exampleCase: exampleCase.caseId, exampleText: exampleCase.steps[example.1].text,
                language: rules.languages[exampleCase.language]))
        }
        return Self.rank(Self.shortestSafePrefixes(measured), top: options.top)
    }

    private struct PairKey: Hashable {
        var candidate: CandidateTerm
        var signal: Int
    }

    /// For each candidate, the (case, first step) where it matches.
    static func occurrences(of candidates: [CandidateTerm], in cases: [SuggestionCase], rules: RuleSet) -> [[(Int, Int)]] {
        // Each candidate is compiled once per language, so that language's negators apply to it.
        let languages = rules.languages.count
        var terms: [Term] = []
        for language in 0..<languages {
            for candidate in candidates {
                let parsed = try! Term.parseTerm(candidate.source).get()
                let negatable = candidate.kind == .word || candidate.kind == .prefix || candidate.kind == .proximity
                terms.append(Term(source: candidate.source, words: parsed.words, negatable: negatable, isProximity: parsed.isProximity, language: language))
            }
        }
        let matcher = TermMatcher(terms: terms, languages: rules.matcher.languageWords, windows: rules.matcher.windows)
        var result = Array(repeating: [(Int, Int)](), count: candidates.count)
        var scratch = TermMatcher.Scratch()
        var scan = TermMatcher.ScanResult()
        for (caseIndex, sc) in cases.enumerated() {
            var first: [Int: Int] = [:]
            for (k, step) in sc.steps.enumerated() {
                scan.hits.removeAll(keepingCapacity: true)
                matcher.scan(step.text, scratch: &scratch, into: &scan)
                for hit in scan.hits where hit.term / candidates.count == sc.language {
                    let c = hit.term % candidates.count
                    if first[c] == nil { first[c] = k }
                }
            }
            for (c, k) in first { result[c].append((caseIndex, k)) }
        }
        for c in result.indices { result[c].sort { $0.0 < $1.0 } }
        return result
    }

    /// Of the prefixes cut from one word for one signal, keeps the shortest that breaks no more
    /// than the whole word does and fixes at least as many: it reaches the word's other forms
    /// without firing inside unrelated words of the labelled cases.
    static func shortestSafePrefixes(_ suggestions: [TermSuggestion]) -> [TermSuggestion] {
        var whole: [String: TermSuggestion] = [:]
        for s in suggestions where s.kind == .word { whole[s.signal + " " + s.word] = s }
        var best: [String: TermSuggestion] = [:]
        var out: [TermSuggestion] = []
        for s in suggestions {
            guard s.kind == .prefix else { out.append(s); continue }
            let key = s.signal + " " + s.word
            let reference = whole[key]
            if let reference, s.breaks > reference.breaks || s.fixes < reference.fixes { continue }
            if let current = best[key], current.term.count <= s.term.count { continue }
            best[key] = s
        }
        // A prefix shared by several words is one suggestion.
        var seen = Set<String>()
        for s in best.values.sorted(by: { ($0.term, $0.signal) < ($1.term, $1.signal) }) where seen.insert(s.signal + " " + s.term).inserted {
            if let reference = whole[s.signal + " " + s.word], s.fixes == reference.fixes && s.breaks == reference.breaks { continue }
            out.append(s)
        }
        return out
    }

    /// Best first: net gain, then precision, then support; ties by term, so output is stable.
    static func rank(_ suggestions: [TermSuggestion], top: Int) -> [TermSuggestion] {
        let sorted = suggestions.sorted {
            ($0.net, $0.precision, $0.support, $1.term, $1.signal) > ($1.net, $1.precision, $1.support, $0.term, $0.signal)
        }
        // One suggestion per term: the signal that gains most.
        var seen = Set<String>()
        return Array(sorted.filter { seen.insert($0.term).inserted }.prefix(top))
    }
}

/// One proposed term, with what adding it to its signal did to the labelled cases.
public struct TermSuggestion: Sendable, Equatable {
    public var term: String
    var kind: CandidateTerm.Kind
    /// The word or words it was taken from.
    public var word: String
    public var signal: String
    /// The situation it moves cases to, most often.
    public var situation: Situation
    /// Misses it fixes and right answers it breaks.
    public var fixes: Int
    public var breaks: Int
    /// Labelled cases it matches.
    public var support: Int
    /// Of those, the share the rules then get right, in percent.
    public var precision: Double
    public var exampleCase: String
    public var exampleText: String
    /// The language of the example.
    public var language: String

    public var net: Int { fixes - breaks }
}
