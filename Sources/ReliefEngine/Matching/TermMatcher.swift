/// Finds every term of a rule set in a text in one pass over its words.
///
/// Each folded word is looked up once in a hash table of whole words and walked once through a
/// trie of all prefixes. Phrases are indexed by their first word and
/// confirmed word by word. The cost per message grows with its length, not with the number of
/// terms, so a ten times larger lexicon costs little more per case.
public struct TermMatcher: Sendable {
    public let terms: [Term]
    private let exact: WordTable          // folded word -> word id
    private let prefixes: PrefixTrie      // folded prefix -> prefix pattern id (offset by exactCount)
    private let exactCount: Int
    /// One-word terms grouped by their pattern id, flattened: the terms of pattern p are
    /// `singleTerms[singleStart[p]..<singleStart[p + 1]]`.
    private let singleStart: [Int32]
    private let singleTerms: [Int32]
    /// Phrases grouped by their first word's pattern and, within a group, sorted by their second
    /// word's pattern (`phraseSecond`), so the next word finds its candidates by binary search
    /// instead of trying every phrase that starts with a common word such as "ei" or "not".
    private let phraseStart: [Int32]
    private let phraseTerms: [Int32]
    private let phraseSecond: [Int32]
    /// Each term's word pattern ids, flattened the same way.
    private let wordStart: [Int32]
    private let wordPatterns: [Int32]
    /// Per term: 0 plain, 1 cancelled by a negator before it, 2 needs a negator before it.
    private let negationMode: [UInt8]
    /// Per exact word id: is it a negator, and which languages count it as a marker (bit mask).
    private let negatorWord: [Bool]
    private let markerMask: [UInt8]
    public let negationWindow: Int
    /// How far back a `~` term looks for its negator.
    public let negatedTermWindow: Int

    /// - Parameters:
    ///   - negators: folded words that cancel a negatable term standing shortly after them.
    ///   - markers: per language (by index), folded common words used to detect the language.
    public init(terms: [Term], negators: [String], markers: [[String]], negationWindow: Int, negatedTermWindow: Int = 5) {
        self.terms = terms
        self.negationWindow = negationWindow
        self.negatedTermWindow = negatedTermWindow
        var exactIds: [String: Int32] = [:]
        var prefixIds: [String: Int32] = [:]
        func exactId(_ w: String) -> Int32 {
            if let id = exactIds[w] { return id }
            let id = Int32(exactIds.count)
            exactIds[w] = id
            return id
        }
        var patterns: [[(String, Bool)]] = []
        for term in terms {
            patterns.append(term.words.map { ($0.text, $0.isPrefix) })
        }
        // Exact words first, so their ids are dense from zero.
        for term in terms { for w in term.words where !w.isPrefix { _ = exactId(w.text) } }
        for n in negators { _ = exactId(n) }
        for list in markers { for m in list { _ = exactId(m) } }
        let exactCount = exactIds.count
        for term in terms {
            for w in term.words where w.isPrefix && prefixIds[w.text] == nil {
                prefixIds[w.text] = Int32(exactCount + prefixIds.count)
            }
        }
        self.exactCount = exactCount
        let patternCount = exactCount + prefixIds.count

        var singles = Array(repeating: [Int32](), count: patternCount)
        var phrases = Array(repeating: [(second: Int32, term: Int32)](), count: patternCount)
        var wordStart: [Int32] = [0]
        var wordPatterns: [Int32] = []
        for (index, words) in patterns.enumerated() {
            let ids = words.map { $0.1 ? prefixIds[$0.0]! : exactIds[$0.0]! }
            wordPatterns += ids
            wordStart.append(Int32(wordPatterns.count))
            guard let first = ids.first else { continue }
            if ids.count == 1 {
                singles[Int(first)].append(Int32(index))
            } else {
                phrases[Int(first)].append((ids[1], Int32(index)))
            }
        }
        var singleStart: [Int32] = [0], singleTerms: [Int32] = []
        var phraseStart: [Int32] = [0], phraseTerms: [Int32] = [], phraseSecond: [Int32] = []
        for p in 0..<patternCount {
            singleTerms += singles[p]
            singleStart.append(Int32(singleTerms.count))
            for entry in phrases[p].sorted(by: { ($0.second, $0.term) < ($1.second, $1.term) }) {
                phraseTerms.append(entry.term)
                phraseSecond.append(entry.second)
            }
            phraseStart.append(Int32(phraseTerms.count))
        }
        self.singleStart = singleStart
        self.singleTerms = singleTerms
        self.phraseStart = phraseStart
        self.phraseTerms = phraseTerms
        self.phraseSecond = phraseSecond
        self.wordStart = wordStart
        self.wordPatterns = wordPatterns
        self.negationMode = terms.map { $0.requiresNegation ? 2 : ($0.negatable ? 1 : 0) }

        var negatorWord = Array(repeating: false, count: exactCount)
        for n in negators { negatorWord[Int(exactIds[n]!)] = true }
        var markerMask = Array(repeating: UInt8(0), count: exactCount)
        for (language, list) in markers.enumerated() where language < 8 {
            for m in list { markerMask[Int(exactIds[m]!)] |= UInt8(1 << language) }
        }
        self.negatorWord = negatorWord
        self.markerMask = markerMask
        self.exact = WordTable(exactIds.map { (Array($0.key.utf8), $0.value) })
        self.prefixes = PrefixTrie(prefixIds.map { (Array($0.key.utf8), $0.value) })
    }

