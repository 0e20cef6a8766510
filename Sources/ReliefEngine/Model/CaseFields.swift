/// The members of a case that the decoder knows, as written: each value with its place, before
/// any of them is checked. They are pulled straight from the bytes (unknown members are skipped
/// without being built) or taken from a parsed tree (an example case in a rules file); the
/// decoder then checks both the same way, in one order, so a case reads the same either way.
struct CaseFields {
    /// A value as written: a scalar whole; an object or an array by its kind alone (the members
    /// the decoder knows are captured beside it).
    struct Value {
        enum Content {
            case string(String), number(Double), bool(Bool), null, object, array
        }

        var content: Content
        var position: SourcePosition

        var isNull: Bool {
            if case .null = content { return true }
            return false
        }

        var kind: JSONReader.Kind {
            switch content {
            case .null: .null
            case .bool: .bool
            case .number: .number
            case .string: .string
            case .array: .array
            case .object: .object
            }
        }

        /// "a string", "an object": how an error names what it found.
        var kindDescription: String { kind.description }
    }

    /// An object's known members, first occurrence of each key.
    struct Object<Key: CaseFieldKey> {
        var position: SourcePosition
        var values: [Value?] = Array(repeating: nil, count: Key.allCases.count)

        subscript(key: Key) -> Value? { values[key.rawValue] }
    }

    /// One element of `events`: its members when it is an object, and its promise's.
    struct Event {
        var value: Value
        var members: Object<EventKey>?
        var promise: Object<PromiseKey>?
    }

    /// The whole case; nil members when it is not an object.
    var value: Value
    var members: Object<CaseKey>?
    var customer: Object<CustomerKey>?
    /// Every member of `attributes`, in order (a later one with the same key replaces an earlier).
    var attributes: [(key: String, value: Value)] = []
    var events: [Event] = []
}

/// The keys of one kind of object in a case, in a fixed order.
protocol CaseFieldKey: RawRepresentable<Int>, CaseIterable {
    /// The keys as written, in case order, for comparing raw key bytes without making strings.
    static var names: [StaticString] { get }
}

extension CaseFieldKey {
    var name: String { Self.names[rawValue].description }

    init?(name: String) {
        guard let index = Self.names.firstIndex(where: { $0.description == name }) else { return nil }
        self.init(rawValue: index)
    }
}

enum CaseKey: Int, CaseFieldKey {
    case id, openedAt, channel, journey, stage, subject, customer, attributes, text, events
    static let names: [StaticString] = ["id", "openedAt", "channel", "journey", "stage", "subject", "customer", "attributes", "text", "events"]
}

enum CustomerKey: Int, CaseFieldKey {
    case id, name, segment, language, tenureMonths
    static let names: [StaticString] = ["id", "name", "segment", "language", "tenureMonths"]
}

enum EventKey: Int, CaseFieldKey {
    case at, type, from, text, channel, promise, status, csat, nps, ces
    static let names: [StaticString] = ["at", "type", "from", "text", "channel", "promise", "status", "csat", "nps", "ces"]
}

enum PromiseKey: Int, CaseFieldKey {
    case due, what
    static let names: [StaticString] = ["due", "what"]
}

// MARK: - Pulled from bytes

extension CaseFields {
    /// Reads the case at `reader`, checking its syntax as strictly as a full parse and building
    /// only what the decoder reads.
    init(reading reader: inout JSONReader) throws(JSONSyntaxError) {
        value = try Self.scalar(&reader)
        guard case .object = value.content else {
            if case .array = value.content { try reader.skipValue() }
            return
        }
        var customer: Object<CustomerKey>?
        var attributes: [(key: String, value: Value)] = []
        var events: [Event] = []
        members = try Self.object(&reader, at: value.position) { (key: CaseKey, field, reader) throws(JSONSyntaxError) in
            switch (key, field.content) {
            case (.customer, .object): customer = try Self.object(&reader, at: field.position)
            case (.attributes, .object): attributes = try Self.allMembers(&reader)
            case (.events, .array): events = try Self.events(&reader)
            default: return false
            }
            return true
        }
        self.customer = customer
        self.attributes = attributes
        self.events = events
    }

