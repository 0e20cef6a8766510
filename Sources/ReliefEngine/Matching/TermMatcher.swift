/// Finds every term of a rule set in a text in one pass over its words.
///
/// Each folded word is looked up once in a hash table of whole words and walked once through a
/// trie of all prefixes; the patterns it satisfies are written down. Terms are then confirmed
/// from those lists: single words directly, phrases by their first word and the next words,
/// proximity terms by their first word and a look around it. The cost per message grows with its
/// length, not with the number of terms, so a ten times larger lexicon costs little more per case.
public final class TermMatcher: Sendable {
    /// Words of one language that change how nearby terms count, and its marker words.
    public struct LanguageWords: Sendable, Equatable {
        /// Folded words that cancel a negatable term standing shortly after them.
        public var negators: [String]
        /// Folded phrases that cancel a negatable term standing shortly before them
        /// ("viga pole", "probleemi ei ole").
        public var postNegators: [[String]]
        /// Folded common words, counted to detect the language.
        public var markers: [String]

        public init(negators: [String] = [], postNegators: [[String]] = [], markers: [String] = []) {
            self.negators = negators
            self.postNegators = postNegators
            self.markers = markers
        }
    }

    /// How far, in words, negation and proximity reach. Neither reaches across the end of a
    /// clause (negation) or a sentence (proximity).
    public struct Windows: Sendable, Equatable {
        /// Negator before a negatable term.
        public var negation = 2
        /// Negator before a `~` term.
        public var negatedTerm = 5
        /// Post-negator after a negatable term.
        public var postNegation = 2
        /// Distance from the first word of a proximity term to each of the others.
        public var proximity = 4

        public init(negation: Int = 2, negatedTerm: Int = 5, postNegation: Int = 2, proximity: Int = 4) {
            self.negation = negation
            self.negatedTerm = negatedTerm
            self.postNegation = postNegation
            self.proximity = proximity
        }
    }

    public let terms: [Term]
    public let windows: Windows
    /// The negators, post-negators and markers of each language, as given.
    public let languageWords: [LanguageWords]
    private let exact: WordTable          // folded word -> word id
    private let prefixes: PrefixTrie      // folded prefix -> prefix pattern id (offset by exactCount)
    private let exactCount: Int
    /// One-word terms grouped by their pattern id: the terms of pattern p are
    /// `singleTerms[singleStart[p]..<singleStart[p + 1]]`.
    private let singleStart: ConstantBuffer<Int32>
    private let singleTerms: ConstantBuffer<Int32>
    /// Phrases grouped by their first word's pattern and, within a group, sorted by their second
    /// word's pattern (`phraseSecond`, -1 for `_`), so the next word finds its candidates by
    /// binary search instead of trying every phrase that starts with a common word such as "ei".
    private let phraseStart: ConstantBuffer<Int32>
    private let phraseTerms: ConstantBuffer<Int32>
    private let phraseSecond: ConstantBuffer<Int32>
    /// Proximity terms grouped by their first word's pattern.
    private let proximityStart: ConstantBuffer<Int32>
    private let proximityTerms: ConstantBuffer<Int32>
    /// Each term's word pattern ids (-1 for `_`), flattened.
    private let wordStart: ConstantBuffer<Int32>
    private let wordPatterns: ConstantBuffer<Int32>
    /// Per term: 0 plain, 1 cancelled by a negator, 2 needs a negator before it.
    private let negationMode: ConstantBuffer<UInt8>
    /// Per term: the bit of its language.
    private let languageBit: ConstantBuffer<UInt8>
    /// Per exact word id: the languages it is a negator of, a marker of, and whose post-negator
    /// phrases it begins (bit masks).
    private let negatorMask: ConstantBuffer<UInt8>
    private let markerMask: ConstantBuffer<UInt8>
    private let postNegatorFirst: ConstantBuffer<UInt8>
    /// Post-negator phrases as word ids, with their language bit.
    private let postNegators: [(words: [Int32], bit: UInt8)]

    static let anyPattern: Int32 = -1

