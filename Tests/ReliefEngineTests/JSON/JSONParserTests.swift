import Testing
@testable import ReliefEngine

/// A JSON tree without positions, so expected values in tables stay readable.
indirect enum JSONTestTree: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case num(Double)
    case str(String)
    case arr([JSONTestTree])
    case obj([Pair])

    struct Pair: Equatable {
        var key: String
        var value: JSONTestTree
    }

    init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .num(n)
        case .string(let s): self = .str(s)
        case .array(let a): self = .arr(a.map(JSONTestTree.init))
        case .object(let m): self = .obj(m.map { Pair(key: $0.key, value: JSONTestTree($0.value)) })
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .num(let n): return "\(n)"
        case .str(let s): return s.debugDescription
        case .arr(let a): return "[" + a.map(\.description).joined(separator: ",") + "]"
        case .obj(let m): return "{" + m.map { "\($0.key.debugDescription):\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}

private func obj(_ pairs: (String, JSONTestTree)...) -> JSONTestTree {
    .obj(pairs.map { JSONTestTree.Pair(key: $0.0, value: $0.1) })
}

private func parseError(_ text: String) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(text)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8]) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("JSON5 parser")
struct JSONParserTests {
    static let validSamples: [(String, JSONTestTree)] = [
        ("null", .null),
        ("true", .bool(true)),
        ("  false\n", .bool(false)),
        ("0", .num(0)),
        ("-12.5e2", .num(-1250)),
        ("1E-2", .num(0.01)),
        ("0.1", .num(0.1)),
        ("3.141592653589793", .num(3.141592653589793)),
        ("123456789012345678901234567890", .num(1.2345678901234568e29)),
        ("0x1F", .num(31)),
        ("0Xff", .num(255)),
        ("-0x10", .num(-16)),
        ("0xFFFFFFFFFFFFFFFFFF", .num(4.722366482869645e21)),
        ("+7", .num(7)),
        (".5", .num(0.5)),
        ("5.", .num(5)),
        ("5.e2", .num(500)),
        ("-.25", .num(-0.25)),
        ("Infinity", .num(.infinity)),
        ("-Infinity", .num(-.infinity)),
        ("+Infinity", .num(.infinity)),
        ("\"double\"", .str("double")),
        ("'single'", .str("single")),
        ("'it\\'s \"quoted\"'", .str("it's \"quoted\"")),
        ("\"\\u00e9\\x41\\uD83D\\uDE00\"", .str("éA😀")),
        ("\"\\b\\f\\n\\r\\t\\v\\0\\/\\\\\"", .str("\u{8}\u{C}\n\r\t\u{B}\0/\\")),
        ("\"one \\\ntwo\"", .str("one two")),
        ("\"one \\\r\ntwo\"", .str("one two")),
        ("\"tab\there\"", .str("tab\there")),
        ("\"Zoë 日本 😀\"", .str("Zoë 日本 😀")),
        ("[]", .arr([])),
        ("[1, [2, [3]],]", .arr([.num(1), .arr([.num(2), .arr([.num(3)])])])),
        ("{}", obj()),
        ("{a: 1,}", obj(("a", .num(1)))),
        ("{$_x1: 'v', 'q k': 2, \"r\": null}", obj(("$_x1", .str("v")), ("q k", .num(2)), ("r", .null))),
        ("{été: 1, 名前: 2}", obj(("été", .num(1)), ("名前", .num(2)))),
        ("{null: 1, true: 2, Infinity: 3}", obj(("null", .num(1)), ("true", .num(2)), ("Infinity", .num(3)))),
        ("{\\u0061b: 1}", obj(("ab", .num(1)))),
        ("{a: 1, a: 2}", obj(("a", .num(1)), ("a", .num(2)))),
        ("// lead\n/* block\n comment */ [1, /* in */ 2] // tail", .arr([.num(1), .num(2)])),
        ("\u{FEFF}{\"a\": true}", obj(("a", .bool(true)))),
        ("\u{00A0}1\u{2028}\u{3000}", .num(1)),
        ("\r\n[\r\t1\r\n]\r", .arr([.num(1)])),
    ]

    @Test("accepts every JSON5 form and builds the expected tree", arguments: validSamples)
    func validInputs(sample: (String, JSONTestTree)) throws {
        let node = try JSONParser.parse(sample.0)
        #expect(JSONTestTree(node) == sample.1, "input: \(sample.0.debugDescription)")
    }

