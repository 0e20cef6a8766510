/// A case field that a column of a helpdesk export can fill, one row per message.
public enum CSVField: Hashable, Sendable {
    case caseId, at, from, text, channel
    case subject, journey, stage, openedAt, customerId, customerName, segment, language, tenureMonths
    case status, csat, nps, ces
    /// `attributes.NAME`: a free-form attribute for field signals.
    case attribute(String)

    /// The names `--columns` uses, in the order the docs list them.
    public static let named: [(String, CSVField)] = [
        ("case", .caseId), ("at", .at), ("from", .from), ("text", .text), ("channel", .channel),
        ("subject", .subject), ("journey", .journey), ("stage", .stage), ("opened", .openedAt),
        ("customer", .customerId), ("name", .customerName), ("segment", .segment), ("language", .language),
        ("tenure", .tenureMonths), ("status", .status), ("csat", .csat), ("nps", .nps), ("ces", .ces),
    ]

    public var name: String {
        if case .attribute(let key) = self { return "attributes." + key }
        return Self.named.first { $0.1 == self }!.0
    }

    /// Header names recognised when `--columns` does not name the field, in English and in
    /// Estonian, compared without regard to case, spaces, `_`, `-` and `.` ("Ticket ID" is `ticket_id`).
    public var defaultHeaders: [String] {
        switch self {
        case .caseId: return ["case", "case_id", "ticket_id", "ticket", "conversation_id", "pilet", "pileti_nr", "juhtum", "pöördumine"]
        case .at: return ["at", "created_at", "timestamp", "time", "created", "aeg", "kuupäev", "loodud"]
        case .from: return ["from", "author_role", "role", "author_type", "sender_type", "autor", "saatja", "roll"]
        case .text: return ["text", "body", "message", "comment", "content", "sõnum", "tekst", "kommentaar"]
        case .channel: return ["channel", "via", "kanal"]
        case .subject: return ["subject", "title", "teema", "pealkiri"]
        case .journey: return ["journey"]
        case .stage: return ["stage"]
        case .openedAt: return ["opened", "opened_at", "avatud"]
        case .customerId: return ["customer", "customer_id", "requester_id", "klient", "kliendi_id"]
        case .customerName: return ["name", "customer_name", "requester_name", "nimi", "kliendi_nimi"]
        case .segment: return ["segment", "customer_segment", "kliendigrupp"]
        case .language: return ["language", "lang", "locale", "keel"]
        case .tenureMonths: return ["tenure", "tenure_months"]
        case .status: return ["status", "staatus", "olek"]
        case .csat: return ["csat"]
        case .nps: return ["nps"]
        case .ces: return ["ces"]
        case .attribute: return []
        }
    }
}

/// A problem with the column mapping or a file's header: the file cannot be read as cases.
public struct CSVMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Which header each case field is read from: `--columns case=ticket_id,at=created_at,...`, and
/// for fields it does not name, the first header among `CSVField.defaultHeaders`.
public struct CSVColumnMapping: Sendable, Equatable {
    /// Fields named on the command line, with their header.
    public var explicit: [(field: CSVField, header: String)]

    public init(explicit: [(field: CSVField, header: String)] = []) {
        self.explicit = explicit
    }

    public static func == (a: CSVColumnMapping, b: CSVColumnMapping) -> Bool {
        a.explicit.map(\.field) == b.explicit.map(\.field) && a.explicit.map(\.header) == b.explicit.map(\.header)
    }