    public init(terms: [Term], languages: [LanguageWords], windows: Windows = Windows()) {
        self.terms = terms
        self.windows = windows
        self.languageWords = languages
        var exactIds: [FoldedKey: Int32] = [:]
        func exactId(_ w: String) -> Int32 {
            let key = FoldedKey(w)
            if let id = exactIds[key] { return id }
            let id = Int32(exactIds.count)
            exactIds[key] = id
            return id
        }
        // Exact words first, so their ids are dense from zero.
        for term in terms { for w in term.words where !w.isPrefix && !w.isAny { _ = exactId(w.text) } }
        for language in languages {
            for n in language.negators { _ = exactId(n) }
            for phrase in language.postNegators { for w in phrase { _ = exactId(w) } }
            for m in language.markers { _ = exactId(m) }
        }
        let exactCount = exactIds.count
        var prefixIds: [FoldedKey: Int32] = [:]
        for term in terms {
            for w in term.words where w.isPrefix && prefixIds[FoldedKey(w.text)] == nil {
                prefixIds[FoldedKey(w.text)] = Int32(exactCount + prefixIds.count)
            }
        }
        self.exactCount = exactCount
        let patternCount = exactCount + prefixIds.count

        var singles = Array(repeating: [Int32](), count: patternCount)
        var phrases = Array(repeating: [(second: Int32, term: Int32)](), count: patternCount)
        var proximity = Array(repeating: [Int32](), count: patternCount)
        var wordStart: [Int32] = [0]
        var wordPatterns: [Int32] = []
        for (index, term) in terms.enumerated() {
            let ids = term.words.map { w -> Int32 in
                if w.isAny { return Self.anyPattern }
                return w.isPrefix ? prefixIds[FoldedKey(w.text)]! : exactIds[FoldedKey(w.text)]!
            }
            wordPatterns += ids
            wordStart.append(Int32(wordPatterns.count))
            guard let first = ids.first, first >= 0 else { continue }
            if term.isProximity {
                proximity[Int(first)].append(Int32(index))
            } else if ids.count == 1 {
                singles[Int(first)].append(Int32(index))
            } else {
                phrases[Int(first)].append((ids[1], Int32(index)))
            }
        }
        var singleStart: [Int32] = [0], singleTerms: [Int32] = []
        var phraseStart: [Int32] = [0], phraseTerms: [Int32] = [], phraseSecond: [Int32] = []
        var proximityStart: [Int32] = [0], proximityTerms: [Int32] = []
        for p in 0..<patternCount {
            singleTerms += singles[p]
            singleStart.append(Int32(singleTerms.count))
            for entry in phrases[p].sorted(by: { ($0.second, $0.term) < ($1.second, $1.term) }) {
                phraseTerms.append(entry.term)
                phraseSecond.append(entry.second)
            }
            phraseStart.append(Int32(phraseTerms.count))
            proximityTerms += proximity[p]
            proximityStart.append(Int32(proximityTerms.count))
        }
        self.singleStart = ConstantBuffer(singleStart)
        self.singleTerms = ConstantBuffer(singleTerms)
        self.phraseStart = ConstantBuffer(phraseStart)
        self.phraseTerms = ConstantBuffer(phraseTerms)
        self.phraseSecond = ConstantBuffer(phraseSecond)
        self.proximityStart = ConstantBuffer(proximityStart)
        self.proximityTerms = ConstantBuffer(proximityTerms)
        self.wordStart = ConstantBuffer(wordStart)
        self.wordPatterns = ConstantBuffer(wordPatterns)
        self.negationMode = ConstantBuffer(terms.map { $0.requiresNegation ? 2 : ($0.negatable ? 1 : 0) })
        self.languageBit = ConstantBuffer(terms.map { $0.language < 8 ? UInt8(1 << $0.language) : 0 })

        var negatorMask = Array(repeating: UInt8(0), count: exactCount)
        var markerMask = Array(repeating: UInt8(0), count: exactCount)
        var postNegatorFirst = Array(repeating: UInt8(0), count: exactCount)
        var postNegators: [(words: [Int32], bit: UInt8)] = []
        for (language, words) in languages.enumerated() where language < 8 {
            let bit = UInt8(1 << language)
            for n in words.negators { negatorMask[Int(exactIds[FoldedKey(n)]!)] |= bit }
            for m in words.markers { markerMask[Int(exactIds[FoldedKey(m)]!)] |= bit }
            for phrase in words.postNegators where !phrase.isEmpty {
                let ids = phrase.map { exactIds[FoldedKey($0)]! }
                postNegatorFirst[Int(ids[0])] |= bit
                postNegators.append((ids, bit))
            }
        }
        self.negatorMask = ConstantBuffer(negatorMask)
        self.markerMask = ConstantBuffer(markerMask)
        self.postNegatorFirst = ConstantBuffer(postNegatorFirst)
        self.postNegators = postNegators
        self.exact = WordTable(exactIds.map { (Array($0.key.text.utf8), $0.value) })
        self.prefixes = PrefixTrie(prefixIds.map { (Array($0.key.text.utf8), $0.value) })
    }

