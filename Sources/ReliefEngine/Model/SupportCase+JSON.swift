import Foundation

extension SupportCase {
    /// The case in the triage input format, with `events` in their order and keys sorted: what a
    /// case assembled from CSV rows is recorded by (`caseDigest` is SHA-256 of its compact
    /// form), since no single run of input bytes holds it. The same case gives the same bytes.
    public var json: JSON {
        var object: [String: JSON] = ["id": .string(id), "events": .array(events.map(Self.json))]
        if let openedAt { object["openedAt"] = .string(ISO8601.format(openedAt)) }
        if let channel { object["channel"] = .string(channel.rawValue) }
        if let journey { object["journey"] = .string(journey.rawValue) }
        if let stage { object["stage"] = .string(stage.rawValue) }
        if let subject { object["subject"] = .string(subject) }
        var person: [String: JSON] = [:]
        if let v = customer.id { person["id"] = .string(v) }
        if let v = customer.name { person["name"] = .string(v) }
        if let v = customer.segment { person["segment"] = .string(v) }
        if let v = customer.language { person["language"] = .string(v) }
        if let v = customer.tenureMonths { person["tenureMonths"] = .double(v) }
        if !person.isEmpty { object["customer"] = .object(person) }
        if !attributes.isEmpty {
            object["attributes"] = .object(attributes.mapValues { value in
                switch value {
                case .string(let s): return .string(s)
                case .number(let n): return .double(n)
                case .bool(let b): return .bool(b)
                case .null: return .null
                }
            })
        }
        return .object(object)
    }

    private static func json(_ event: CaseEvent) -> JSON {
        var object: [String: JSON] = [:]
        if let at = event.at { object["at"] = .string(ISO8601.format(at)) }
        switch event.kind {
        case .message(let from, let text, let channel, let promise):
            object["type"] = .string("message")
            object["from"] = .string(from.rawValue)
            object["text"] = .string(text)
            if let channel { object["channel"] = .string(channel.rawValue) }
            if let promise {
                var p: [String: JSON] = ["due": .string(ISO8601.format(promise.due))]
                if let what = promise.what { p["what"] = .string(what) }
                object["promise"] = .object(p)
            }
        case .status(let status):
            object["type"] = .string("status")
            object["status"] = .string(status)
        case .feedback(let f):
            object["type"] = .string("feedback")
            if let v = f.csat { object["csat"] = .double(v) }
            if let v = f.nps { object["nps"] = .double(v) }
            if let v = f.ces { object["ces"] = .double(v) }
        }
        return .object(object)
    }
}
