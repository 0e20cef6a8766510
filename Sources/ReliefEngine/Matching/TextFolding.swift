/// Folds text so that customers' spelling does not decide whether a term matches:
/// lower case, diacritics removed (`tänan` and `tanan` become one word), apostrophes dropped
/// (`doesn't` and `doesnt` become one word), and everything that is not a letter or digit
/// separating words.
///
/// Works on UTF-8 bytes with an ASCII fast path, because it runs over every message.
public enum TextFolding {
    /// Whether `word` is one word that folding leaves as it is: lower-case ASCII letters and
    /// digits, or lower-case Cyrillic letters other than "ё".
    static func isFoldedWord(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { s in
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x430 && v <= 0x44F)
        }
    }

    /// The folded words of `text`, joined by single spaces: how terms are compiled and how
    /// examples are explained.
    public static func fold(_ text: String) -> String {
        var folded = FoldedText()
        folded.load(text)
        return folded.tokens.map { folded.word($0) }.joined(separator: " ")
    }

    /// The ASCII spelling of a Latin letter with a diacritic, or nil when the scalar has none.
    /// Covers Latin-1 and Latin Extended-A, which hold every letter Estonian and its neighbours use.
    @inline(__always)
    static func asciiFold(_ v: UInt32) -> StaticString? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0xD0, 0xF0, 0x10E...0x111: return "d"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0x134, 0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0xD1, 0xF1, 0x143...0x14B: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0x15A...0x161: return "s"
        case 0xDF: return "ss"
        case 0x162...0x167: return "t"
        case 0xDE, 0xFE: return "th"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0x174, 0x175: return "w"
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        default: return nil
        }
    }

    /// Combining accents, as in decomposed input ("a" followed by U+0308).
    @inline(__always)
    static func isMark(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Characters that join a word rather than split it: ASCII and typographic apostrophes.
    @inline(__always)
    static func isApostrophe(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x2019 || v == 0x2018 || v == 0x2BC || v == 0x60 || v == 0xB4
    }
}

/// One word of a folded text: where it is in the folded bytes and in the original text.
public struct FoldedToken: Sendable, Equatable {
    public var foldedStart: Int32
    public var foldedEnd: Int32
    /// UTF-8 offsets into the original text, so evidence quotes the customer's own spelling.
    public var sourceStart: Int32
    public var sourceEnd: Int32
    /// True when punctuation that ends a clause (`. ! ? ; ,` or a line break) stands before this
    /// word: negation does not reach across it ("Ei. Nüüd töötab", "No, it is broken").
    public var clauseStart: Bool
    /// True when a sentence ends before this word (`. ! ?` or a line break): proximity terms
    /// stay within one sentence.
    public var sentenceStart: Bool
}

/// A folded text: the folded bytes and the words in them. Reused between messages: its
/// buffers only grow, so folding a stream of messages allocates nothing in the steady state.
public struct FoldedText: Sendable {
    /// Folded bytes; only the ranges the tokens name are meaningful.
    private var byteStorage: [UInt8] = []
    private var tokenStorage: [FoldedToken] = []
    /// How many of `tokenStorage` belong to the current text.
    public private(set) var tokenCount = 0
    public private(set) var source: String = ""

    public init() {}

    /// The words of the current text, in order.
    public var tokens: ArraySlice<FoldedToken> { tokenStorage[..<tokenCount] }

    /// Replaces the contents with the folded form of `text`.
    public mutating func load(_ text: String) {
        source = text
        var copy = text
        let count = text.utf8.count
        // Folding writes at most three bytes per input byte (a two-byte letter can become a
        // three-byte lower-case form), and a word is at least one letter plus a separator.
        let byteCapacity = count * 3 + 8
        let tokenCapacity = count / 2 + 2
        if byteStorage.count < byteCapacity {
            byteStorage = Array(repeating: 0, count: max(byteCapacity, byteStorage.count * 2))
        }
        if tokenStorage.count < tokenCapacity {
            let empty = FoldedToken(foldedStart: 0, foldedEnd: 0, sourceStart: 0, sourceEnd: 0, clauseStart: false, sentenceStart: false)
            tokenStorage = Array(repeating: empty, count: max(tokenCapacity, tokenStorage.count * 2))
        }
        tokenCount = copy.withUTF8 { src in
            byteStorage.withUnsafeMutableBufferPointer { out in
                tokenStorage.withUnsafeMutableBufferPointer { tokens in
                    FoldedText.fold(src, into: out.baseAddress!, tokens: tokens.baseAddress!)
                }
            }
        }
    }

