/// The words a rule set knows: every word of every text term (whole words and prefixes) and
/// every marker word of its languages. Replay uses it to find, in cases that fell to the
/// fallback, the words no signal knows: a starting point for new terms.
public struct FallbackVocabulary: Sendable {
    /// At most this many unknown words are kept per case.
    public static let wordsPerCase = 100

    private let exact: Set<String>
    private let prefixes: [String]
    private let matcher: TermMatcher
    private let languageCount: Int

    public init(rules: RuleSet) {
        var exact = Set<String>()
        var prefixes = Set<String>()
        for term in rules.matcher.terms {
            for word in term.words where !word.isAny {
                if word.isPrefix { prefixes.insert(word.text) } else { exact.insert(word.text) }
            }
        }
        self.exact = exact
        self.prefixes = prefixes.sorted()
        matcher = rules.matcher
        languageCount = rules.languages.count
    }

    /// True when a folded word is a term word, starts with a term prefix, or is a marker word.
    public func knows(_ word: String) -> Bool {
        if exact.contains(word) { return true }
        if prefixes.contains(where: { word.hasPrefix($0) }) { return true }
        var scratch = TermMatcher.Scratch()
        var scan = TermMatcher.ScanResult()
        matcher.scan(word, scratch: &scratch, into: &scan, languageCount: languageCount)
        return !scan.hits.isEmpty || scan.markerCounts.contains { $0 > 0 }
    }

    /// Distinct folded words of `texts` that the rules do not know, in order of first appearance.
    /// Personal data (e-mail addresses, card and phone numbers, personal codes) is masked first;
    /// words shorter than three letters and words with digits are left out.
    public func unknownWords(in texts: [String]) -> [String] {
        var seen = Set<String>()
        var words: [String] = []
        let tokens = [PersonalDataMasker.emailToken, PersonalDataMasker.cardToken, PersonalDataMasker.personalCodeToken, PersonalDataMasker.phoneToken]
        for text in texts {
            var masked = PersonalDataMasker.mask(text)
            for token in tokens where masked.contains(token) { masked = masked.replacingOccurrences(of: token, with: " ") }
            var folded = FoldedText()
            folded.load(masked)
            for token in folded.tokens {
                let word = folded.word(token)
                guard word.count >= 3, !word.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
                guard seen.insert(word).inserted, !knows(word) else { continue }
                words.append(word)
                if words.count == Self.wordsPerCase { return words }
            }
        }
        return words
    }
}

/// Cases that fell to the fallback, and the words in them that no signal knows, counted by the
/// number of fallback cases they appear in.
///
/// Memory is bounded: at most `wordCapacity` distinct words are counted exactly. When twice that
/// many have been seen, only the `wordCapacity` most frequent are kept, so past that point a rare
/// word can lose its earlier count (`approximate` becomes true). At most `exampleLimit` cases are
/// kept as examples.
public struct FallbackWords: Sendable {
    public static let wordCapacity = 20_000
    public static let exampleLimit = 20
    /// Words listed per example case.
    public static let exampleWords = 8

    public struct Example: Sendable, Equatable {
        public var caseId: String
        public var words: [String]
    }

    /// Cases where no situation rule matched at any step.
    public private(set) var cases = 0
    /// Steps, in any case, where no situation rule matched.
    public private(set) var steps = 0
    public private(set) var examples: [Example] = []
    /// True once rare words have been dropped to keep memory bounded.
    public private(set) var approximate = false
    private var counts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ replay: CaseReplay) {
        steps += replay.steps.reduce(0) { $0 + ($1.fallback ? 1 : 0) }
        guard replay.isFallback else { return }
        cases += 1
        if examples.count < Self.exampleLimit {
            examples.append(Example(caseId: replay.caseId, words: Array(replay.unknownWords.prefix(Self.exampleWords))))
        }
        for word in replay.unknownWords { counts[word, default: 0] += 1 }
        if counts.count >= 2 * Self.wordCapacity {
            approximate = true
            counts = Dictionary(uniqueKeysWithValues: ranked(counts).prefix(Self.wordCapacity).map { ($0.word, $0.cases) })
        }
    }

    /// The most frequent unknown words, most cases first, ties in alphabetical order.
    public func topWords(_ limit: Int = 20) -> [(word: String, cases: Int)] {
        Array(ranked(counts).prefix(limit))
    }

    private func ranked(_ counts: [String: Int]) -> [(word: String, cases: Int)] {
        counts.map { (word: $0.key, cases: $0.value) }.sorted {
            $0.cases != $1.cases ? $0.cases > $1.cases : $0.word.utf8.lexicographicallyPrecedes($1.word.utf8)
        }
    }
}
