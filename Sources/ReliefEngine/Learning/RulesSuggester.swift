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

        // Which signals would fix each miss if they held. A signal qualifies only when a rule of
        // the labelled situation names it outright: a term belongs where it means something, not
        // in a signal that fixes the case by switching another rule off.
        var leadsTo: [Situation: Set<Int>] = [:]
        for (situation, rules) in rules.situations {
            leadsTo[situation] = rules.rules.reduce(into: Set<Int>()) { $0.formUnion($1.when.positiveSignals) }
        }
        var fixers: [Int: [Int]] = [:]
        for m in misses {
            let fixing = textSignals.filter { s in
                leadsTo[cases[m].expected]?.contains(s) == true
                    && !cases[m].steps.allSatisfy({ $0.matched[s] }) && cases[m].given(by: classifier, forcing: s) == cases[m].expected
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
            // Prefixes are offered for inflected languages only: English forms are few, and a
            // prefix there is harder to read than the word.
            let inflected = rules.languages[cases[m].language] != "en"
            for step in cases[m].steps {
                found.formUnion(CandidateTerm.candidates(in: step.text, skip: skip, window: rules.matcher.windows.proximity, prefixes: inflected))
            }
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
        // Between signals that would do equally well, the one the labelled cases already tie to
        // the situation the term leads to, then the broadest (most terms), is the natural home.
        var affinity: [String: Int] = [:]
        for (i, sc) in cases.enumerated() where baseline[i] == sc.expected {
            for (signal, held) in sc.steps.last!.matched.enumerated() where held {
                affinity[rules.signals[signal].id + " " + sc.expected.rawValue, default: 0] += 1
            }
        }
        var termCounts: [String: Int] = [:]
        for signal in rules.signals { if case .text(let terms) = signal.detector { termCounts[signal.id] = terms.count } }
        for i in measured.indices {
            measured[i].affinity = affinity[measured[i].signal + " " + measured[i].situation.rawValue] ?? 0
            measured[i].signalTerms = termCounts[measured[i].signal] ?? 0
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

    /// Among nested prefixes for one signal (`koik*`, `koiku*`), keeps the shortest that breaks
    /// no more than the longer ones and fixes at least as many: it reaches the word's other forms
    /// without firing inside unrelated words of the labelled cases (`koik*` would hit "kõik",
    /// all). A word such a prefix covers at least as well is then not offered on its own.
    static func shortestSafePrefixes(_ suggestions: [TermSuggestion]) -> [TermSuggestion] {
        var kept: [TermSuggestion] = []
        for p in suggestions.filter({ $0.kind == .prefix }).sorted(by: { ($0.term.count, $1.term, $1.signal) > ($1.term.count, $0.term, $0.signal) }) {
            let stem = String(p.term.dropLast())
            if let k = kept.firstIndex(where: { $0.signal == p.signal && $0.term.hasPrefix(stem) }) {
                let longer = kept[k]
                if p.breaks <= longer.breaks && p.fixes >= longer.fixes { kept[k] = p }
                continue
            }
            kept.append(p)
        }
        var out = suggestions.filter { $0.kind != .prefix && $0.kind != .word }
        out += kept
        for w in suggestions where w.kind == .word {
            let covered = kept.contains { p in
                p.signal == w.signal && w.term.hasPrefix(String(p.term.dropLast())) && p.fixes >= w.fixes && p.breaks <= w.breaks
            }
            if !covered { out.append(w) }
        }
        return out
    }

    /// Best first: net gain, then precision, then support; ties by term, so output is stable.
    static func rank(_ suggestions: [TermSuggestion], top: Int) -> [TermSuggestion] {
        let sorted = suggestions.sorted {
            if ($0.net, $0.precision, $0.support) != ($1.net, $1.precision, $1.support) {
                return ($0.net, $0.precision, $0.support) > ($1.net, $1.precision, $1.support)
            }
            if $0.term != $1.term { return $0.term < $1.term }
            return ($0.affinity, $0.signalTerms, $1.signal) > ($1.affinity, $1.signalTerms, $0.signal)
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
    /// How many rightly decided labelled cases already have this signal and this situation, and
    /// how many terms the signal has: what breaks a tie between signals.
    var affinity = 0
    var signalTerms = 0

    public var net: Int { fixes - breaks }
}
