/// A term `rules suggest` might add: a word, a prefix, a pair of adjacent words, or two words
/// near each other, as the customers wrote them (folded).
struct CandidateTerm: Hashable, Sendable {
    /// Two candidates are the same term whatever word they were cut from.
    static func == (a: CandidateTerm, b: CandidateTerm) -> Bool { a.kind == b.kind && a.source == b.source }
    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(source)
    }

    enum Kind: Int, Sendable, Comparable {
        case word, prefix, phrase, proximity
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var kind: Kind
    /// The term as it would be written in the rules file: `delay`, `viivit*`, `never came`, `arve & vale`.
    var source: String
    /// For a prefix: the whole word it was cut from, so the shortest safe cut can be chosen.
    var word: String

    static let linkWords: Set<String> = ["http", "https", "www", "co", "com", "html", "php"]

    /// The candidates a folded text offers: every word of two letters or more that is not a
    /// number, its prefixes from four letters up (when `prefixes`: inflected languages), adjacent pairs in
    /// one clause, and pairs of longer words within `window` words in one sentence. Words in
    /// `skip` (markers, negators) stand alone as candidates only inside pairs.
    static func candidates(in text: String, skip: Set<String>, window: Int, prefixes: Bool) -> Set<CandidateTerm> {
        var folded = FoldedText()
        folded.load(text)
        let tokens = Array(folded.tokens)
        let words = tokens.map { folded.word($0) }
        var out = Set<CandidateTerm>()
        // Links are not words a customer writes ("https", "t.co", "www").
        func isWord(_ w: String) -> Bool { w.count >= 2 && !w.contains(where: \.isNumber) && !linkWords.contains(w) }
        for (i, w) in words.enumerated() where isWord(w) {
            if !skip.contains(w) {
                out.insert(CandidateTerm(kind: .word, source: w, word: w))
                if prefixes && w.count >= 5 {
                    for k in 4...(w.count - 1) { out.insert(CandidateTerm(kind: .prefix, source: String(w.prefix(k)) + "*", word: w)) }
                }
            }
            if i + 1 < words.count, isWord(words[i + 1]), !tokens[i + 1].clauseStart, !(skip.contains(w) && skip.contains(words[i + 1])) {
                let phrase = w + " " + words[i + 1]
                out.insert(CandidateTerm(kind: .phrase, source: phrase, word: phrase))
            }
            guard w.count >= 3, !skip.contains(w) else { continue }
            var j = i + 1
            while j < words.count && j - i <= window && !tokens[j].sentenceStart {
                let v = words[j]
                if v.count >= 3, v != w, !skip.contains(v), isWord(v) {
                    let pair = w < v ? w + " & " + v : v + " & " + w
                    out.insert(CandidateTerm(kind: .proximity, source: pair, word: pair))
                }
                j += 1
            }
        }
        return out
    }
}