    /// Every language's negators and marker words: too common to be a term on their own.
    public var stopWords: [String] {
        languageWords.flatMap { $0.negators + $0.markers + $0.postNegators.flatMap { $0 } }
    }

    /// The longest chain of nested prefixes (`ab*`, `abc*`, `abcd*`): how many prefix patterns
    /// one word can satisfy at most. `rules check` warns when it is long.
    public var longestPrefixChain: Int { prefixes.maxMatches }

    /// Scratch space reused between calls, so a scan allocates nothing in the steady state.
    /// The buffers only grow, and only as far as a text needs: `satisfied` holds the patterns
    /// words actually satisfied, not a reservation for the most any word could.
    public struct Scratch: Sendable {
        var folded = FoldedText()
        /// Per word, plus one past the end.
        var words: [WordInfo] = []
        var satisfied: [Int32] = []
        public init() {}

        /// How many pattern slots the scratch holds: what a text has cost in memory so far.
        public var patternCapacity: Int { satisfied.count }

        mutating func reserve(tokens: Int) {
            if words.count < tokens + 2 { words = Array(repeating: WordInfo(), count: max(tokens + 2, words.count * 2)) }
            if satisfied.count < tokens * 2 + 8 { satisfied = Array(repeating: 0, count: max(tokens * 2 + 8, satisfied.count)) }
        }
    }

    /// What a scan knows about one word: where its satisfied patterns start, its exact word id
    /// (or -1), and the languages for which it negates what follows and what precedes.
    struct WordInfo: Sendable {
        var satisfiedStart: Int32 = 0
        var exactWord: Int32 = -1
        var negates: UInt8 = 0
        var postNegates: UInt8 = 0
    }

    /// What one scan found.
    public struct ScanResult: Sendable, Equatable {
        public var hits: [TermHit] = []
        /// Marker words found per language index.
        public var markerCounts: [Int] = []
        /// How many words the texts scanned so far have.
        public var words = 0
        public init() {}
    }

    /// Scans `text` and appends every term hit to `result`.
    public func scan(_ text: String, scratch: inout Scratch, into result: inout ScanResult, languageCount: Int = 0) {
        scratch.folded.load(text)
        let count = scratch.folded.tokenCount
        result.words += count
        if result.markerCounts.count < languageCount {
            result.markerCounts.append(contentsOf: repeatElement(0, count: languageCount - result.markerCounts.count))
        }
        scratch.reserve(tokens: count)
        findPatterns(&scratch, count: count, markerCounts: &result.markerCounts, languages: min(languageCount, 8))
        scratch.folded.withBuffers { _, tokens in
            scratch.words.withUnsafeMutableBufferPointer { words in
                if !postNegators.isEmpty { markPostNegators(words, tokens, count: count) }
                scratch.satisfied.withUnsafeBufferPointer { satisfied in
                    let context = Confirmation(
                        matcher: self, words: UnsafeBufferPointer(words), satisfied: satisfied, tokens: tokens, count: count)
                    context.confirmAll(into: &result.hits)
                }
            }
        }
    }

