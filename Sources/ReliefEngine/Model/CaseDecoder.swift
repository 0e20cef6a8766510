import Foundation

/// Turns the JSON of a case into a `SupportCase`: bytes in, a case out, or an error with its
/// line, column and field. Triage, the stream, replay, eval and the desk all read cases here.
///
/// Unknown fields are ignored, because helpdesk exports carry extra columns. Known fields of the
/// wrong type or with an unknown value are errors that name the field and its position.
public enum CaseDecoder {
    /// Reads one case from JSON or JSON5 bytes (a line of JSON Lines, or a whole file), pulling
    /// the fields it knows straight from the reader. A syntax error anywhere comes before any
    /// error in a field, as when the whole text is parsed first.
    public static func decode(bytes: UnsafeRawBufferPointer) throws(CaseReadError) -> SupportCase {
        let fields: CaseFields
        do {
            var reader = try JSONReader(bytes)
            fields = try CaseFields(reading: &reader)
            try reader.finish()
        } catch {
            throw .syntax(error)
        }
        do {
            return try decode(fields)
        } catch {
            throw .field(error)
        }
    }

    public static func decode(bytes: [UInt8]) throws(CaseReadError) -> SupportCase {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CaseReadError) -> SupportCase in try decode(bytes: raw) }
        }
        return try result.get()
    }

    /// Reads a case already parsed into a tree (an example in a rules file): the same checks,
    /// with positions in the tree's text.
    public static func decode(_ node: JSONNode) throws(CaseDecodingError) -> SupportCase {
        try decode(CaseFields(node))
    }

    static func decode(_ fields: CaseFields) throws(CaseDecodingError) -> SupportCase {
        guard let members = fields.members else {
            throw CaseDecodingError(field: "", position: fields.value.position, message: "a case must be a JSON object, found \(fields.value.kindDescription)")
        }
        let reader = FieldReader(members: members, path: .top)
        guard let idField = members[.id] else {
            throw CaseDecodingError(field: "id", position: members.position, message: "a case needs an \"id\"")
        }
        let id: String
        switch idField.content {
        case .string(let s) where !s.isEmpty: id = s
        case .number(let n): id = AttributeValue.number(n).display
        default:
            throw CaseDecodingError(field: "id", position: idField.position, message: "\"id\" must be a non-empty string")
        }
        let openedAt = try reader.timestamp(.openedAt)
        let channel: Channel? = try reader.enumValue(.channel)
        var result = SupportCase(
            id: id,
            openedAt: openedAt,
            channel: channel,
            journey: try reader.enumValue(.journey),
            stage: try reader.enumValue(.stage),
            subject: try reader.string(.subject)
        )
        if let customerField = members[.customer], !customerField.isNull {
            guard let customer = fields.customer else {
                throw CaseDecodingError(field: "customer", position: customerField.position, message: "\"customer\" must be an object, found \(customerField.kindDescription)")
            }
            let c = FieldReader(members: customer, path: .customer)
            result.customer = Customer(
                id: try c.string(.id, allowNumber: true),
                name: try c.string(.name),
                segment: try c.string(.segment),
                language: try c.string(.language)?.lowercased(),
                tenureMonths: try c.number(.tenureMonths)
            )
        }
        if let attributesField = members[.attributes], !attributesField.isNull {
            guard case .object = attributesField.content else {
                throw CaseDecodingError(field: "attributes", position: attributesField.position, message: "\"attributes\" must be an object, found \(attributesField.kindDescription)")
            }
            for (key, value) in fields.attributes {
                switch value.content {
                case .string(let s): result.attributes[key] = .string(s)
                case .number(let n): result.attributes[key] = .number(n)
                case .bool(let b): result.attributes[key] = .bool(b)
                case .null: result.attributes[key] = .null
                case .array, .object:
                    // Nested structures cannot be compared by field signals; keeping them out is
                    // safer than guessing, and exports often carry such extras.
                    continue
                }
            }
        }
        if let text = try reader.string(.text), !text.isEmpty {
            result.events.append(CaseEvent(at: openedAt, kind: .message(from: .customer, text: text, channel: channel, promise: nil)))
        }
        if let eventsField = members[.events], !eventsField.isNull {
            guard case .array = eventsField.content else {
                throw CaseDecodingError(field: "events", position: eventsField.position, message: "\"events\" must be an array, found \(eventsField.kindDescription)")
            }
            var decoded: [CaseEvent] = []
            decoded.reserveCapacity(fields.events.count)
            for (index, event) in fields.events.enumerated() {
                decoded.append(try decodeEvent(event, index: index))
            }
            result.events.append(contentsOf: orderedByTime(decoded))
        }
        return result
    }

    /// Decodes the event at `index` of `events`.
    static func decodeEvent(_ event: CaseFields.Event, index: Int) throws(CaseDecodingError) -> CaseEvent {
        guard let members = event.members else {
            throw CaseDecodingError(field: CaseFieldPath.event(index).field, position: event.value.position, message: "an event must be an object, found \(event.value.kindDescription)")
        }
        let e = FieldReader(members: members, path: .event(index))
        let at = try e.timestamp(.at)
        // Without "type", the keys tell what the event is, as exports often omit it.
        func inferred() -> String? {
            if members[.status] != nil { return "status" }
            if members[.csat] != nil || members[.nps] != nil || members[.ces] != nil { return "feedback" }
            if members[.text] != nil || members[.from] != nil { return "message" }
            return nil
        }
        let type = try e.string(.type)?.lowercased() ?? inferred()
        switch type {
        case "message":
            let fromText = try e.string(.from)?.lowercased() ?? "customer"
            guard let from = Party(rawValue: fromText) else {
                throw e.error(.from, "\"from\" must be \"customer\" or \"agent\", found \"\(fromText)\"")
            }
            var promise: Promise?
            if let promiseField = members[.promise], !promiseField.isNull {
                guard let promiseMembers = event.promise else {
                    throw CaseDecodingError(field: CaseFieldPath.event(index).prefix + "promise", position: promiseField.position, message: "\"promise\" must be an object with \"due\"")
                }
                let p = FieldReader(members: promiseMembers, path: .promise(index))
                guard let due = try p.timestamp(.due) else {
                    throw CaseDecodingError(field: CaseFieldPath.promise(index).prefix + "due", position: promiseMembers.position, message: "a promise needs a \"due\" time")
                }
                promise = Promise(due: due, what: try p.string(.what))
            }
            return CaseEvent(at: at, kind: .message(from: from, text: try e.string(.text) ?? "", channel: try e.enumValue(.channel), promise: promise))
        case "status":
            guard let status = try e.string(.status), !status.isEmpty else {
                throw e.error(.status, "a status event needs a \"status\"")
            }
            return CaseEvent(at: at, kind: .status(status.lowercased()))
        case "feedback":
            return CaseEvent(at: at, kind: .feedback(Feedback(csat: try e.number(.csat), nps: try e.number(.nps), ces: try e.number(.ces))))
        case nil:
            throw e.error(.type, "an event needs a \"type\": message, status or feedback")
        case let other?:
            throw e.error(.type, "unknown event type \"\(other)\"; expected message, status or feedback")
        }
    }

    /// Stable sort by time, so a history exported out of order still reads forwards.
    /// Events without a time keep their place relative to their neighbours.
    static func orderedByTime(_ events: [CaseEvent]) -> [CaseEvent] {
        guard events.allSatisfy({ $0.at != nil }) else { return events }
        var isSorted = true
        for i in events.indices.dropFirst() where events[i].at! < events[i - 1].at! {
            isSorted = false
            break
        }
        if isSorted { return events }
        return events.enumerated().sorted { a, b in
            a.element.at! != b.element.at! ? a.element.at! < b.element.at! : a.offset < b.offset
        }.map(\.element)
    }
}