    /// A scalar read whole; an object or an array is only named, and left at the reader.
    private static func scalar(_ reader: inout JSONReader) throws(JSONSyntaxError) -> Value {
        let position = reader.position()
        switch try reader.next() {
        case .string: return Value(content: .string(try reader.readString()), position: position)
        case .number: return Value(content: .number(try reader.readNumber()), position: position)
        case .bool: return Value(content: .bool(try reader.readBool()), position: position)
        case .null:
            try reader.readNull()
            return Value(content: .null, position: position)
        case .object: return Value(content: .object, position: position)
        case .array: return Value(content: .array, position: position)
        }
    }

    /// The known members of the object at the reader, the first of each key. A nested object or
    /// array is handed to `nested`, which reads it and says so, or is skipped.
    private static func object<Key: CaseFieldKey>(
        _ reader: inout JSONReader, at position: SourcePosition,
        nested: (Key, Value, inout JSONReader) throws(JSONSyntaxError) -> Bool = { _, _, _ in false }
    ) throws(JSONSyntaxError) -> Object<Key> {
        var members = Object<Key>(position: position)
        var object = try reader.beginObject()
        while let index = try reader.nextKey(in: &object, among: Key.names) {
            guard index >= 0, members.values[index] == nil, let key = Key(rawValue: index) else {
                try reader.skipValue()
                continue
            }
            let field = try scalar(&reader)
            members.values[index] = field
            switch field.content {
            case .object, .array: if try !nested(key, field, &reader) { try reader.skipValue() }
            default: break
            }
        }
        return members
    }

    private static func allMembers(_ reader: inout JSONReader) throws(JSONSyntaxError) -> [(key: String, value: Value)] {
        var members: [(key: String, value: Value)] = []
        var object = try reader.beginObject()
        while let key = try reader.nextKey(in: &object) {
            let field = try scalar(&reader)
            if case .object = field.content { try reader.skipValue() } else if case .array = field.content { try reader.skipValue() }
            members.append((key, field))
        }
        return members
    }

    private static func events(_ reader: inout JSONReader) throws(JSONSyntaxError) -> [Event] {
        var events: [Event] = []
        var array = try reader.beginArray()
        while try reader.nextElement(in: &array) {
            let element = try scalar(&reader)
            guard case .object = element.content else {
                if case .array = element.content { try reader.skipValue() }
                events.append(Event(value: element))
                continue
            }
            var promise: Object<PromiseKey>?
            let members = try object(&reader, at: element.position) { (key: EventKey, field, reader) throws(JSONSyntaxError) in
                guard key == .promise, case .object = field.content else { return false }
                promise = try Self.object(&reader, at: field.position)
                return true
            }
            events.append(Event(value: element, members: members, promise: promise))
        }
        return events
    }
}

// MARK: - Taken from a tree

extension CaseFields {
    /// The same fields from a parsed tree: the first member with a key counts, as when reading.
    init(_ node: JSONNode) {
        value = Self.value(node)
        guard let nodes = node.objectValue else { return }
        var members = Object<CaseKey>(position: node.position)
        for member in nodes {
            guard let key = CaseKey(name: member.key), members[key] == nil else { continue }
            members.values[key.rawValue] = Self.value(member.value)
            switch key {
            case .customer: customer = member.value.objectValue.map { Self.object($0, at: member.value.position) }
            case .attributes: attributes = member.value.objectValue?.map { ($0.key, Self.value($0.value)) } ?? []
            case .events: events = member.value.arrayValue?.map(Self.event) ?? []
            default: break
            }
        }
        self.members = members
    }

    private static func value(_ node: JSONNode) -> Value {
        let content: Value.Content
        switch node.value {
        case .string(let s): content = .string(s)
        case .number(let n): content = .number(n)
        case .bool(let b): content = .bool(b)
        case .null: content = .null
        case .object: content = .object
        case .array: content = .array
        }
        return Value(content: content, position: node.position)
    }

    private static func object<Key: CaseFieldKey>(_ nodes: [JSONMember], at position: SourcePosition) -> Object<Key> {
        var members = Object<Key>(position: position)
        for member in nodes {
            guard let key = Key(name: member.key), members[key] == nil else { continue }
            members.values[key.rawValue] = value(member.value)
        }
        return members
    }

    private static func event(_ node: JSONNode) -> Event {
        guard let nodes = node.objectValue else { return Event(value: value(node)) }
        let members: Object<EventKey> = object(nodes, at: node.position)
        let promiseNode = nodes.first { $0.key == EventKey.promise.name }?.value
        return Event(value: value(node), members: members, promise: promiseNode?.objectValue.map { object($0, at: promiseNode!.position) })
    }
}