    /// Runs `body` with the folded bytes and the tokens through raw pointers, for the matcher.
    func withBuffers<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<FoldedToken>) -> R) -> R {
        byteStorage.withUnsafeBufferPointer { bytes in
            tokenStorage.withUnsafeBufferPointer { tokens in
                body(bytes, UnsafeBufferPointer(rebasing: tokens[..<tokenCount]))
            }
        }
    }

    /// The folded spelling of one token.
    public func word(_ token: FoldedToken) -> String {
        String(decoding: byteStorage[Int(token.foldedStart)..<Int(token.foldedEnd)], as: UTF8.self)
    }

    /// The original text from the start of token `first` to the end of token `last`.
    public func original(from first: Int, to last: Int) -> String {
        let utf8 = source.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: Int(tokenStorage[first].sourceStart))
        let end = utf8.index(utf8.startIndex, offsetBy: Int(tokenStorage[last].sourceEnd))
        return String(Substring(utf8[start..<end]))
    }

    /// Whether an apostrophe before `next` joins the word: only in the negation "n't"
    /// (`doesn't` → `doesnt`). Other contractions split, so "I'll" is "i ll", never "ill", and
    /// "she'll" is never "shell".
    @inline(__always)
    static func joinsAt(_ src: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
        guard next < src.count, src[next] | 0x20 == 0x74 else { return false }   // 't'
        let after = next + 1
        guard after < src.count else { return true }
        let c = src[after]
        let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c >= 0x80
        return !isLetter
    }

    /// Folds `src` into `out`, writing a token per word to `tokens`; returns the number of tokens.
    /// `out` must hold three bytes per input byte, `tokens` half as many tokens as input bytes, plus one.
    static func fold(_ src: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, tokens: UnsafeMutablePointer<FoldedToken>) -> Int {
        var f = Folder(out: out)
        var tokenCount = 0
        let count = src.count
        var i = 0
        while i < count {
            let b = src[i]
            if b < 0x80 {
                // ASCII fast path.
                let lower = b | 0x20
                if lower &- 0x61 < 26 {
                    f.letter(lower, at: i, end: i + 1)
                    i += 1
                    // The rest of a run of ASCII letters, in a tight loop: most of every message.
                    var n = f.n
                    while i < count {
                        let c = src[i] | 0x20
                        if c &- 0x61 >= 26 { break }
                        f.out[n] = c
                        n += 1
                        i += 1
                    }
                    f.n = n
                    f.lastLetterEnd = i
                    continue
                } else if b &- 0x30 < 10 {
                    f.letter(b, at: i, end: i + 1)
                } else if TextFolding.isApostrophe(UInt32(b)) && f.inWord && joinsAt(src, i + 1) {
                    // "n't" joins: doesn't -> doesnt.
                } else {
                    f.close(tokens, &tokenCount)
                    // . ! ? ; , and line breaks end a clause, except the full stop of an Estonian
                    // ordinal ("sündis 3. märtsil tütar", "5. klassi"): a number, then a lower-case word.
                    let ordinal = b == 0x2E && i > 0 && src[i - 1] &- 0x30 < 10 && TextFacts.lowerCaseWordFollows(src, after: i)
                    if !ordinal {
                        if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3B || b == 0x2C || b == 0x0A { f.clauseBreak = true }
                        if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A { f.sentenceBreak = true }
                    }
                }
                i += 1
                continue
            }
            // Decode one multi-byte scalar; invalid sequences separate words.
            var scalar: UInt32 = 0
            var length = 0
            if b & 0xE0 == 0xC0, i + 1 < count { scalar = UInt32(b & 0x1F) << 6 | UInt32(src[i + 1] & 0x3F); length = 2 }
            else if b & 0xF0 == 0xE0, i + 2 < count { scalar = UInt32(b & 0x0F) << 12 | UInt32(src[i + 1] & 0x3F) << 6 | UInt32(src[i + 2] & 0x3F); length = 3 }
            else if b & 0xF8 == 0xF0, i + 3 < count { scalar = UInt32(b & 0x07) << 18 | UInt32(src[i + 1] & 0x3F) << 12 | UInt32(src[i + 2] & 0x3F) << 6 | UInt32(src[i + 3] & 0x3F); length = 4 }
            else { f.close(tokens, &tokenCount); i += 1; continue }

            if let ascii = TextFolding.asciiFold(scalar) {
                ascii.withUTF8Buffer { for c in $0 { f.letter(c, at: i, end: i + length) } }
            } else if TextFolding.isApostrophe(scalar) && f.inWord && joinsAt(src, i + length) {
                // typographic apostrophe in "n't"
            } else if let u = Unicode.Scalar(scalar), u.properties.isAlphabetic || u.properties.numericType != nil {
                // Other scripts: keep the letter, lower-cased.
                if TextFolding.isMark(u) {
                    f.extend(at: i, end: i + length)
                } else {
                    // Russian "ё" is mostly typed "е": one letter, as "ä" is "a".
                    let lowered = scalar == 0x401 || scalar == 0x451 ? "е" : u.properties.isAlphabetic ? u.properties.lowercaseMapping : String(u)
                    // A lower-case form longer than the room left is kept as written.
                    if lowered.utf8.count <= 3 * length {
                        for c in lowered.utf8 { f.letter(c, at: i, end: i + length) }
                    } else {
                        for k in 0..<length { f.letter(src[i + k], at: i, end: i + length) }
                    }
                }
            } else if let u = Unicode.Scalar(scalar), TextFolding.isMark(u) {
                // A combining accent (decomposed input such as "a\u{308}"): drop it, keep the word.
                if f.inWord { f.extend(at: i, end: i + length) }
            } else {
                f.close(tokens, &tokenCount)
                if scalar == 0x2028 || scalar == 0x2029 || scalar == 0x3002 || scalar == 0xFF01 || scalar == 0xFF1F {
                    f.clauseBreak = true
                    f.sentenceBreak = true
                }
            }
            i += length
        }
        f.close(tokens, &tokenCount)
        return tokenCount
    }

    /// The running state of one fold, kept in a struct so it stays in registers.
    struct Folder {
        let out: UnsafeMutablePointer<UInt8>
        var n = 0                    // bytes written
        var tokenStart = -1          // folded offset where the current word began
        var tokenSourceStart = 0
        var lastLetterEnd = 0        // source offset just after the word's last letter
        var clauseBreak = true       // a clause-ending mark since the last word
        var sentenceBreak = true     // a sentence-ending mark since the last word

        init(out: UnsafeMutablePointer<UInt8>) { self.out = out }

        var inWord: Bool { tokenStart >= 0 }

        @inline(__always)
        mutating func letter(_ c: UInt8, at i: Int, end: Int) {
            if tokenStart < 0 { tokenStart = n; tokenSourceStart = i }
            out[n] = c
            n += 1
            lastLetterEnd = end
        }

        @inline(__always)
        mutating func extend(at i: Int, end: Int) {
            if tokenStart < 0 { tokenStart = n; tokenSourceStart = i }
            lastLetterEnd = end
        }

        @inline(__always)
        mutating func close(_ tokens: UnsafeMutablePointer<FoldedToken>, _ tokenCount: inout Int) {
            guard tokenStart >= 0 else { return }
            if n > tokenStart {
                tokens[tokenCount] = FoldedToken(
                    foldedStart: Int32(tokenStart), foldedEnd: Int32(n),
                    sourceStart: Int32(tokenSourceStart), sourceEnd: Int32(lastLetterEnd),
                    clauseStart: clauseBreak, sentenceStart: sentenceBreak)
                tokenCount += 1
                clauseBreak = false
                sentenceBreak = false
            }
            tokenStart = -1
        }
    }
}