    @Test("NaN, signed or not, is read as a number")
    func notANumber() throws {
        for text in ["NaN", "-NaN", "+NaN"] {
            let value = try JSONParser.parse(text).numberValue
            #expect(value?.isNaN == true, "input: \(text)")
        }
    }

    @Test("the three entry points agree")
    func entryPoints() throws {
        let text = "{k: ['v', 2.5]}"
        let fromString = try JSONParser.parse(text)
        let fromArray = try JSONParser.parse(Array(text.utf8))
        let fromBuffer = try Array(text.utf8).withUnsafeBytes { raw in try JSONParser.parse(bytes: raw) }
        #expect(fromString == fromArray)
        #expect(fromString == fromBuffer)
        #expect(fromString["k"]?.arrayValue?.count == 2)
    }

    struct InvalidSample: CustomStringConvertible, Sendable {
        var text: String
        var message: String
        var line: Int
        var column: Int
        var description: String { text.debugDescription }
    }

    static let invalidSamples: [InvalidSample] = [
        .init(text: "", message: "unexpected end of input", line: 1, column: 1),
        .init(text: "  \n ", message: "unexpected end of input", line: 2, column: 2),
        .init(text: "{\"a\":1 x}", message: "expected ',' or '}' after an object member, found 'x'", line: 1, column: 8),
        .init(text: "[1 2]", message: "expected ',' or ']' after an array element, found '2'", line: 1, column: 4),
        .init(text: "{\"a\": 1", message: "unexpected end of input", line: 1, column: 8),
        .init(text: "\"abc", message: "unterminated string", line: 1, column: 1),
        .init(text: "{\n  \"a\": \"x\n\"}", message: "unterminated string", line: 2, column: 8),
        .init(text: "[\n 'a\\\nb", message: "unterminated string", line: 2, column: 2),
        .init(text: "\"\\q\"", message: "invalid escape '\\q'", line: 1, column: 2),
        .init(text: "\"\\01\"", message: "invalid escape '\\01'", line: 1, column: 2),
        .init(text: "\"ab\\1\"", message: "invalid escape '\\1'", line: 1, column: 4),
        .init(text: "'\\uD83D'", message: "unpaired surrogate '\\uD83D'", line: 1, column: 2),
        .init(text: "'\\uDE00'", message: "unpaired surrogate '\\uDE00'", line: 1, column: 2),
        .init(text: "'\\u12'", message: "expected four hex digits after '\\u'", line: 1, column: 2),
        .init(text: "'\\x4'", message: "expected two hex digits after '\\x'", line: 1, column: 2),
        .init(text: "[1,,2]", message: "expected a value, found ','", line: 1, column: 4),
        .init(text: "[,]", message: "expected a value, found ','", line: 1, column: 2),
        .init(text: "{,}", message: "expected a key or '}', found ','", line: 1, column: 2),
        .init(text: "{a 1}", message: "expected ':' after the key, found '1'", line: 1, column: 4),
        .init(text: "{1: 2}", message: "expected a key or '}', found '1'", line: 1, column: 2),
        .init(text: "{a-b: 2}", message: "expected ':' after the key, found '-'", line: 1, column: 3),
        .init(text: "1 2", message: "expected end of input after the value, found '2'", line: 1, column: 3),
        .init(text: "[1] /", message: "expected end of input after the value, found '/'", line: 1, column: 5),
        .init(text: "01", message: "a number cannot start with '0' followed by digits", line: 1, column: 1),
        .init(text: "[12a]", message: "unexpected 'a' right after a number", line: 1, column: 4),
        .init(text: "0x", message: "unexpected end of input", line: 1, column: 3),
        .init(text: "0xZ", message: "expected a hex digit after '0x', found 'Z'", line: 1, column: 3),
        .init(text: "1e+", message: "unexpected end of input", line: 1, column: 4),
        .init(text: "1.e;", message: "expected a digit in the exponent, found ';'", line: 1, column: 4),
        .init(text: "-", message: "unexpected end of input", line: 1, column: 2),
        .init(text: "-x", message: "expected a digit, found 'x'", line: 1, column: 2),
        .init(text: "-Infinit", message: "expected a number, found 'Infinit'", line: 1, column: 2),
        .init(text: "undefined", message: "expected a value, found 'undefined'", line: 1, column: 1),
        .init(text: "nullx", message: "expected a value, found 'nullx'", line: 1, column: 1),
        .init(text: "tru", message: "expected a value, found 'tru'", line: 1, column: 1),
        .init(text: "[\n  1,\n  /* open", message: "unterminated comment", line: 3, column: 3),
        .init(text: "\r\n\r\n  ]", message: "expected a value, found ']'", line: 3, column: 3),
        .init(text: "{\"é\": ü}", message: "expected a value, found 'ü'", line: 1, column: 7),
        .init(text: "[\"日本\", x]", message: "expected a value, found 'x'", line: 1, column: 8),
        .init(text: "\u{FEFF}[x]", message: "expected a value, found 'x'", line: 1, column: 2),
        .init(text: "[1\u{2028}2]", message: "found '2'", line: 2, column: 1),
        .init(text: "{a:\u{200B}1}", message: "expected a value, found U+200B", line: 1, column: 4),
        .init(text: "[\"a\\\tb\"]", message: "invalid escape: '\\' followed by U+0009", line: 1, column: 4),
    ]