/// Where an object stands in a case, worded only when an error names a field in it.
enum CaseFieldPath {
    case top, customer, event(Int), promise(Int)

    /// The object itself: `events[2]`.
    var field: String {
        switch self {
        case .top: ""
        case .customer: "customer"
        case .event(let i): "events[\(i)]"
        case .promise(let i): "events[\(i)].promise"
        }
    }

    /// What goes before a field of it: `events[2].`.
    var prefix: String { field.isEmpty ? "" : field + "." }
}

/// Reads typed fields of one object of a case, naming the field path in every error.
struct FieldReader<Key: CaseFieldKey> {
    let members: CaseFields.Object<Key>
    let path: CaseFieldPath

    func error(_ key: Key, _ message: String) -> CaseDecodingError {
        CaseDecodingError(field: path.prefix + key.name, position: members[key]?.position ?? members.position, message: message)
    }

    func string(_ key: Key, allowNumber: Bool = false) throws(CaseDecodingError) -> String? {
        guard let n = members[key] else { return nil }
        switch n.content {
        case .string(let s): return s
        case .null: return nil
        case .number(let d) where allowNumber: return AttributeValue.number(d).display
        default: throw error(key, "\"\(key.name)\" must be a string, found \(n.kindDescription)")
        }
    }

    func number(_ key: Key) throws(CaseDecodingError) -> Double? {
        guard let n = members[key] else { return nil }
        switch n.content {
        case .number(let d): return d
        case .null: return nil
        case .string(let s) where Double(s.trimmingCharacters(in: .whitespaces)) != nil:
            return Double(s.trimmingCharacters(in: .whitespaces))
        default: throw error(key, "\"\(key.name)\" must be a number, found \(n.kindDescription)")
        }
    }

    func timestamp(_ key: Key) throws(CaseDecodingError) -> Date? {
        guard let text = try string(key), !text.isEmpty else { return nil }
        guard let date = ISO8601.parseTimestamp(text) else {
            throw error(key, "\"\(key.name)\" must be an ISO 8601 time between the years 0001 and 9998, such as 2026-03-01T09:00:00Z, found \"\(text)\"")
        }
        return date
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: Key) throws(CaseDecodingError) -> E? where E.RawValue == String {
        guard let text = try string(key), !text.isEmpty else { return nil }
        if let value = E(rawValue: text.lowercased()) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw error(key, "unknown \(key.name) \"\(text)\"; expected one of \(allowed)")
    }
}