    /// Step 1: the patterns each word satisfies, its negator bits, and the marker counts. When
    /// `satisfied` runs out of room the pass stops, grows it and goes on from that word.
    private func findPatterns(_ scratch: inout Scratch, count: Int, markerCounts: inout [Int], languages: Int) {
        var t = 0
        var written = 0
        let most = 1 + prefixes.maxMatches
        while true {
            let finished = scratch.folded.withBuffers { bytes, tokens in
                scratch.words.withUnsafeMutableBufferPointer { words in
                    scratch.satisfied.withUnsafeMutableBufferPointer { out in
                        exact.withLookup { exact in
                            prefixes.withWalker { walker in
                                while t < count {
                                    if written + most > out.count { return false }
                                    words[t].satisfiedStart = Int32(written)
                                    let p = bytes.baseAddress! + Int(tokens[t].foldedStart)
                                    let n = Int(tokens[t].foldedEnd - tokens[t].foldedStart)
                                    let id = exact.find(p, n)
                                    words[t].exactWord = id
                                    words[t].postNegates = 0
                                    if id >= 0 {
                                        out[written] = id
                                        written += 1
                                        words[t].negates = negatorMask[Int(id)]
                                        let mask = markerMask[Int(id)]
                                        if mask != 0 {
                                            for language in 0..<languages where mask & (1 << language) != 0 { markerCounts[language] += 1 }
                                        }
                                    } else {
                                        words[t].negates = 0
                                    }
                                    written += walker.walk(p, n, into: out.baseAddress! + written)
                                    t += 1
                                }
                                words[count].satisfiedStart = Int32(written)
                                words[count + 1].satisfiedStart = Int32(written)
                                return true
                            }
                        }
                    }
                }
            }
            if finished { return }
            scratch.satisfied.append(contentsOf: repeatElement(0, count: max(scratch.satisfied.count, most + 8)))
        }
    }

    /// Step 2: marks the words that begin a post-negator phrase ("pole", "ei ole").
    private func markPostNegators(_ words: UnsafeMutableBufferPointer<WordInfo>, _ tokens: UnsafeBufferPointer<FoldedToken>, count: Int) {
        for t in 0..<count {
            let id = words[t].exactWord
            guard id >= 0, postNegatorFirst[Int(id)] != 0 else { continue }
            for (ids, bit) in postNegators where ids[0] == id && t + ids.count <= count {
                var all = true
                for k in 1..<ids.count where words[t + k].exactWord != ids[k] || tokens[t + k].clauseStart { all = false; break }
                if all { words[t].postNegates |= bit }
            }
        }
    }

    /// Step 3: confirming terms from the satisfied patterns, word by word: phrases, proximity,
    /// and negation in both directions. This runs for each word of each message.
    struct Confirmation {
        let matcher: TermMatcher
        let words: UnsafeBufferPointer<WordInfo>
        let satisfied: UnsafeBufferPointer<Int32>
        let tokens: UnsafeBufferPointer<FoldedToken>
        let count: Int

        func confirmAll(into hits: inout [TermHit]) {
            let m = matcher
            for i in 0..<count {
                var k = Int(words[i].satisfiedStart)
                let end = Int(words[i + 1].satisfiedStart)
                while k < end {
                    let pattern = Int(satisfied[k])
                    k += 1
                    var s = Int(m.singleStart[pattern])
                    let sEnd = Int(m.singleStart[pattern + 1])
                    while s < sEnd {
                        accept(Int(m.singleTerms[s]), first: i, last: i, into: &hits)
                        s += 1
                    }
                    phrases(startingAt: i, pattern: pattern, into: &hits)
                    proximity(anchoredAt: i, pattern: pattern, into: &hits)
                }
            }
        }

        @inline(__always)
        func satisfies(_ token: Int, _ pattern: Int32) -> Bool {
            if pattern == TermMatcher.anyPattern { return !tokens[token].clauseStart }
            var k = Int(words[token].satisfiedStart)
            let end = Int(words[token + 1].satisfiedStart)
            while k < end {
                if satisfied[k] == pattern { return true }
                k += 1
            }
            return false
        }

        /// Phrases that start with `pattern` at word `i`.
        @inline(__always)
        func phrases(startingAt i: Int, pattern: Int, into hits: inout [TermHit]) {
            let lo = Int(matcher.phraseStart[pattern]), hi = Int(matcher.phraseStart[pattern + 1])
            guard lo < hi, i + 1 < count else { return }
            // `_` second words sort first (-1); then each pattern of the next word.
            if matcher.phraseSecond[lo] == TermMatcher.anyPattern && !tokens[i + 1].clauseStart {
                confirm(lo, hi, second: TermMatcher.anyPattern, at: i, into: &hits)
            }
            var q = Int(words[i + 1].satisfiedStart)
            let qEnd = Int(words[i + 2].satisfiedStart)
            while q < qEnd {
                confirm(lo, hi, second: satisfied[q], at: i, into: &hits)
                q += 1
            }
        }

