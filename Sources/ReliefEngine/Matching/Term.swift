/// One word of a term as the matcher compares it: folded spelling, and whether it is a prefix
/// (`rikk*` matches `rikke`, `rikkega`).
public struct TermWord: Hashable, Sendable {
    public var text: String
    public var isPrefix: Bool

    public init(text: String, isPrefix: Bool) {
        self.text = text
        self.isPrefix = isPrefix
    }
}

/// A compiled text term: a word, a prefix or a phrase, as written in the rules file.
public struct Term: Sendable, Equatable {
    /// The term as the rules author wrote it, shown as evidence.
    public var source: String
    public var words: [TermWord]
    /// False when a negator before it must not cancel it (phrases that start with a negator,
    /// or a signal with `negation: false`).
    public var negatable: Bool
    /// True for `~` terms, which match only after a negator: `~kohale jõudnud` matches
    /// "pole siiani kohale jõudnud" and `~arrived` matches "hasn't arrived", whatever words
    /// stand between, within the negation window.
    public var requiresNegation: Bool

    public init(source: String, words: [TermWord], negatable: Bool, requiresNegation: Bool = false) {
        self.source = source
        self.words = words
        self.negatable = negatable
        self.requiresNegation = requiresNegation
    }

    /// Why a term cannot be compiled, worded for a rules author.
    public enum ParseProblem: Error, Equatable, Sendable {
        case empty
        case starInsideWord(String)
        case starOnly
        case noLetters(String)
    }

    /// Parses `katki`, `rikk*`, `ei tööta`, `ei toimi*` into folded words. A leading `~`
    /// (negation required) is not part of the words; see `requiresNegation`.
    public static func parse(_ source: String) -> Result<[TermWord], ParseProblem> {
        var body = Substring(source)
        if body.hasPrefix("~") { body = body.dropFirst() }
        let pieces = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if pieces.isEmpty { return .failure(.empty) }
        var words: [TermWord] = []
        for piece in pieces {
            var raw = String(piece)
            var isPrefix = false
            if raw.hasSuffix("*") {
                raw.removeLast()
                isPrefix = true
                if raw.isEmpty { return .failure(.starOnly) }
            }
            if raw.contains("*") { return .failure(.starInsideWord(String(piece))) }
            // Punctuation inside a term piece splits it the way it splits the customer's text,
            // so "e-mail" becomes the phrase "e mail" on both sides.
            let folded = TextFolding.fold(raw).split(separator: " ").map(String.init)
            if folded.isEmpty { return .failure(.noLetters(String(piece))) }
            for (index, part) in folded.enumerated() {
                words.append(TermWord(text: part, isPrefix: isPrefix && index == folded.count - 1))
            }
        }
        return .success(words)
    }
}

/// A place where a term matched: which term, and where the customer's own words stand in the
/// scanned text. The words are kept as a range rather than a copy: most hits repeat evidence
/// already found, and a scan should not allocate a string for each of them.
public struct TermHit: Sendable, Equatable {
    public var term: Int
    /// UTF-8 offsets of the matched words in the scanned text.
    public var sourceStart: Int32
    public var sourceEnd: Int32

    /// The customer's own words for this hit in `text`, the text that was scanned.
    public func matched(in text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(sourceStart)..<Int(sourceEnd)]), as: UTF8.self) }
    }
}
