/// A 1-based place in a source text, so every problem can be reported as `file:line:column`.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A parsed JSON or JSON5 value that remembers where it stood in the text.
///
/// Rules files and cases are decoded from this tree by hand rather than with `Codable`,
/// because a rules check must report *every* problem with its line and column,
/// and `JSONDecoder` stops at the first one and loses positions on Linux.
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var position: SourcePosition

    public init(_ value: JSONValue, at position: SourcePosition) {
        self.value = value
        self.position = position
    }
}

/// One `key: value` pair of an object, in source order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: JSONNode

    public init(key: String, keyPosition: SourcePosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// The value part of a `JSONNode`. Objects keep their members in source order;
/// a duplicate key is kept too, so validation can point at it.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])
}

extension JSONNode {
    /// The member named `key`, if this is an object that has one (the first, when repeated).
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let n) = value { return n }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var arrayValue: [JSONNode]? {
        if case .array(let a) = value { return a }
        return nil
    }

    public var objectValue: [JSONMember]? {
        if case .object(let m) = value { return m }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// What kind of value this is.
    public var kind: JSONReader.Kind {
        switch value {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// A short name of the value's kind for messages: "a string", "an array", ...
    public var kindDescription: String { kind.description }
}
