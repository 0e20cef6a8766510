/// Finds every term of a rule set in a text in one pass over its words.
///
/// Each folded word is looked up once in a hash table of whole words and, for the lengths that
/// prefixes have, in a hash table of prefixes. Phrases are indexed by their first word and
/// confirmed word by word. The cost per message grows with its length, not with the number of
/// terms, so a ten times larger lexicon costs little more per case.
public struct TermMatcher: Sendable {
    public let terms: [Term]
    private let exact: WordTable          // folded word -> word id
    private let prefixes: WordTable       // folded prefix -> prefix pattern id (offset by exactCount)
    private let exactCount: Int
    private let prefixLengths: [Int]
    /// Terms grouped by the pattern id of their first word.
    private let termsByFirstPattern: [[Int32]]
    /// Each term's word pattern ids.
    private let termPatterns: [[Int32]]
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

        var byFirst = Array(repeating: [Int32](), count: patternCount)
        var termPatterns: [[Int32]] = []
        for (index, words) in patterns.enumerated() {
            let ids = words.map { $0.1 ? prefixIds[$0.0]! : exactIds[$0.0]! }
            termPatterns.append(ids)
            if let first = ids.first { byFirst[Int(first)].append(Int32(index)) }
        }
        self.termsByFirstPattern = byFirst
        self.termPatterns = termPatterns

        var negatorWord = Array(repeating: false, count: exactCount)
        for n in negators { negatorWord[Int(exactIds[n]!)] = true }
        var markerMask = Array(repeating: UInt8(0), count: exactCount)
        for (language, list) in markers.enumerated() where language < 8 {
            for m in list { markerMask[Int(exactIds[m]!)] |= UInt8(1 << language) }
        }
        self.negatorWord = negatorWord
        self.markerMask = markerMask
        self.exact = WordTable(exactIds.map { (Array($0.key.utf8), $0.value) })
        self.prefixes = WordTable(prefixIds.map { (Array($0.key.utf8), $0.value) })
        self.prefixLengths = prefixes.lengths.sorted()
    }

    /// Scratch space reused between calls, so a scan allocates nothing in the steady state.
    public struct Scratch: Sendable {
        var folded = FoldedText()
        var satisfiedStart: [Int32] = []
        var satisfied: [Int32] = []
        var negator: [Bool] = []
        public init() {}
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
        let tokens = scratch.folded.tokens
        if result.markerCounts.count < languageCount {
            result.markerCounts.append(contentsOf: repeatElement(0, count: languageCount - result.markerCounts.count))
        }
        scratch.satisfiedStart.removeAll(keepingCapacity: true)
        scratch.satisfied.removeAll(keepingCapacity: true)
        scratch.negator.removeAll(keepingCapacity: true)
        scratch.folded.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for token in tokens {
                scratch.satisfiedStart.append(Int32(scratch.satisfied.count))
                let p = base + Int(token.foldedStart)
                let n = Int(token.foldedEnd - token.foldedStart)
                var isNegator = false
                if let id = exact.lookup(p, n, hash: WordTable.hash(p, n)) {
                    let word = Int(id)
                    scratch.satisfied.append(id)
                    isNegator = negatorWord[word]
                    let mask = markerMask[word]
                    if mask != 0 {
                        for language in 0..<min(languageCount, 8) where mask & (1 << language) != 0 {
                            result.markerCounts[language] += 1
                        }
                    }
                }
                scratch.negator.append(isNegator)
                if !prefixLengths.isEmpty {
                    // Incremental hash: probe only at the lengths some prefix has.
                    var h: UInt64 = 0xcbf29ce484222325
                    var next = 0
                    for k in 0..<n {
                        h = (h ^ UInt64(p[k])) &* 0x100000001b3
                        while next < prefixLengths.count && prefixLengths[next] < k + 1 { next += 1 }
                        if next == prefixLengths.count { break }
                        if prefixLengths[next] == k + 1, let id = prefixes.lookup(p, k + 1, hash: h) {
                            scratch.satisfied.append(id)
                        }
                    }
                }
            }
            scratch.satisfiedStart.append(Int32(scratch.satisfied.count))
        }

        let satisfiedStart = scratch.satisfiedStart
        let satisfied = scratch.satisfied
        @inline(__always) func tokenSatisfies(_ token: Int, _ pattern: Int32) -> Bool {
            var k = Int(satisfiedStart[token])
            let end = Int(satisfiedStart[token + 1])
            while k < end {
                if satisfied[k] == pattern { return true }
                k += 1
            }
            return false
        }

        for i in 0..<tokens.count {
            var k = Int(satisfiedStart[i])
            let end = Int(satisfiedStart[i + 1])
            while k < end {
                let pattern = Int(satisfied[k])
                k += 1
                if pattern >= termsByFirstPattern.count { continue }
                for termIndex in termsByFirstPattern[pattern] {
                    let ids = termPatterns[Int(termIndex)]
                    let last = i + ids.count - 1
                    if last >= tokens.count { continue }
                    var all = true
                    var j = 1
                    while j < ids.count {
                        if !tokenSatisfies(i + j, ids[j]) { all = false; break }
                        j += 1
                    }
                    if !all { continue }
                    let term = terms[Int(termIndex)]
                    if term.negatable || term.requiresNegation {
                        // Look back for a negator, within the window and the clause.
                        let window = term.requiresNegation ? negatedTermWindow : negationWindow
                        var negated = false
                        var back = i - 1
                        if !tokens[i].clauseStart {
                            while back >= 0 && back >= i - window {
                                if scratch.negator[back] { negated = true; break }
                                if tokens[back].clauseStart { break }
                                back -= 1
                            }
                        }
                        if negated != term.requiresNegation { continue }
                    }
                    result.hits.append(TermHit(term: Int(termIndex), matched: scratch.folded.original(from: i, to: last), firstToken: i))
                }
            }
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
