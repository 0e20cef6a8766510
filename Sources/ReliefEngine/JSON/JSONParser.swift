/// Reads JSON5 (and therefore plain JSON) into `JSONNode` trees that keep the line and column
/// of every value and key, so later checks can point at the exact spot in a rules file.
///
/// Built on `JSONReader`, so a tree and a pull decoder accept and refuse the same texts with the
/// same errors. Duplicate keys are kept in source order; reporting them is the validator's job.
/// Columns count Unicode scalars, not bytes.
///
/// One deliberate difference from the JSON5 text: an unknown escape such as `\q` is an error
/// rather than silently meaning `q`, because in a rules file it is nearly always a typo
/// (a regex written as `"\d"`). Foundation's JSON5 reader rejects it as well.
public enum JSONParser {
    /// Deepest nesting of arrays and objects accepted. Deeper input is refused with an error
    /// instead of exhausting the stack.
    public static let maximumDepth = 512

    /// Parses one JSON5 value from `text`.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONSyntaxError) -> JSONNode in
                try parse(bytes: UnsafeRawBufferPointer(utf8))
            }
        }
        return try result.get()
    }

    /// Parses one JSON5 value from UTF-8 bytes without copying them; invalid UTF-8 is an error.
    public static func parse(bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONNode {
        var reader = try JSONReader(bytes)
        let root = try reader.readNode()
        try reader.finish()
        return root
    }

    /// Parses one JSON5 value from UTF-8 bytes; invalid UTF-8 is an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) -> JSONNode in try parse(bytes: raw) }
        }
        return try result.get()
    }
}

extension JSONReader {
    /// The value at the reader, read whole into a tree.
    public mutating func readNode() throws(JSONSyntaxError) -> JSONNode {
        let position = position()
        switch try next() {
        case .object:
            var object = try beginObject(keyPositions: true)
            var members: [JSONMember] = []
            while let key = try nextKey(in: &object) {
                members.append(JSONMember(key: key, keyPosition: object.keyPosition, value: try readNode()))
            }
            return JSONNode(.object(members), at: position)
        case .array:
            var array = try beginArray()
            var elements: [JSONNode] = []
            while try nextElement(in: &array) { elements.append(try readNode()) }
            return JSONNode(.array(elements), at: position)
        case .string: return JSONNode(.string(try readString()), at: position)
        case .number: return JSONNode(.number(try readNumber()), at: position)
        case .bool: return JSONNode(.bool(try readBool()), at: position)
        case .null:
            try readNull()
            return JSONNode(.null, at: position)
        }
    }
}