    /// Scratch space reused between calls, so a scan allocates nothing in the steady state.
    /// The buffers only grow; a scan uses their first part.
    public struct Scratch: Sendable {
        var folded = FoldedText()
        var satisfiedStart: [Int32] = []
        var satisfied: [Int32] = []
        var negator: [Bool] = []
        public init() {}

        /// Makes room for a text of `tokens` words, each satisfying at most `perToken` patterns.
        mutating func reserve(tokens: Int, perToken: Int) {
            if satisfiedStart.count < tokens + 2 { satisfiedStart = Array(repeating: 0, count: max(tokens + 2, satisfiedStart.count * 2)) }
            if negator.count < tokens + 1 { negator = Array(repeating: false, count: max(tokens + 1, negator.count * 2)) }
            let needed = tokens * perToken + 1
            if satisfied.count < needed { satisfied = Array(repeating: 0, count: max(needed, satisfied.count * 2)) }
        }
    }

    /// What one scan found.
    public struct ScanResult: Sendable, Equatable {
        public var hits: [TermHit] = []
        /// Marker words found per language index.
        public var markerCounts: [Int] = []
        public init() {}
    }

    /// Scans `text` and appends every term hit to `result`, in text order.
    public func scan(_ text: String, scratch: inout Scratch, into result: inout ScanResult, languageCount: Int = 0) {
        scratch.folded.load(text)
        let count = scratch.folded.tokenCount
        if result.markerCounts.count < languageCount {
            result.markerCounts.append(contentsOf: repeatElement(0, count: languageCount - result.markerCounts.count))
        }
        // Each word satisfies at most one exact pattern and the prefixes on its trie path.
        scratch.reserve(tokens: count, perToken: 1 + prefixes.maxMatches)
        let languages = min(languageCount, 8)
        scratch.folded.withBuffers { bytes, tokens in
        scratch.satisfiedStart.withUnsafeMutableBufferPointer { satisfiedStart in
        scratch.satisfied.withUnsafeMutableBufferPointer { satisfied in
        scratch.negator.withUnsafeMutableBufferPointer { negator in
        exact.withLookup { exact in
        prefixes.withWalker { prefixes in
        negatorWord.withUnsafeBufferPointer { negatorWord in
        markerMask.withUnsafeBufferPointer { markerMask in
            guard let base = bytes.baseAddress, let out = satisfied.baseAddress else { return }
            var written = 0
            for t in 0..<count {
                satisfiedStart[t] = Int32(written)
                let token = tokens[t]
                let p = base + Int(token.foldedStart)
                let n = Int(token.foldedEnd - token.foldedStart)
                var isNegator = false
                let id = exact.find(p, n)
                if id >= 0 {
                    let word = Int(id)
                    out[written] = id
                    written += 1
                    isNegator = negatorWord[word]
                    let mask = markerMask[word]
                    if mask != 0 {
                        for language in 0..<languages where mask & (1 << language) != 0 {
                            result.markerCounts[language] += 1
                        }
                    }
                }
                negator[t] = isNegator
                written += prefixes.walk(p, n, into: out + written)
            }
            satisfiedStart[count] = Int32(written)
        }}}}}}}}

        // Confirm terms word by word, reading every table through unsafe buffers: this loop runs
        // for each word of each message.
        scratch.satisfiedStart.withUnsafeBufferPointer { satisfiedStart in
        scratch.satisfied.withUnsafeBufferPointer { satisfied in
        scratch.negator.withUnsafeBufferPointer { negator in
        scratch.folded.withBuffers { _, tokens in
        singleStart.withUnsafeBufferPointer { singleStart in
        singleTerms.withUnsafeBufferPointer { singleTerms in
        phraseStart.withUnsafeBufferPointer { phraseStart in
        phraseTerms.withUnsafeBufferPointer { phraseTerms in
        phraseSecond.withUnsafeBufferPointer { phraseSecond in
        wordStart.withUnsafeBufferPointer { wordStart in
        wordPatterns.withUnsafeBufferPointer { wordPatterns in
        negationMode.withUnsafeBufferPointer { negationMode in
            @inline(__always) func tokenSatisfies(_ token: Int, _ pattern: Int32) -> Bool {
                var k = Int(satisfiedStart[token])
                let end = Int(satisfiedStart[token + 1])
                while k < end {
                    if satisfied[k] == pattern { return true }
                    k += 1
                }
                return false
            }
            /// Whether the term starting at token `i` survives negation; records the hit if so.
            @inline(__always) func accept(_ termIndex: Int, _ i: Int, _ last: Int) {
                let mode = negationMode[termIndex]
                if mode != 0 {
                    // Look back for a negator, within the window and the clause.
                    let window = mode == 2 ? negatedTermWindow : negationWindow
                    var negated = false
                    var back = i - 1
                    if !tokens[i].clauseStart {
                        while back >= 0 && back >= i - window {
                            if negator[back] { negated = true; break }
                            if tokens[back].clauseStart { break }
                            back -= 1
                        }
                    }
                    if negated != (mode == 2) { return }
                }
                result.hits.append(TermHit(term: termIndex, sourceStart: tokens[i].sourceStart, sourceEnd: tokens[last].sourceEnd))
            }
            for i in 0..<count {
                var k = Int(satisfiedStart[i])
                let end = Int(satisfiedStart[i + 1])
                while k < end {
                    let pattern = Int(satisfied[k])
                    k += 1
                    var t = Int(singleStart[pattern])
                    while t < Int(singleStart[pattern + 1]) {
                        accept(Int(singleTerms[t]), i, i)
                        t += 1
                    }
                    let lo = Int(phraseStart[pattern]), hi = Int(phraseStart[pattern + 1])
                    if lo == hi || i + 1 >= count { continue }
                    // For each pattern of the next word, the phrases whose second word it is.
                    var q = Int(satisfiedStart[i + 1])
                    let qEnd = Int(satisfiedStart[i + 2])
                    while q < qEnd {
                        let second = satisfied[q]
                        q += 1
                        var a = lo, b = hi
                        while a < b {
                            let mid = (a + b) >> 1
                            if phraseSecond[mid] < second { a = mid + 1 } else { b = mid }
                        }
                        while a < hi && phraseSecond[a] == second {
                            let termIndex = Int(phraseTerms[a])
                            a += 1
                            let wStart = Int(wordStart[termIndex])
                            let length = Int(wordStart[termIndex + 1]) - wStart
                            let last = i + length - 1
                            if last >= count { continue }
                            var all = true
                            var j = 2
                            while j < length {
                                if !tokenSatisfies(i + j, wordPatterns[wStart + j]) { all = false; break }
                                j += 1
                            }
                            if all { accept(termIndex, i, last) }
                        }
                    }
                }
            }
        }}}}}}}}}}}}
    }

    /// Convenience for tests and examples: the hits of one text.
    public func hits(in text: String) -> [TermHit] {
        var scratch = Scratch()
        var result = ScanResult()
        scan(text, scratch: &scratch, into: &result)
        return result.hits
    }
}