    /// Parses `field=header,field=header`.
    public static func parse(_ spec: String) throws(CSVMappingError) -> CSVColumnMapping {
        var explicit: [(field: CSVField, header: String)] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: true) {
            guard let eq = part.firstIndex(of: "=") else {
                throw CSVMappingError(message: "'\(part)' in --columns must be field=header, such as case=ticket_id")
            }
            let name = part[..<eq].trimmingSpaces.lowercased()
            let header = part[part.index(after: eq)...].trimmingSpaces
            guard !header.isEmpty else { throw CSVMappingError(message: "no header given for '\(name)' in --columns") }
            let field: CSVField
            if name.hasPrefix("attributes."), name.count > 11 {
                field = .attribute(String(part[..<eq].trimmingSpaces.dropFirst(11)))
            } else if let found = CSVField.named.first(where: { $0.0 == name }) {
                field = found.1
            } else {
                let names = CSVField.named.map(\.0)
                let known = "known fields are \(names.joined(separator: ", ")) and attributes.NAME"
                let message = closestMatch(to: name, in: names).map { "did you mean '\($0)'? (\(known))" } ?? known
                throw CSVMappingError(message: "unknown case field '\(name)' in --columns; \(message)")
            }
            if explicit.contains(where: { $0.field == field }) {
                throw CSVMappingError(message: "'\(field.name)' is mapped twice in --columns")
            }
            explicit.append((field, header))
        }
        return CSVColumnMapping(explicit: explicit)
    }

    /// A header as compared: lower case, without spaces, `_`, `-` and `.`.
    static func headerKey(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) })
    }

    /// The column index of each field found in `header`. The case id column is required; a
    /// header `--columns` names must exist.
    public func resolve(header: [String]) throws(CSVMappingError) -> [CSVField: Int] {
        let normalized = header.map(Self.headerKey)
        var result: [CSVField: Int] = [:]
        for (field, name) in explicit {
            let exact = header.firstIndex { $0.trimmingSpaces.lowercased() == name.lowercased() }
            guard let index = exact ?? normalized.firstIndex(of: Self.headerKey(name)) else {
                throw CSVMappingError(message: "--columns maps \(field.name) to '\(name)', but the header has no such column; it has \(header.map { "'\($0)'" }.joined(separator: ", "))")
            }
            result[field] = index
        }
        for (_, field) in CSVField.named where result[field] == nil {
            for candidate in field.defaultHeaders {
                if let index = normalized.firstIndex(of: Self.headerKey(candidate)), !result.values.contains(index) {
                    result[field] = index
                    break
                }
            }
        }
        guard result[.caseId] != nil else {
            throw CSVMappingError(message: "no case id column: the header has \(header.map { "'\($0)'" }.joined(separator: ", ")); name it with --columns case=HEADER")
        }
        return result
    }
}

/// Who wrote a row of an export. Customer and agent rows are the case's messages; bot and
/// system rows (auto-replies, triggers, notes) are skipped and counted.
public enum AuthorRole: String, CaseIterable, Sendable {
    case customer, agent, bot, system
}

/// Which author role values mean whom, compared without regard to case. The defaults cover
/// common helpdesks in English and Estonian; `--customer-role`, `--agent-role` and `--map
/// from:VALUE=ROLE` add a team's own words.
public struct AuthorRoles: Sendable, Equatable {
    public static let defaultCustomer = ["customer", "end-user", "end_user", "enduser", "requester", "user", "client", "contact", "visitor", "klient", "kasutaja"]
    public static let defaultAgent = ["agent", "admin", "administrator", "staff", "support", "operator", "employee", "teenindaja", "klienditeenindaja", "töötaja", "operaator"]
    public static let defaultBot = ["bot", "chatbot", "robot", "automation", "assistant", "virtual assistant", "virtuaalassistent"]
    public static let defaultSystem = ["system", "trigger", "automatic", "note", "internal", "süsteem", "automaatne", "märkus"]

    public var customer: [String]
    public var agent: [String]
    public var bot: [String]
    public var system: [String]

    public init(customer: [String] = AuthorRoles.defaultCustomer, agent: [String] = AuthorRoles.defaultAgent,
                bot: [String] = AuthorRoles.defaultBot, system: [String] = AuthorRoles.defaultSystem) {
        self.customer = customer.map { $0.lowercased() }
        self.agent = agent.map { $0.lowercased() }
        // A role named as a customer's or an agent's is theirs, even if a default calls it a bot.
        let people = Set(self.customer + self.agent)
        self.bot = bot.map { $0.lowercased() }.filter { !people.contains($0) }
        self.system = system.map { $0.lowercased() }.filter { !people.contains($0) }
    }

    public func role(_ value: String) -> AuthorRole? {
        let r = value.trimmingSpaces.lowercased()
        if customer.contains(r) { return .customer }
        if agent.contains(r) { return .agent }
        if let named = AuthorRole(rawValue: r) { return named }
        if bot.contains(r) { return .bot }
        if system.contains(r) { return .system }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
