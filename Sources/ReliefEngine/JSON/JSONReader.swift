#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Byte classes

private enum Byte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let verticalTab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let doubleQuote: UInt8 = 0x22
    static let dollar: UInt8 = 0x24
    static let singleQuote: UInt8 = 0x27
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    /// ASCII bytes that may continue an unquoted key or keyword.
    @inline(__always) static func isWordPart(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == underscore || b == dollar
    }
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        if isDigit(b) { return UInt32(b &- zero) }
        let lower = b | 0x20
        if lower &- 0x61 < 6 { return UInt32(lower &- 0x61 &+ 10) }
        return nil
    }
}

@inline(__always) private func isLineSeparator(_ scalar: UInt32) -> Bool {
    scalar == 0x2028 || scalar == 0x2029
}

/// Non-ASCII characters JSON5 treats as white space (Unicode `Zs` plus the byte order mark).
@inline(__always) private func isExtraSpace(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0xA0, 0xFEFF, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

private func isIdentifierScalar(_ value: UInt32, first: Bool) -> Bool {
    guard let scalar = Unicode.Scalar(value) else { return false }
    if scalar.isASCII {
        let b = UInt8(truncatingIfNeeded: value)
        return first ? (Byte.isLetter(b) || b == Byte.underscore || b == Byte.dollar) : Byte.isWordPart(b)
    }
    if first { return scalar.properties.isIDStart }
    return scalar.properties.isIDContinue || value == 0x200C || value == 0x200D
}

// MARK: - Reader

/// Pulls JSON5 (and so plain JSON) values from UTF-8 bytes one token at a time, keeping the line
/// and column of each, so a decoder can read just the fields it knows straight into its own
/// types and skip the rest. `JSONParser` builds trees with it (rules files, cases); `audit stats`
/// reads the fields it counts from it directly. Errors are `JSONSyntaxError`s with their position.
///
/// It reads the bytes it was made with in place: they must outlive the reader.
public struct JSONReader {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    var depth = 0
    var line = 1
    var lineStart = 0
    var firstLineStart = 0
    /// A byte index on the current line whose column is known, so columns are counted incrementally.
    var columnIndex = 0
    var columnValue = 1
    var scratch: [UInt8] = []

    /// A reader at the first value of `bytes` (after a byte order mark, white space and comments).
    public init(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONSyntaxError(message: "unexpected end of input", position: SourcePosition(line: 1, column: 1))
        }
        p = base.assumingMemoryBound(to: UInt8.self)
        n = bytes.count
        if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF {
            i = 3
            lineStart = 3
            firstLineStart = 3
            columnIndex = 3
        }
        try skipTrivia()
    }

    // MARK: Positions

    @inline(__always) mutating func newLine(startingAt index: Int) {
        line &+= 1
        lineStart = index
        columnIndex = index
        columnValue = 1
    }

    mutating func position(at index: Int) -> SourcePosition {
        if index >= columnIndex {
            var column = columnValue
            var k = columnIndex
            while k < index {
                if p[k] & 0xC0 != 0x80 { column &+= 1 }
                k &+= 1
            }
            columnIndex = index
            columnValue = column
            return SourcePosition(line: line, column: column)
        }
        if index >= lineStart {
            var column = 1
            var k = lineStart
            while k < index {
                if p[k] & 0xC0 != 0x80 { column &+= 1 }
                k &+= 1
            }
            return SourcePosition(line: line, column: column)
        }
        return recountPosition(at: index)
    }

    /// Slow path for a place on an earlier line (only needed for some error messages).
    func recountPosition(at index: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var k = firstLineStart
        while k < index {
            let b = p[k]
            if b == Byte.lineFeed {
                line += 1; column = 1; k += 1
            } else if b == Byte.carriageReturn {
                k += (k + 1 < n && p[k + 1] == Byte.lineFeed) ? 2 : 1
                line += 1; column = 1
            } else if b == 0xE2, k + 2 < n, p[k + 1] == 0x80, p[k + 2] == 0xA8 || p[k + 2] == 0xA9 {
                line += 1; column = 1; k += 3
            } else {
                if b & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
        }
        return SourcePosition(line: line, column: column)
    }

    // MARK: Errors

    mutating func error(_ message: String, at index: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position(at: index))
    }

    /// "expected X, found Y", or the end-of-input / bad-UTF-8 message when that is the real problem.
    mutating func fail(_ expected: String, at index: Int) -> JSONSyntaxError {
        if index >= n { return error("unexpected end of input", at: n) }
        if p[index] >= 0x80 && decodeScalar(at: index) == nil { return invalidUTF8(at: index) }
        return error("\(expected), found \(describe(at: index))", at: index)
    }

    mutating func invalidUTF8(at index: Int) -> JSONSyntaxError {
        error("invalid UTF-8 (byte 0x\(hex(UInt32(p[index]), digits: 2)))", at: index)
    }

    /// How the text at `index` reads to a person: a quoted word or character, or a name for the invisible.
    func describe(at index: Int) -> String {
        guard index < n else { return "end of input" }
        let b = p[index]
        if Byte.isWordPart(b) {
            var end = index
            while end < n && Byte.isWordPart(p[end]) && end - index < 24 { end += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: p + index, count: end - index), as: UTF8.self)
            let cut = end < n && Byte.isWordPart(p[end])
            return "'\(word)\(cut ? "…" : "")'"
        }
        if b == Byte.lineFeed || b == Byte.carriageReturn { return "a line break" }
        if b < 0x20 || b == 0x7F { return "U+\(hex(UInt32(b), digits: 4))" }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        guard let (value, _) = decodeScalar(at: index), let scalar = Unicode.Scalar(value) else {
            return "invalid UTF-8"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .privateUse, .surrogate, .unassigned, .nonspacingMark, .enclosingMark:
            return "U+\(hex(value, digits: 4))"
        default:
            return "'\(Character(scalar))'"
        }
    }

    func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }

    // MARK: UTF-8

    /// The scalar starting at `k` and its length in bytes, or nil if the bytes are not valid UTF-8.
    @inline(__always) func decodeScalar(at k: Int) -> (UInt32, Int)? {
        let b0 = p[k]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 {
            guard k + 1 < n else { return nil }
            let b1 = p[k + 1]
            guard b1 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard k + 2 < n else { return nil }
            let b1 = p[k + 1], b2 = p[k + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xE0 && b1 < 0xA0 { return nil }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return nil }  // UTF-16 surrogate
            return (UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard k + 3 < n else { return nil }
            let b1 = p[k + 1], b2 = p[k + 2], b3 = p[k + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xF0 && b1 < 0x90 { return nil }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return nil }  // beyond U+10FFFF
            return (UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F), 4)
        }
        return nil
    }

    mutating func appendScalar(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(truncatingIfNeeded: v))
        } else if v < 0x800 {
            scratch.append(UInt8(truncatingIfNeeded: 0xC0 | v >> 6))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        } else if v < 0x10000 {
            scratch.append(UInt8(truncatingIfNeeded: 0xE0 | v >> 12))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        } else {
            scratch.append(UInt8(truncatingIfNeeded: 0xF0 | v >> 18))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v >> 12) & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | (v >> 6) & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        }
    }

    @inline(__always) func makeString(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    // MARK: White space and comments

    /// Skips white space and comments; most tokens are followed by neither, which is checked first.
    @inline(__always) mutating func skipTrivia() throws(JSONSyntaxError) {
        if i < n {
            let b = p[i]
            if b > Byte.space && b < 0x80 && b != Byte.slash { return }
        }
        try skipTriviaSlowly()
    }

    mutating func skipTriviaSlowly() throws(JSONSyntaxError) {
        while i < n {
            let b = p[i]
            if b == Byte.space || b == Byte.tab {
                i &+= 1
                continue
            }
            switch b {
            case Byte.lineFeed:
                i &+= 1
                newLine(startingAt: i)
            case Byte.carriageReturn:
                i &+= 1
                if i < n && p[i] == Byte.lineFeed { i &+= 1 }
                newLine(startingAt: i)
            case Byte.verticalTab, Byte.formFeed:
                i &+= 1
            case Byte.slash:
                guard i + 1 < n else { return }
                if p[i + 1] == Byte.slash {
                    try skipLineComment()
                } else if p[i + 1] == Byte.star {
                    try skipBlockComment()
                } else {
                    return
                }
            case 0x80...:
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                if isLineSeparator(scalar) {
                    i &+= length
                    newLine(startingAt: i)
                } else if isExtraSpace(scalar) {
                    i &+= length
                } else {
                    return
                }
            default:
                return
            }
        }
    }

    /// Skips `// ...` up to, not including, the line break.
    mutating func skipLineComment() throws(JSONSyntaxError) {
        i &+= 2
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == Byte.lineFeed || b == Byte.carriageReturn { return }
                i &+= 1
            } else {
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                if isLineSeparator(scalar) { return }
                i &+= length
            }
        }
    }

    mutating func skipBlockComment() throws(JSONSyntaxError) {
        let opening = position(at: i)
        i &+= 2
        while i < n {
            let b = p[i]
            if b == Byte.star {
                if i + 1 < n && p[i + 1] == Byte.slash {
                    i &+= 2
                    return
                }
                i &+= 1
            } else if b == Byte.lineFeed {
                i &+= 1
                newLine(startingAt: i)
            } else if b == Byte.carriageReturn {
                i &+= 1
                if i < n && p[i] == Byte.lineFeed { i &+= 1 }
                newLine(startingAt: i)
            } else if b < 0x80 {
                i &+= 1
            } else {
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                i &+= length
                if isLineSeparator(scalar) { newLine(startingAt: i) }
            }
        }
        throw JSONSyntaxError(message: "unterminated comment", position: opening)
    }

    // MARK: Pulling values

    /// What the value at the reader is. The reader always stands at the start of a value, a key
    /// or the end of a container: white space and comments after each token are already skipped.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        case object, array, string, number, bool, null

        /// How a message names a value of this kind: "a string", "an array", "null".
        public var description: String {
            switch self {
            case .null: "null"
            case .bool: "a boolean"
            case .number: "a number"
            case .string: "a string"
            case .array: "an array"
            case .object: "an object"
            }
        }
    }

    /// An open object or array: where its members stand and whether the first is still to come.
    public struct Container: Sendable {
        fileprivate var first = true
        fileprivate var keyPositions = false
        /// Where the key last returned by `nextKey(in:)` starts, for an object opened with
        /// `keyPositions` (otherwise 1:1: counting columns costs a pass over what was skipped).
        public fileprivate(set) var keyPosition = SourcePosition(line: 1, column: 1)
    }

    /// Where the value at the reader starts.
    public mutating func position() -> SourcePosition { position(at: i) }

    /// The kind of the value at the reader, without reading it.
    public mutating func next() throws(JSONSyntaxError) -> Kind {
        guard i < n else { throw fail("", at: i) }
        switch p[i] {
        case Byte.openBrace: return .object
        case Byte.openBracket: return .array
        case Byte.doubleQuote, Byte.singleQuote: return .string
        case Byte.minus, Byte.plus, Byte.dot, Byte.zero...Byte.nine, UInt8(ascii: "I"), UInt8(ascii: "N"): return .number
        case UInt8(ascii: "t"): if word(at: i, is: "true") { return .bool }
        case UInt8(ascii: "f"): if word(at: i, is: "false") { return .bool }
        case UInt8(ascii: "n"): if word(at: i, is: "null") { return .null }
        default: break
        }
        throw fail("expected a value", at: i)
    }

    public mutating func readString() throws(JSONSyntaxError) -> String {
        guard i < n, p[i] == Byte.doubleQuote || p[i] == Byte.singleQuote else { throw fail("expected a string", at: i) }
        let text = try parseString(build: true)
        try skipTrivia()
        return text
    }

    public mutating func readNumber() throws(JSONSyntaxError) -> Double {
        guard try next() == .number else { throw fail("expected a number", at: i) }
        let value = try parseNumber()
        try skipTrivia()
        return value
    }

    public mutating func readBool() throws(JSONSyntaxError) -> Bool {
        guard try next() == .bool else { throw fail("expected true or false", at: i) }
        let value = p[i] == UInt8(ascii: "t")
        i &+= value ? 4 : 5
        try skipTrivia()
        return value
    }

    public mutating func readNull() throws(JSONSyntaxError) {
        guard try next() == .null else { throw fail("expected null", at: i) }
        i &+= 4
        try skipTrivia()
    }

    /// Opens the object at the reader; read its members with `nextKey(in:)`.
    public mutating func beginObject(keyPositions: Bool = false) throws(JSONSyntaxError) -> Container {
        var object = try open(Byte.openBrace, "expected an object")
        object.keyPositions = keyPositions
        return object
    }

    /// Opens the array at the reader; step through its elements with `nextElement(in:)`.
    public mutating func beginArray() throws(JSONSyntaxError) -> Container {
        try open(Byte.openBracket, "expected an array")
    }

    private mutating func open(_ bracket: UInt8, _ expected: String) throws(JSONSyntaxError) -> Container {
        guard i < n, p[i] == bracket else { throw fail(expected, at: i) }
        if depth >= JSONParser.maximumDepth {
            throw error("nesting is deeper than \(JSONParser.maximumDepth) levels", at: i)
        }
        depth &+= 1
        i &+= 1
        try skipTrivia()
        return Container()
    }

    /// The next key of the object, with the reader left at its value (which must be read or
    /// skipped), or nil when the object is closed.
    public mutating func nextKey(in object: inout Container) throws(JSONSyntaxError) -> String? {
        try nextKey(in: &object, build: true)
    }

    /// The next key as its index in `known`, or -1 for a key not there; nil when the object is
    /// closed. A plain key is compared as bytes, without being made into a string.
    public mutating func nextKey(in object: inout Container, among known: [StaticString]) throws(JSONSyntaxError) -> Int? {
        if try close(&object, Byte.closeBrace, "expected ',' or '}' after an object member") { return nil }
        guard i < n else { throw fail("", at: i) }
        if object.keyPositions { object.keyPosition = position(at: i) }
        var index = -1
        if p[i] == Byte.doubleQuote, let end = plainStringEnd(from: i + 1) {
            let length = end - (i + 1)
            for (k, name) in known.enumerated() where name.utf8CodeUnitCount == length && memcmp(p + i + 1, name.utf8Start, length) == 0 {
                index = k
                break
            }
            i = end + 1
        } else {
            let key = try keyText(build: true)
            index = known.firstIndex { $0.description == key } ?? -1
        }
        try colonAfterKey()
        return index
    }

    /// Where the double-quoted string whose text starts at `start` ends, when that text is plain
    /// ASCII with no escape; nil otherwise (the full string reader then takes it).
    @inline(__always) private func plainStringEnd(from start: Int) -> Int? {
        var k = start
        while k < n {
            let b = p[k]
            if b == Byte.doubleQuote { return k }
            if b == Byte.backslash || b >= 0x80 || b < 0x20 { return nil }
            k &+= 1
        }
        return nil
    }

    /// The next key, made into a string only when `build` is set ("" otherwise).
    private mutating func nextKey(in object: inout Container, build: Bool) throws(JSONSyntaxError) -> String? {
        if try close(&object, Byte.closeBrace, "expected ',' or '}' after an object member") { return nil }
        guard i < n else { throw fail("", at: i) }
        if object.keyPositions { object.keyPosition = position(at: i) }
        let key = try keyText(build: build)
        try colonAfterKey()
        return key
    }

    private mutating func keyText(build: Bool) throws(JSONSyntaxError) -> String {
        let b = p[i]
        if b == Byte.doubleQuote || b == Byte.singleQuote { return try parseString(build: build) }
        if let name = try parseIdentifierName() { return name }
        throw fail("expected a key or '}'", at: i)
    }

    private mutating func colonAfterKey() throws(JSONSyntaxError) {
        try skipTrivia()
        guard i < n, p[i] == Byte.colon else { throw fail("expected ':' after the key", at: i) }
        i &+= 1
        try skipTrivia()
    }

    /// True with the reader at the next element of the array; false when the array is closed.
    public mutating func nextElement(in array: inout Container) throws(JSONSyntaxError) -> Bool {
        try !close(&array, Byte.closeBracket, "expected ',' or ']' after an array element")
    }

    /// Steps over the comma between members (a trailing one is allowed) and closes the container
    /// at its closing bracket.
    private mutating func close(_ container: inout Container, _ closing: UInt8, _ expected: String) throws(JSONSyntaxError) -> Bool {
        if container.first {
            container.first = false
        } else {
            guard i < n else { throw fail("", at: i) }
            if p[i] == Byte.comma {
                i &+= 1
                try skipTrivia()
            } else if p[i] != closing {
                throw fail(expected, at: i)
            }
        }
        guard i < n, p[i] == closing else { return false }
        i &+= 1
        depth &-= 1
        try skipTrivia()
        return true
    }

    /// Reads over the value at the reader, checking it as strictly as reading it would, without
    /// building anything.
    public mutating func skipValue() throws(JSONSyntaxError) {
        switch try next() {
        case .object:
            var object = try beginObject()
            while try nextKey(in: &object, build: false) != nil { try skipValue() }
        case .array:
            var array = try beginArray()
            while try nextElement(in: &array) { try skipValue() }
        case .string:
            _ = try parseString(build: false)
            try skipTrivia()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    /// Checks that nothing but white space and comments follows the value read.
    public mutating func finish() throws(JSONSyntaxError) {
        if i < n { throw fail("expected end of input after the value", at: i) }
    }

    /// Whether the whole ASCII word at `start` is `literal` (so `nullx` is not `null`).
    func word(at start: Int, is literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard n - start >= count else { return false }
        let bytes = literal.utf8Start
        for k in 0..<count where p[start + k] != bytes[k] { return false }
        let end = start + count
        if end < n && (Byte.isWordPart(p[end]) || p[end] == Byte.backslash) { return false }
        return true
    }

    // MARK: Strings

    /// The string at `i`, or "" when `build` is false (only checked). Counts the columns it
    /// passes, so the position of what follows is known without reading the text again.
    mutating func parseString(build: Bool) throws(JSONSyntaxError) -> String {
        let quote = p[i]
        let opening = i
        let openingColumn = columnIndex == opening ? columnValue : 0
        let openingLine = line
        var continuationBytes = 0
        i &+= 1
        let contentStart = i
        // Plain ASCII text with no quote, backslash or line end, eight bytes at a time:
        // nearly every byte of a customer message.
        while i < n {
            while i &+ 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let stops = word & ByteWord.highs | ByteWord.matching(word, quote) | ByteWord.matching(word, Byte.backslash)
                    | ByteWord.matching(word, Byte.lineFeed) | ByteWord.matching(word, Byte.carriageReturn)
                if stops != 0 {
                    // Straight to the first byte that needs a look.
                    i &+= ByteWord.firstMarked(stops)
                    break
                }
                i &+= 8
            }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 {
                if b == quote {
                    let text = build ? makeString(from: contentStart, to: i) : ""
                    i &+= 1
                    if openingColumn > 0 && line == openingLine {
                        columnValue = openingColumn &+ (i &- opening) &- continuationBytes
                        columnIndex = i
                    }
                    return text
                }
                if b == Byte.backslash {
                    return try parseEscapedString(quote: quote, opening: opening, contentStart: contentStart)
                }
                if b == Byte.lineFeed || b == Byte.carriageReturn {
                    throw error("unterminated string", at: opening)
                }
                i &+= 1
            } else {
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                i &+= length
                continuationBytes &+= length &- 1
                if isLineSeparator(scalar) { newLine(startingAt: i) }
            }
        }
        throw error("unterminated string", at: opening)
    }

    /// The slow path, taken at the first backslash: copies into `scratch` while decoding escapes.
    mutating func parseEscapedString(quote: UInt8, opening: Int, contentStart: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + contentStart, count: i - contentStart))
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == quote {
                    i &+= 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                if b == Byte.backslash {
                    try parseEscape(opening: opening)
                    continue
                }
                if b == Byte.lineFeed || b == Byte.carriageReturn {
                    throw error("unterminated string", at: opening)
                }
                scratch.append(b)
                i &+= 1
            } else {
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + i, count: length))
                i &+= length
                if isLineSeparator(scalar) { newLine(startingAt: i) }
            }
        }
        throw error("unterminated string", at: opening)
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`.
    mutating func parseEscape(opening: Int) throws(JSONSyntaxError) {
        let start = i
        guard i + 1 < n else { throw error("unterminated string", at: opening) }
        let c = p[i + 1]
        switch c {
        case Byte.doubleQuote, Byte.singleQuote, Byte.backslash, Byte.slash:
            scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "v"): scratch.append(0x0B)
        case Byte.zero:
            if i + 2 < n && Byte.isDigit(p[i + 2]) {
                throw error("invalid escape '\\0\(Character(Unicode.Scalar(p[i + 2])))'", at: start)
            }
            scratch.append(0)
        case UInt8(ascii: "x"):
            guard i + 3 < n, let high = Byte.hexValue(p[i + 2]), let low = Byte.hexValue(p[i + 3]) else {
                throw error("expected two hex digits after '\\x'", at: start)
            }
            appendScalar(high << 4 | low)
            i &+= 4
            return
        case UInt8(ascii: "u"):
            guard let unit = hexUnit(at: i + 2) else {
                throw error("expected four hex digits after '\\u'", at: start)
            }
            i &+= 6
            if unit >= 0xD800 && unit < 0xDC00 {
                guard i + 1 < n, p[i] == Byte.backslash, p[i + 1] == UInt8(ascii: "u"),
                      let trail = hexUnit(at: i + 2), trail >= 0xDC00 && trail < 0xE000 else {
                    throw error("unpaired surrogate '\\u\(hex(unit, digits: 4))'", at: start)
                }
                i &+= 6
                appendScalar(0x10000 + ((unit - 0xD800) << 10) + (trail - 0xDC00))
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw error("unpaired surrogate '\\u\(hex(unit, digits: 4))'", at: start)
            } else {
                appendScalar(unit)
            }
            return
        case Byte.lineFeed:
            i &+= 2
            newLine(startingAt: i)
            return
        case Byte.carriageReturn:
            i &+= 2
            if i < n && p[i] == Byte.lineFeed { i &+= 1 }
            newLine(startingAt: i)
            return
        default:
            if c >= 0x80, let (scalar, length) = decodeScalar(at: i + 1), isLineSeparator(scalar) {
                i &+= 1 + length
                newLine(startingAt: i)
                return
            }
            if c >= 0x80 && decodeScalar(at: i + 1) == nil { throw invalidUTF8(at: i + 1) }
            let found = describe(at: i + 1)
            if found.hasPrefix("'") {
                let character = found.dropFirst().prefix(1)
                throw error("invalid escape '\\\(character)'", at: start)
            }
            throw error("invalid escape: '\\' followed by \(found)", at: start)
        }
        i &+= 2
    }

    func hexUnit(at k: Int) -> UInt32? {
        guard k + 3 < n,
              let a = Byte.hexValue(p[k]), let b = Byte.hexValue(p[k + 1]),
              let c = Byte.hexValue(p[k + 2]), let d = Byte.hexValue(p[k + 3]) else { return nil }
        return a << 12 | b << 8 | c << 4 | d
    }

    /// An unquoted key, or nil if the text at `i` cannot start one.
    mutating func parseIdentifierName() throws(JSONSyntaxError) -> String? {
        let start = i
        var first = true
        var copying = false
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if first ? (Byte.isLetter(b) || b == Byte.underscore || b == Byte.dollar) : Byte.isWordPart(b) {
                    if copying { scratch.append(b) }
                    i &+= 1
                    first = false
                    continue
                }
                guard b == Byte.backslash else { break }
                if !copying {
                    copying = true
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
                }
                guard i + 1 < n, p[i + 1] == UInt8(ascii: "u"), let unit = hexUnit(at: i + 2) else {
                    throw error("expected '\\u' and four hex digits in a key", at: i)
                }
                guard isIdentifierScalar(unit, first: first) else {
                    throw error("'\\u\(hex(unit, digits: 4))' cannot appear in an unquoted key", at: i)
                }
                appendScalar(unit)
                i &+= 6
                first = false
            } else {
                guard let (scalar, length) = decodeScalar(at: i) else { throw invalidUTF8(at: i) }
                guard isIdentifierScalar(scalar, first: first) else { break }
                if copying { scratch.append(contentsOf: UnsafeBufferPointer(start: p + i, count: length)) }
                i &+= length
                first = false
            }
        }
        if i == start { return nil }
        return copying ? String(decoding: scratch, as: UTF8.self) : makeString(from: start, to: i)
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = i
        var negative = false
        if p[i] == Byte.minus || p[i] == Byte.plus {
            negative = p[i] == Byte.minus
            i &+= 1
        }
        guard i < n else { throw fail("", at: i) }
        let c = p[i]
        if c == UInt8(ascii: "I") || c == UInt8(ascii: "N") {
            if word(at: i, is: "Infinity") {
                i &+= 8
                return negative ? -Double.infinity : Double.infinity
            }
            if word(at: i, is: "NaN") {
                i &+= 3
                return Double.nan
            }
            throw fail("expected a number", at: i)
        }
        if c == Byte.zero && i + 1 < n && (p[i + 1] | 0x20) == UInt8(ascii: "x") {
            return try parseHex(negative: negative)
        }

        var mantissa: UInt64 = 0
        let integerStart = i
        if c == Byte.zero {
            i &+= 1
            if i < n && Byte.isDigit(p[i]) { throw error("a number cannot start with '0' followed by digits", at: integerStart) }
        } else {
            while i < n && Byte.isDigit(p[i]) {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- Byte.zero)
                i &+= 1
            }
        }
        let integerDigits = i - integerStart
        var fractionDigits = 0
        if i < n && p[i] == Byte.dot {
            i &+= 1
            let fractionStart = i
            while i < n && Byte.isDigit(p[i]) {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- Byte.zero)
                i &+= 1
            }
            fractionDigits = i - fractionStart
        }
        if integerDigits + fractionDigits == 0 { throw fail("expected a digit", at: i) }
        var exponent = 0
        if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            var exponentNegative = false
            if i < n && (p[i] == Byte.plus || p[i] == Byte.minus) {
                exponentNegative = p[i] == Byte.minus
                i &+= 1
            }
            let exponentStart = i
            while i < n && Byte.isDigit(p[i]) {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(p[i] &- Byte.zero) }
                i &+= 1
            }
            if i == exponentStart { throw fail("expected a digit in the exponent", at: i) }
            if exponentNegative { exponent = -exponent }
        }
        try checkNumberEnd()

        // Exact fast path: a mantissa of at most 53 bits scaled by an exactly representable power of ten.
        let scale = exponent - fractionDigits
        if integerDigits + fractionDigits <= 19 && mantissa <= 1 << 53 && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale < 0 {
                value /= powerOfTen(-scale)
            } else if scale > 0 {
                value *= powerOfTen(scale)
            }
            return negative ? -value : value
        }
        let digits = makeString(from: negative || p[start] == Byte.plus ? start + 1 : start, to: i)
        guard let value = Double(digits) else { throw error("invalid number", at: start) }
        return negative ? -value : value
    }

    @inline(__always) func powerOfTen(_ e: Int) -> Double {
        var result = 1.0
        for _ in 0..<e { result *= 10 }
        return result
    }

    mutating func parseHex(negative: Bool) throws(JSONSyntaxError) -> Double {
        i &+= 2
        let digitsStart = i
        var exact: UInt64 = 0
        var approximate = 0.0
        var overflowed = false
        while i < n, let digit = Byte.hexValue(p[i]) {
            if overflowed {
                approximate = approximate * 16 + Double(digit)
            } else {
                let (shifted, o1) = exact.multipliedReportingOverflow(by: 16)
                let (sum, o2) = shifted.addingReportingOverflow(UInt64(digit))
                if o1 || o2 {
                    overflowed = true
                    approximate = Double(exact) * 16 + Double(digit)
                } else {
                    exact = sum
                }
            }
            i &+= 1
        }
        if i == digitsStart { throw fail("expected a hex digit after '0x'", at: i) }
        try checkNumberEnd()
        let value = overflowed ? approximate : Double(exact)
        return negative ? -value : value
    }

    /// A number must not run straight into a letter or digit (`1a`, `0x1G`).
    mutating func checkNumberEnd() throws(JSONSyntaxError) {
        guard i < n else { return }
        let b = p[i]
        if b < 0x80 {
            if Byte.isWordPart(b) || b == Byte.backslash {
                throw error("unexpected \(describe(at: i)) right after a number", at: i)
            }
        } else if let (scalar, _) = decodeScalar(at: i), isIdentifierScalar(scalar, first: true) {
            throw error("unexpected \(describe(at: i)) right after a number", at: i)
        }
    }
}
