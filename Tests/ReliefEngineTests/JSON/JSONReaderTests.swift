import Testing
@testable import ReliefEngine

/// Runs `body` on a reader over `text`.
private func reading<T>(_ text: String, _ body: (inout JSONReader) throws(JSONSyntaxError) -> T) throws(JSONSyntaxError) -> T {
    let bytes = Array(text.utf8)
    let result = bytes.withUnsafeBytes { raw in
        Result { () throws(JSONSyntaxError) -> T in
            var reader = try JSONReader(raw)
            return try body(&reader)
        }
    }
    return try result.get()
}

private func syntaxError(_ body: () throws(JSONSyntaxError) -> Void) -> JSONSyntaxError? {
    do { try body() } catch { return error }
    return nil
}

@Suite("JSON pull reader")
struct JSONReaderTests {
    @Test("a decoder pulls the fields it knows and skips the rest, JSON5 included")
    func pullsFields() throws {
        let text = """
        // a case
        {id: 'C-1', extra: {deep: [1, 2, {x: "y"}], more: null}, "n": 0x10, ok: true,
         list: ["a", 'b',], nothing: null,}
        """
        let found = try reading(text) { (r: inout JSONReader) throws(JSONSyntaxError) -> [String] in
            var out: [String] = []
            var object = try r.beginObject()
            while let key = try r.nextKey(in: &object) {
                switch key {
                case "id": out.append("id=" + (try r.readString()))
                case "n": out.append("n=\(try r.readNumber())")
                case "ok": out.append("ok=\(try r.readBool())")
                case "nothing": try r.readNull(); out.append("nothing")
                case "list":
                    var list = try r.beginArray()
                    while try r.nextElement(in: &list) { out.append("item=" + (try r.readString())) }
                default: try r.skipValue()
                }
            }
            try r.finish()
            return out
        }
        #expect(found == ["id=C-1", "n=16.0", "ok=true", "item=a", "item=b", "nothing"])
    }

    @Test("the kind of the next value is told before it is read")
    func kinds() throws {
        let kinds = try reading("[{}, [], 's', -1.5e3, false, null, Infinity]") { (r: inout JSONReader) throws(JSONSyntaxError) -> [JSONReader.Kind] in
            var out: [JSONReader.Kind] = []
            var array = try r.beginArray()
            while try r.nextElement(in: &array) {
                out.append(try r.next())
                try r.skipValue()
            }
            return out
        }
        #expect(kinds == [.object, .array, .string, .number, .bool, .null, .number])
    }

    @Test("skipping a value finds every error reading it would, at the same place", arguments: [
        #"{"a": [1, 2,, 3]}"#, #"{"a": "\q"}"#, #"{"a": "open}"#, #"{"a": 01}"#,
        #"{"a": {"b": tru}}"#, #"{"a": [1 2]}"#, #"{"a": /* never closed"#, #"{"a": "\uD800"}"#, #"{"a": 1x}"#,
    ])
    func skippingIsStrict(_ text: String) {
        let full = syntaxError { () throws(JSONSyntaxError) in _ = try JSONParser.parse(text) }
        let skipped = syntaxError { () throws(JSONSyntaxError) in
            try reading(text) { (r: inout JSONReader) throws(JSONSyntaxError) in
                try r.skipValue()
                try r.finish()
            }
        }
        #expect(full != nil)
        #expect(skipped == full)
    }

    @Test("invalid UTF-8 inside a skipped string is an error")
    func skippedUTF8() {
        var bytes = Array(#"{"skip": "ab", "k": 1}"#.utf8)
        bytes[11] = 0xFF
        let error = syntaxError { () throws(JSONSyntaxError) in
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(JSONSyntaxError) in
                    var r = try JSONReader(raw)
                    try r.skipValue()
                }
            }
            try result.get()
        }
        #expect(error?.message == "invalid UTF-8 (byte 0xFF)")
        #expect(error?.position == SourcePosition(line: 1, column: 12))
    }

    @Test("nesting deeper than the limit is refused when skipping too")
    func depthWhenSkipping() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        let error = syntaxError { () throws(JSONSyntaxError) in
            try reading(deep) { (r: inout JSONReader) throws(JSONSyntaxError) in try r.skipValue() }
        }
        #expect(error?.message == "nesting is deeper than \(JSONParser.maximumDepth) levels")
        let fits = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(syntaxError { () throws(JSONSyntaxError) in _ = try JSONParser.parse(fits) } == nil)
    }

    @Test("positions after long texts with letters beyond ASCII are counted in characters")
    func columnsAfterStrings() throws {
        let text = "{\"t\": \"õun ja äädikas, 😀 ja müük\", \"k\": 1, \"u\": \"\\u00e4\", \"z\": [true]}"
        let node = try JSONParser.parse(text)
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        let characters = Array(text)
        for member in members {
            // The key's quote stands at the column a person counts in characters.
            let column = member.keyPosition.column
            #expect(characters[column - 1] == "\"")
            #expect(String(characters[column..<(column + member.key.count)]) == member.key)
        }
        #expect(members.map(\.keyPosition.column) == [2, 36, 44, 59])
        #expect(members[3].value.position == SourcePosition(line: 1, column: 64))
    }

    @Test("keys are found among known names as bytes, escaped, unquoted or not at all")
    func knownKeys() throws {
        let text = #"{"seq": 1, "s\u0069tuation": "a", situation: "b", 'seq': 2, "other": [1], "séq": 3}"#
        let found = try reading(text) { (r: inout JSONReader) throws(JSONSyntaxError) -> [Int] in
            var out: [Int] = []
            var object = try r.beginObject()
            while let index = try r.nextKey(in: &object, among: ["seq", "situation"]) {
                out.append(index)
                try r.skipValue()
            }
            try r.finish()
            return out
        }
        #expect(found == [0, 1, 1, 0, -1, -1])
    }
}

@Suite("Eight bytes at a time")
struct ByteWordTests {
    static func word(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8)
        precondition(bytes.count == 8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    @Test("the first byte a mask marks is the first matching byte, whatever follows it", arguments: [
        ("abc\"defg", 3), ("\"\"\"\"\"\"\"\"", 0), ("abcdefg\"", 7), ("a\u{1}\"bcdef", 2), ("\"\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}", 0),
    ])
    func firstQuote(_ text: String, _ at: Int) {
        #expect(ByteWord.firstMarked(ByteWord.matching(Self.word(text), 0x22)) == at)
    }

    @Test("no byte matching gives an empty mask")
    func none() {
        #expect(ByteWord.matching(Self.word("abcdefgh"), 0x22) == 0)
    }

    @Test("strings read the same with their special byte at every place of an eight-byte word")
    func everyOffset() throws {
        for padding in 0..<17 {
            let pad = String(repeating: "x", count: padding)
            for special in ["\\\"", "\\n", "ä", "😀", "\\u00e4"] {
                let text = "{\"k\":\"" + pad + special + pad + "\",\"n\":1}"
                let node = try JSONParser.parse(text)
                let expected = pad + (try JSONParser.parse("\"" + special + "\"").stringValue ?? "") + pad
                #expect(node["k"]?.stringValue == expected)
                #expect(node["n"]?.position.column == text.count - 1)
            }
        }
    }
}