        @inline(__always)
        private func confirm(_ lo: Int, _ hi: Int, second: Int32, at i: Int, into hits: inout [TermHit]) {
            let m = matcher
            var a = lo, b = hi
            while a < b {
                let mid = (a + b) >> 1
                if m.phraseSecond[mid] < second { a = mid + 1 } else { b = mid }
            }
            while a < hi && m.phraseSecond[a] == second {
                let term = Int(m.phraseTerms[a])
                a += 1
                let wStart = Int(m.wordStart[term])
                let length = Int(m.wordStart[term + 1]) - wStart
                let last = i + length - 1
                if last >= count { continue }
                var all = true
                var j = 2
                while j < length {
                    if !satisfies(i + j, m.wordPatterns[wStart + j]) { all = false; break }
                    j += 1
                }
                if all { accept(term, first: i, last: last, into: &hits) }
            }
        }

        /// Proximity terms whose first word is `pattern` at word `i`: each other word must stand
        /// within the window, in the same sentence; the nearest occurrence counts.
        @inline(__always)
        func proximity(anchoredAt i: Int, pattern: Int, into hits: inout [TermHit]) {
            let m = matcher
            var p = Int(m.proximityStart[pattern])
            let end = Int(m.proximityStart[pattern + 1])
            guard p < end else { return }
            let window = m.windows.proximity
            // The sentence around word i, cut to the window.
            var from = i
            while from > 0 && i - from < window && !tokens[from].sentenceStart { from -= 1 }
            var to = i
            while to + 1 < count && to + 1 - i <= window && !tokens[to + 1].sentenceStart { to += 1 }
            while p < end {
                let term = Int(m.proximityTerms[p])
                p += 1
                let wStart = Int(m.wordStart[term])
                let wEnd = Int(m.wordStart[term + 1])
                var low = i, high = i
                var all = true
                for w in (wStart + 1)..<wEnd {
                    let wanted = m.wordPatterns[w]
                    var found = -1
                    var d = 1
                    while found < 0 && (i - d >= from || i + d <= to) {
                        if i + d <= to && satisfies(i + d, wanted) {
                            found = i + d
                        } else if i - d >= from && satisfies(i - d, wanted) {
                            found = i - d
                        }
                        d += 1
                    }
                    if found < 0 { all = false; break }
                    low = min(low, found)
                    high = max(high, found)
                }
                if all { accept(term, first: low, last: high, into: &hits, proximity: true) }
            }
        }

        /// Records the hit of `term` over words `first...last` unless negation says otherwise.
        @inline(__always)
        func accept(_ term: Int, first: Int, last: Int, into hits: inout [TermHit], proximity: Bool = false) {
            let mode = matcher.negationMode[term]
            if mode != 0 {
                let bit = matcher.languageBit[term]
                let window = mode == 2 ? matcher.windows.negatedTerm : matcher.windows.negation
                var negated = negatorBefore(first, window: window, bit: bit)
                if mode == 1 && !negated {
                    // Between the words of a proximity term ("arve ei ole vale"), or after the
                    // term ("viga pole").
                    if proximity && last > first { negated = negatorBefore(last, window: window, bit: bit, notBefore: first + 1) }
                    if !negated { negated = postNegatorAfter(last, bit: bit) }
                }
                if negated != (mode == 2) { return }
            }
            hits.append(TermHit(term: term, sourceStart: tokens[first].sourceStart, sourceEnd: tokens[last].sourceEnd))
        }

        /// Whether a negator of the language stands within `window` words before word `i`, in its clause.
        @inline(__always)
        private func negatorBefore(_ i: Int, window: Int, bit: UInt8, notBefore floor: Int = 0) -> Bool {
            if tokens[i].clauseStart { return false }
            var back = i - 1
            while back >= floor && back >= i - window {
                if words[back].negates & bit != 0 { return true }
                if tokens[back].clauseStart { return false }
                back -= 1
            }
            return false
        }

        /// Whether a post-negator of the language begins within the window after word `last`, in its clause.
        @inline(__always)
        private func postNegatorAfter(_ last: Int, bit: UInt8) -> Bool {
            var next = last + 1
            while next < count && next - last <= matcher.windows.postNegation {
                if tokens[next].clauseStart { return false }
                if words[next].postNegates & bit != 0 { return true }
                next += 1
            }
            return false
        }
    }

    /// Convenience for tests and examples: the hits of one text.
    public func hits(in text: String) -> [TermHit] {
        var scratch = Scratch()
        var result = ScanResult()
        scan(text, scratch: &scratch, into: &result)
        return result.hits
    }
}
