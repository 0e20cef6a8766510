/// One word of a term as the matcher compares it: folded spelling, and whether it is a prefix
/// (`rikk*` matches `rikke`, `rikkega`) or stands for any word (`_`).
public struct TermWord: Hashable, Sendable {
    public var text: String
    public var isPrefix: Bool
    /// `_`: any one word of the same clause ("cant _" matches "can't log", "can't pay").
    public var isAny: Bool

    public init(text: String, isPrefix: Bool, isAny: Bool = false) {
        self.text = text
        self.isPrefix = isPrefix
        self.isAny = isAny
    }

    public static let any = TermWord(text: "_", isPrefix: false, isAny: true)
}

/// A compiled text term: a word, a prefix, a phrase or a proximity term, as written in the
/// rules file.
public struct Term: Sendable, Equatable {
    /// The term as the rules author wrote it, shown as evidence.
    public var source: String
    public var words: [TermWord]
    /// False when a negator before it must not cancel it (phrases, terms that start with a
    /// negator, or a signal with `negation: false`).
    public var negatable: Bool
    /// True for `~` terms, which match only after a negator: `~kohale jõudnud` matches
    /// "pole siiani kohale jõudnud" and `~arrived` matches "hasn't arrived", whatever words
    /// stand between, within the negation window.
    public var requiresNegation: Bool
    /// True for `arve & vale`: every word within the proximity window of the first, in any
    /// order, in one sentence. Estonian word order is free ("arve on jälle vale", "vale arve").
    public var isProximity: Bool
    /// The language (index) the term was written for: only that language's negators cancel it.
    public var language: Int

    public init(source: String, words: [TermWord], negatable: Bool, requiresNegation: Bool = false, isProximity: Bool = false, language: Int = 0) {
        self.source = source
        self.words = words
        self.negatable = negatable
        self.requiresNegation = requiresNegation
        self.isProximity = isProximity
        self.language = language
    }

    /// Why a term cannot be compiled, worded for a rules author.
    public enum ParseProblem: Error, Equatable, Sendable {
        case empty
        case starInsideWord(String)
        case starOnly
        case noLetters(String)
        /// `_` first, `_` in a proximity term, or a term of only `_`.
        case misplacedAny
        /// `a & b` with a phrase or nothing on one side, or `&` with `~`.
        case badProximity
    }

    /// The shape a term's source text declares.
    public struct Parsed: Equatable, Sendable {
        public var words: [TermWord]
        public var requiresNegation: Bool
        public var isProximity: Bool
    }

    /// Parses `katki`, `rikk*`, `ei tööta`, `ei toimi*`, `cant _`, `~arrived` and `arve & vale*`.
    public static func parseTerm(_ source: String) -> Result<Parsed, ParseProblem> {
        var body = Substring(source)
        let requiresNegation = body.hasPrefix("~")
        if requiresNegation { body = body.dropFirst() }
        // Split on the bytes: spaces and tabs are ASCII, and splitting by `Character` would
        // break every Cyrillic term into graphemes first.
        let pieces = body.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { Substring($0) }
        if pieces.isEmpty { return .failure(.empty) }
        func isSign(_ piece: Substring?, _ sign: Unicode.Scalar) -> Bool { piece?.utf8.count == 1 && piece?.utf8.first == UInt8(sign.value) }
        if pieces.contains(where: { isSign($0, "&") }) {
            // Each side of `&` is one word or prefix.
            guard !requiresNegation, !isSign(pieces.first, "&"), !isSign(pieces.last, "&") else { return .failure(.badProximity) }
            var words: [TermWord] = []
            var expectWord = true
            for piece in pieces {
                if isSign(piece, "&") {
                    if expectWord { return .failure(.badProximity) }
                    expectWord = true
                    continue
                }
                guard expectWord else { return .failure(.badProximity) }
                expectWord = false
                if isSign(piece, "_") { return .failure(.misplacedAny) }
                switch parseWords(piece) {
                case .failure(let p): return .failure(p)
                case .success(let parts):
                    guard parts.count == 1 else { return .failure(.badProximity) }
                    words.append(parts[0])
                }
            }
            return .success(Parsed(words: words, requiresNegation: false, isProximity: true))
        }
        var words: [TermWord] = []
        for piece in pieces {
            if isSign(piece, "_") {
                if words.isEmpty { return .failure(.misplacedAny) }
                words.append(.any)
                continue
            }
            switch parseWords(piece) {
            case .failure(let p): return .failure(p)
            case .success(let parts): words += parts
            }
        }
        return .success(Parsed(words: words, requiresNegation: requiresNegation, isProximity: false))
    }

    /// The folded words of a term, without its shape: what most callers compare.
    public static func parse(_ source: String) -> Result<[TermWord], ParseProblem> {
        parseTerm(source).map(\.words)
    }

    /// One piece of a term: a word, or a prefix with `*` at its end. Punctuation inside a piece
    /// splits it the way it splits the customer's text, so "e-mail" becomes "e mail" on both sides.
    private static func parseWords(_ piece: Substring) -> Result<[TermWord], ParseProblem> {
        var raw = String(piece)
        var isPrefix = false
        if raw.hasSuffix("*") {
            raw.removeLast()
            isPrefix = true
            if raw.isEmpty { return .failure(.starOnly) }
        }
        if raw.utf8.contains(UInt8(ascii: "*")) { return .failure(.starInsideWord(String(piece))) }
        // Most terms are written folded already (lower-case a-z, digits, lower-case Cyrillic):
        // those are one word as they stand, and compiling thousands of them skips the folder.
        let folded = TextFolding.isFoldedWord(raw) ? [raw] : TextFolding.fold(raw).split(separator: " ").map(String.init)
        if folded.isEmpty { return .failure(.noLetters(String(piece))) }
        return .success(folded.enumerated().map { TermWord(text: $0.element, isPrefix: isPrefix && $0.offset == folded.count - 1) })
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

    /// Whether two hits share any of the text.
    public func overlaps(_ other: TermHit) -> Bool {
        sourceStart < other.sourceEnd && other.sourceStart < sourceEnd
    }
}
