import Foundation

/// Turns the JSON of a case into a `SupportCase`: bytes in, a case out, or an error with its
/// line, column and field. Triage, the stream, replay, eval and the desk all read cases here.
///
/// Unknown fields are ignored, because helpdesk exports carry extra columns. Known fields of the
/// wrong type or with an unknown value are errors that name the field and its position.
public enum CaseDecoder {
    /// Reads one case from JSON or JSON5 bytes (a line of JSON Lines, or a whole file).
    public static func decode(bytes: UnsafeRawBufferPointer) throws(CaseReadError) -> SupportCase {
        let node: JSONNode
        do {
            node = try JSONParser.parse(bytes: bytes)
        } catch {
            throw .syntax(error)
        }
        do {
            return try decode(node)
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

    public static func decode(_ node: JSONNode) throws(CaseDecodingError) -> SupportCase {
        guard let members = node.objectValue else {
            throw CaseDecodingError(field: "", position: node.position, message: "a case must be a JSON object, found \(node.kindDescription)")
        }
        let reader = FieldReader(members: members, path: .top, position: node.position)
        guard let idNode = reader.node("id") else {
            throw CaseDecodingError(field: "id", position: node.position, message: "a case needs an \"id\"")
        }
        let id: String
        switch idNode.value {
        case .string(let s) where !s.isEmpty: id = s
        case .number(let n): id = AttributeValue.number(n).display
        default:
            throw CaseDecodingError(field: "id", position: idNode.position, message: "\"id\" must be a non-empty string")
        }
        let openedAt = try reader.timestamp("openedAt")
        let channel: Channel? = try reader.enumValue("channel")
        var result = SupportCase(
            id: id,
            openedAt: openedAt,
            channel: channel,
            journey: try reader.enumValue("journey"),
            stage: try reader.enumValue("stage"),
            subject: try reader.string("subject")
        )
        if let customerNode = reader.node("customer"), !customerNode.isNull {
            guard let customerMembers = customerNode.objectValue else {
                throw CaseDecodingError(field: "customer", position: customerNode.position, message: "\"customer\" must be an object, found \(customerNode.kindDescription)")
            }
            let c = FieldReader(members: customerMembers, path: .customer, position: customerNode.position)
            result.customer = Customer(
                id: try c.string("id", allowNumber: true),
                name: try c.string("name"),
                segment: try c.string("segment"),
                language: try c.string("language")?.lowercased(),
                tenureMonths: try c.number("tenureMonths")
            )
        }
        if let attributesNode = reader.node("attributes"), !attributesNode.isNull {
            guard let attributeMembers = attributesNode.objectValue else {
                throw CaseDecodingError(field: "attributes", position: attributesNode.position, message: "\"attributes\" must be an object, found \(attributesNode.kindDescription)")
            }
            for member in attributeMembers {
                switch member.value.value {
                case .string(let s): result.attributes[member.key] = .string(s)
                case .number(let n): result.attributes[member.key] = .number(n)
                case .bool(let b): result.attributes[member.key] = .bool(b)
                case .null: result.attributes[member.key] = .null
                case .array, .object:
                    // Nested structures cannot be compared by field signals; keeping them out is
                    // safer than guessing, and exports often carry such extras.
                    continue
                }
            }
        }
        if let text = try reader.string("text"), !text.isEmpty {
            result.events.append(CaseEvent(at: openedAt, kind: .message(from: .customer, text: text, channel: channel, promise: nil)))
        }
        if let eventsNode = reader.node("events"), !eventsNode.isNull {
            guard let items = eventsNode.arrayValue else {
                throw CaseDecodingError(field: "events", position: eventsNode.position, message: "\"events\" must be an array, found \(eventsNode.kindDescription)")
            }
            var decoded: [CaseEvent] = []
            decoded.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                decoded.append(try decodeEvent(item, index: index))
            }
            result.events.append(contentsOf: orderedByTime(decoded))
        }
        return result
    }

    /// Decodes the event at `index` of `events`.
    static func decodeEvent(_ node: JSONNode, index: Int) throws(CaseDecodingError) -> CaseEvent {
        guard let members = node.objectValue else {
            throw CaseDecodingError(field: CaseFieldPath.event(index).field, position: node.position, message: "an event must be an object, found \(node.kindDescription)")
        }
        let e = FieldReader(members: members, path: .event(index), position: node.position)
        let at = try e.timestamp("at")
        // Without "type", the keys tell what the event is, as exports often omit it.
        func inferred() -> String? {
            if e.node("status") != nil { return "status" }
            if e.node("csat") != nil || e.node("nps") != nil || e.node("ces") != nil { return "feedback" }
            if e.node("text") != nil || e.node("from") != nil { return "message" }
            return nil
        }
        let type = try e.string("type")?.lowercased() ?? inferred()
        switch type {
        case "message":
            let fromText = try e.string("from")?.lowercased() ?? "customer"
            guard let from = Party(rawValue: fromText) else {
                throw e.error("from", "\"from\" must be \"customer\" or \"agent\", found \"\(fromText)\"")
            }
            var promise: Promise?
            if let promiseNode = e.node("promise"), !promiseNode.isNull {
                guard let promiseMembers = promiseNode.objectValue else {
                    throw CaseDecodingError(field: CaseFieldPath.event(index).prefix + "promise", position: promiseNode.position, message: "\"promise\" must be an object with \"due\"")
                }
                let p = FieldReader(members: promiseMembers, path: .promise(index), position: promiseNode.position)
                guard let due = try p.timestamp("due") else {
                    throw CaseDecodingError(field: CaseFieldPath.promise(index).prefix + "due", position: promiseNode.position, message: "a promise needs a \"due\" time")
                }
                promise = Promise(due: due, what: try p.string("what"))
            }
            return CaseEvent(at: at, kind: .message(from: from, text: try e.string("text") ?? "", channel: try e.enumValue("channel"), promise: promise))
        case "status":
            guard let status = try e.string("status"), !status.isEmpty else {
                throw e.error("status", "a status event needs a \"status\"")
            }
            return CaseEvent(at: at, kind: .status(status.lowercased()))
        case "feedback":
            return CaseEvent(at: at, kind: .feedback(Feedback(csat: try e.number("csat"), nps: try e.number("nps"), ces: try e.number("ces"))))
        case nil:
            throw e.error("type", "an event needs a \"type\": message, status or feedback")
        case let other?:
            throw e.error("type", "unknown event type \"\(other)\"; expected message, status or feedback")
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

/// Reads typed fields of one JSON object, naming the field path in every error.
struct FieldReader {
    let members: [JSONMember]
    let path: CaseFieldPath
    let position: SourcePosition

    func node(_ key: String) -> JSONNode? {
        members.first(where: { $0.key == key })?.value
    }

    func error(_ key: String, _ message: String) -> CaseDecodingError {
        CaseDecodingError(field: path.prefix + key, position: node(key)?.position ?? position, message: message)
    }

    func string(_ key: String, allowNumber: Bool = false) throws(CaseDecodingError) -> String? {
        guard let n = node(key) else { return nil }
        switch n.value {
        case .string(let s): return s
        case .null: return nil
        case .number(let d) where allowNumber: return AttributeValue.number(d).display
        default: throw error(key, "\"\(key)\" must be a string, found \(n.kindDescription)")
        }
    }

    func number(_ key: String) throws(CaseDecodingError) -> Double? {
        guard let n = node(key) else { return nil }
        switch n.value {
        case .number(let d): return d
        case .null: return nil
        case .string(let s) where Double(s.trimmingCharacters(in: .whitespaces)) != nil:
            return Double(s.trimmingCharacters(in: .whitespaces))
        default: throw error(key, "\"\(key)\" must be a number, found \(n.kindDescription)")
        }
    }

    func timestamp(_ key: String) throws(CaseDecodingError) -> Date? {
        guard let text = try string(key), !text.isEmpty else { return nil }
        guard let date = ISO8601.parseTimestamp(text) else {
            throw error(key, "\"\(key)\" must be an ISO 8601 time between the years 0001 and 9998, such as 2026-03-01T09:00:00Z, found \"\(text)\"")
        }
        return date
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String) throws(CaseDecodingError) -> E? where E.RawValue == String {
        guard let text = try string(key), !text.isEmpty else { return nil }
        if let value = E(rawValue: text.lowercased()) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw error(key, "unknown \(key) \"\(text)\"; expected one of \(allowed)")
    }
}