    @Test("rejects malformed input with a short message and the right position", arguments: invalidSamples)
    func invalidInputs(sample: InvalidSample) {
        let error = parseError(sample.text)
        #expect(error?.message.contains(sample.message) == true, "got: \(String(describing: error))")
        #expect(error?.position == SourcePosition(line: sample.line, column: sample.column), "got: \(String(describing: error))")
    }

    @Test("messages start with a lower-case letter and render as line:column: message")
    func messageShape() throws {
        let error = try #require(parseError("{\n  a: 1\n  b: 2\n}"))
        #expect(error.description == "3:3: expected ',' or '}' after an object member, found 'b'")
        for sample in Self.invalidSamples {
            let first = parseError(sample.text)?.message.first
            #expect(first?.isLowercase == true, "message for \(sample.text.debugDescription)")
        }
    }

    @Test("invalid UTF-8 is an error at the offending byte, never a crash", arguments: [
        ([0x22, 0xFF, 0x22], 2),               // byte that never occurs in UTF-8
        ([0x5B, 0x31, 0x2C, 0xC3], 4),         // truncated two-byte sequence
        ([0x22, 0xC0, 0xAF, 0x22], 2),         // overlong '/'
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),   // encoded UTF-16 surrogate
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2),  // beyond U+10FFFF
        ([0x7B, 0x80, 0x3A, 0x31, 0x7D], 2),   // stray continuation byte as a key
        ([0x31, 0x20, 0x2F, 0x2F, 0xFE], 5),   // inside a comment
    ] as [([UInt8], Int)])
    func invalidUTF8(sample: ([UInt8], Int)) {
        let error = parseError(bytes: sample.0)
        #expect(error?.message.hasPrefix("invalid UTF-8") == true, "got: \(String(describing: error))")
        #expect(error?.position.line == 1)
        #expect(error?.position.column == sample.1)
    }

    @Test("keys and values deep in a multi-line file report their own line and column")
    func nestedPositions() throws {
        let text = """
        {
          "rules": [
            {
              id: 'r1',
              "match": { tier: "gold",
                         score: 0x10 }
            }
          ]
        }
        """
        let root = try JSONParser.parse(text)
        #expect(root.position == SourcePosition(line: 1, column: 1))
        let rulesMember = try #require(root.objectValue?.first)
        #expect(rulesMember.keyPosition == SourcePosition(line: 2, column: 3))
        #expect(rulesMember.value.position == SourcePosition(line: 2, column: 12))
        let rule = try #require(rulesMember.value.arrayValue?.first)
        #expect(rule.position == SourcePosition(line: 3, column: 5))
        let members = try #require(rule.objectValue)
        #expect(members.map(\.key) == ["id", "match"])
        #expect(members[0].keyPosition == SourcePosition(line: 4, column: 7))
        #expect(members[0].value.position == SourcePosition(line: 4, column: 11))
        #expect(members[1].keyPosition == SourcePosition(line: 5, column: 7))
        let match = try #require(members[1].value.objectValue)
        #expect(match[0].keyPosition == SourcePosition(line: 5, column: 18))
        #expect(match[0].value.position == SourcePosition(line: 5, column: 24))
        #expect(match[1].keyPosition == SourcePosition(line: 6, column: 18))
        #expect(match[1].value.position == SourcePosition(line: 6, column: 25))
        #expect(match[1].value.numberValue == 16)
    }

    @Test("positions after comments, CRLF line ends and line continuations")
    func positionsAfterTrivia() throws {
        let text = "/* one\r\n two */ {\r\n  // note\r\n  k: 'a\\\r\nb', z: 1}"
        let root = try JSONParser.parse(text)
        #expect(root.position == SourcePosition(line: 2, column: 9))
        let members = try #require(root.objectValue)
        #expect(members[0].keyPosition == SourcePosition(line: 4, column: 3))
        #expect(members[0].value.stringValue == "ab")
        #expect(members[1].keyPosition == SourcePosition(line: 5, column: 5))
        #expect(members[1].value.position == SourcePosition(line: 5, column: 8))
    }

    @Test("columns count characters, not UTF-8 bytes")
    func multibyteColumns() throws {
        // 名 and 前 take three bytes each, 😀 four, é two: each is one column.
        let root = try JSONParser.parse("{\"名前\": \"太郎\", \"x\": 1, \"😀é\": [true]}")
        let members = try #require(root.objectValue)
        #expect(members[0].value.position == SourcePosition(line: 1, column: 8))
        #expect(members[1].keyPosition == SourcePosition(line: 1, column: 14))
        #expect(members[1].value.position == SourcePosition(line: 1, column: 19))
        #expect(members[2].keyPosition == SourcePosition(line: 1, column: 22))
        #expect(members[2].value.position == SourcePosition(line: 1, column: 28))
        #expect(members[2].value.arrayValue?.first?.position == SourcePosition(line: 1, column: 29))
    }

    @Test("512 levels of nesting are fine; one more is an error, not a stack overflow")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(deepest) }

        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(parseError(tooDeep))
        #expect(error.message == "nesting is deeper than 512 levels")
        #expect(error.position == SourcePosition(line: 1, column: 513))

        let objects = String(repeating: "{a:", count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(parseError(objects)?.message == "nesting is deeper than 512 levels")

        let huge = String(repeating: "[{x:", count: 200_000)
        #expect(parseError(huge)?.message == "nesting is deeper than 512 levels")
    }

    @Test("decimal numbers match Swift's own correctly rounded conversion")
    func numbersMatchStandardLibrary() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let integer = rng.next() % 1_000_000_000_000
            let fraction = rng.next() % 100_000_000
            let exponent = Int(rng.next() % 60) - 30
            let text = "\(integer).\(fraction)e\(exponent)"
            let parsed = try JSONParser.parse(text).numberValue
            #expect(parsed == Double(text), "input: \(text)")
        }
        #expect(try JSONParser.parse("1e400").numberValue == .infinity)
        #expect(try JSONParser.parse("-1e-400").numberValue == 0)
        #expect(try JSONParser.parse("9007199254740993").numberValue == 9007199254740992)
    }

    @Test("random, truncated and mutated bytes never crash the parser")
    func fuzz() {
        var rng = SplitMix64(seed: 0xF00D)
        let alphabet = Array("{}[]:,'\"\\/*+-.0123456789eExXabcfnrtuvINfy \n\r\t".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0xA8, 0xF0, 0x9F, 0xFF, 0x00]
        let seeds = JSONParserTests.validSamples.map { Array($0.0.utf8) }
        var checked = 0
        func check(_ bytes: [UInt8]) {
            do {
                _ = try JSONParser.parse(bytes)
            } catch {
                #expect(error.position.line >= 1 && error.position.column >= 1)
                #expect(!error.message.isEmpty)
            }
            checked += 1
        }
        for seed in seeds {
            for cut in 0...seed.count { check(Array(seed[..<cut])) }
        }
        for _ in 0..<4000 {
            let length = Int(rng.next() % 40)
            check((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        for _ in 0..<4000 {
            var bytes = seeds[Int(rng.next() % UInt64(seeds.count))]
            guard !bytes.isEmpty else { continue }
            for _ in 0...(rng.next() % 3) {
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            check(bytes)
        }
        #expect(checked > 8000)
    }
}


@Suite("JSON parser strings")
struct JSONParserStringTests {
    @Test("strings read back exactly whatever sits at any position: escapes, quotes, non-ASCII; a raw line break is refused")
    func stringsAtEveryPosition() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\u{1}", "õ", "'", "€", "😀", " "]
        let filler = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for length in 1..<30 {
            for position in 0..<length {
                for special in specials {
                    var characters = (0..<length).map { filler[($0 * 5) % filler.count] }
                    characters[position] = special
                    let text = String(characters)
                    let parsed = try JSONParser.parse(JSONWriter.write(.array([.string(text)])))
                    #expect(parsed.json == .array([.string(text)]), "\(text.debugDescription)")
                }
                var raw = Array(String(repeating: "x", count: length).utf8)
                raw[position] = 0x0A
                #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22] + raw + [0x22]) }
            }
        }
        // JSON5 single-quoted strings stop at their own quote only.
        #expect(try JSONParser.parse("'say \"hi\" to everyone there'").json == .string("say \"hi\" to everyone there"))
    }
}
