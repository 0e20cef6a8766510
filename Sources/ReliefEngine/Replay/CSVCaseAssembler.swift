import Foundation

/// Turns the rows of a helpdesk export (one row per message) into cases: maps columns to case
/// fields, groups rows by case id wherever they stand in the file, and orders each case's
/// events by time (rows without a time keep their place when any row lacks one).
///
/// A case is complete only when the file ends, because any later row may belong to it. To keep
/// memory flat whatever the file's size, at most `heldRowLimit` rows wait at once. Past that, the
/// case that has gone longest without a new row is handed out early with the rows it has
/// (`casesReplayedEarly` counts them). A row that arrives later for such a case is refused
/// with an error (the case was already replayed); the ids of the last `rememberedLimit` early
/// cases are kept to recognise such rows. A file sorted by case, or by time with cases that do
/// not stay open across more than `heldRowLimit` rows, never reaches the limit's effects.
public struct CSVCaseAssembler: Sendable {
    public static let defaultHeldRowLimit = 100_000
    public static let rememberedLimit = 100_000

    /// A row that could not be used. `fatal` means the header itself was unusable and the rest
    /// of the file will not be read.
    public struct RowError: Error, Sendable, Equatable {
        public var line: Int
        /// The byte column, when the problem is a byte (invalid UTF-8).
        public var column: Int? = nil
        public var field: String?
        public var message: String
        public var fatal = false
        /// The header lacks a column the mapping needs: perhaps it was split at the wrong delimiter.
        public var missingColumn = false
    }

    private struct Pending {
        var supportCase: SupportCase
        var firstRow: Int
        var touched: Int
        var channelFromRows = false
    }

    public let mapping: CSVColumnMapping
    public let roles: AuthorRoles
    /// The team's own words for channels, roles, journeys and stages.
    public let values: CSVValueMap
    /// How times are written, and the zone of those without an offset.
    public let times: TimePattern
    public let heldRowLimit: Int
    public private(set) var columns: [CSVField: Int]?
    public private(set) var headerWidth = 0
    public private(set) var casesReplayedEarly = 0
    /// Rows refused because their case had already been replayed early.
    public private(set) var lateRows = 0
    /// Rows (events) waiting for the rest of their case.
    public private(set) var heldRows = 0
    /// Rows written by a bot or the system: skipped as messages, counted.
    public private(set) var botRows = 0
    public private(set) var systemRows = 0
    /// Rows whose channel Relief does not know: kept, with the channel `other`.
    public private(set) var unknownChannelRows = 0
    /// The first few such channel values, in the order met, for the warning.
    public private(set) var unknownChannels: [String] = []

    private var failed = false
    private var rowNumber = 0
    private var pending: [String: Pending] = [:]
    /// (case id, touch stamp) in touch order; stale entries are dropped when met.
    private var touchQueue: [(id: String, stamp: Int)] = []
    private var touchQueueStart = 0
    private var replayedEarly: Set<String> = []
    private var replayedEarlyOrder: [String] = []
    private var replayedEarlyStart = 0

    public init(mapping: CSVColumnMapping = CSVColumnMapping(), roles: AuthorRoles = AuthorRoles(), values: CSVValueMap = CSVValueMap(),
                times: TimePattern = .iso8601(), heldRowLimit: Int = CSVCaseAssembler.defaultHeldRowLimit) {
        self.mapping = mapping
        self.roles = roles
        self.values = values
        self.times = times
        self.heldRowLimit = max(1, heldRowLimit)
    }

    /// Adds one record: the first is the header. Returns the cases handed out early to keep
    /// memory bounded (usually none). Throws for a row that is left out; the next rows still count.
    public mutating func add(_ record: CSVRecord) throws(RowError) -> [SupportCase] {
        if failed { return [] }
        guard let columns else {
            if let error = record.error {
                failed = true
                throw RowError(line: error.line, column: error.column, field: nil, message: "the header row is malformed: \(error.message)", fatal: true)
            }
            do {
                columns = try mapping.resolve(header: record.fields)
            } catch {
                failed = true
                throw RowError(line: record.line, field: nil, message: error.message, fatal: true, missingColumn: true)
            }
            headerWidth = record.fields.count
            return []
        }
        if let error = record.error {
            throw RowError(line: error.line, column: error.column, field: nil, message: error.message)
        }
        guard record.fields.count == headerWidth else {
            throw RowError(line: record.line, field: nil, message: "the row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(headerWidth)")
        }
        func value(_ field: CSVField) -> String? {
            guard let index = columns[field] else { return nil }
            let v = record.fields[index].trimmingSpaces
            return v.isEmpty ? nil : v
        }
        func fail(_ field: CSVField, _ message: String) -> RowError {
            RowError(line: record.line, field: field.name, message: message)
        }

        guard let id = value(.caseId) else { throw fail(.caseId, "the case id is empty") }
        if pending[id] == nil, replayedEarly.contains(id) {
            lateRows += 1
            throw fail(.caseId, "case '\(id)' was already replayed: more than \(heldRowLimit) rows were waiting for their cases, so it was replayed with the rows it had; raise the limit with --hold-rows or sort the file by case")
        }

        // Read and check the whole row before it touches any case.
        let at = try timestamp(value(.at), .at, record.line)
        var author = AuthorRole.customer
        if columns[.from] != nil {
            guard let written = value(.from) else { throw fail(.from, "the author role is empty") }
            guard let role = roles.role(values.apply(.from, written)) else {
                throw fail(.from, "unknown author role '\(written)'; customer roles are \(roles.customer.joined(separator: ", ")), agent roles \(roles.agent.joined(separator: ", ")), bot roles \(roles.bot.joined(separator: ", ")) and system roles \(roles.system.joined(separator: ", ")) (map your own with --map from:\(written.lowercased())=customer|agent|bot|system)")
            }
            author = role
        }
        var unknownChannel: String?
        let channel: Channel? = value(.channel).map { text in
            if let c = Self.channel(values.apply(.channel, text)) { return c }
            unknownChannel = text
            return .other
        }
        let journey: Journey? = try value(.journey).map { (text) throws(RowError) -> Journey in
            guard let j = Journey(rawValue: values.apply(.journey, text)) else {
                throw fail(.journey, "unknown journey '\(text)'; expected one of \(Journey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return j
        }
        let stage: Stage? = try value(.stage).map { (text) throws(RowError) -> Stage in
            guard let s = Stage(rawValue: values.apply(.stage, text)) else { throw fail(.stage, "unknown stage '\(text)'; expected before, during or after") }
            return s
        }
        let openedAt = try timestamp(value(.openedAt), .openedAt, record.line)
        let tenure = try number(value(.tenureMonths), .tenureMonths, record.line)
        let feedback = Feedback(
            csat: try number(value(.csat), .csat, record.line),
            nps: try number(value(.nps), .nps, record.line),
            ces: try number(value(.ces), .ces, record.line))
        let status = value(.status).map { values.apply(.status, $0) }
        let hasFeedback = feedback.csat != nil || feedback.nps != nil || feedback.ces != nil

        var events: [CaseEvent] = []
        let text = columns[.text].map { record.fields[$0] } ?? ""
        switch author {
        case .customer, .agent:
            if !text.trimmingSpaces.isEmpty || (status == nil && !hasFeedback) {
                let party: Party = author == .customer ? .customer : .agent
                events.append(CaseEvent(at: at, kind: .message(from: party, text: text, channel: channel, promise: nil)))
            }
        case .bot: botRows += 1
        case .system: systemRows += 1
        }
        // An auto-reply is not a person answering, but the ticket's status and feedback it carries still count.
        if let status { events.append(CaseEvent(at: at, kind: .status(status))) }
        if hasFeedback { events.append(CaseEvent(at: at, kind: .feedback(feedback))) }
        if let unknownChannel, !events.isEmpty {
            unknownChannelRows += 1
            if unknownChannels.count < 5, !unknownChannels.contains(unknownChannel) { unknownChannels.append(unknownChannel) }
        }
        if events.isEmpty { return [] }

        rowNumber += 1
        // Taken out of the table while it grows: a case still held there would be copied whole
        // on every row (copy on write), which made one long ticket quadratientry.supportCase.
        var entry = pending.removeValue(forKey: id) ?? Pending(supportCase: SupportCase(id: id), firstRow: rowNumber, touched: 0)
        entry.touched = rowNumber
        func fill(_ c: inout SupportCase) {
            if c.openedAt == nil { c.openedAt = openedAt }
            if c.journey == nil { c.journey = journey }
            if c.stage == nil { c.stage = stage }
            if c.subject == nil { c.subject = value(.subject) }
            if c.customer.id == nil { c.customer.id = value(.customerId) }
            if c.customer.name == nil { c.customer.name = value(.customerName) }
            if c.customer.segment == nil { c.customer.segment = value(.segment) }
            if c.customer.language == nil { c.customer.language = value(.language)?.lowercased() }
            if c.customer.tenureMonths == nil { c.customer.tenureMonths = tenure }
            for (field, index) in columns {
                guard case .attribute(let key) = field, c.attributes[key] == nil else { continue }
                let raw = record.fields[index].trimmingSpaces
                guard !raw.isEmpty else { continue }
                switch raw.lowercased() {
                case "true": c.attributes[key] = .bool(true)
                case "false": c.attributes[key] = .bool(false)
                default: c.attributes[key] = .string(raw)
                }
            }
            c.events.append(contentsOf: events)
        }
        fill(&entry.supportCase)
        pending[id] = entry
        heldRows += events.count
        touchQueue.append((id, rowNumber))

        var early: [SupportCase] = []
        while heldRows > heldRowLimit, let evicted = evictLeastRecent() {
            early.append(evicted)
        }
        return early
    }

    /// Ends the file: every waiting case, in the order of its first row.
    public mutating func finish() -> [SupportCase] {
        let cases = pending.values.sorted { $0.firstRow < $1.firstRow }.map { Self.complete($0.supportCase) }
        pending = [:]
        touchQueue = []
        touchQueueStart = 0
        heldRows = 0
        return cases
    }

    private mutating func evictLeastRecent() -> SupportCase? {
        while touchQueueStart < touchQueue.count {
            let (id, stamp) = touchQueue[touchQueueStart]
            touchQueueStart += 1
            guard let entry = pending[id], entry.touched == stamp else { continue }
            compactQueue()
            pending[id] = nil
            heldRows -= entry.supportCase.events.count
            casesReplayedEarly += 1
            remember(id)
            return Self.complete(entry.supportCase)
        }
        return nil
    }

    private mutating func compactQueue() {
        if touchQueueStart > 4096 && touchQueueStart * 2 > touchQueue.count {
            touchQueue.removeFirst(touchQueueStart)
            touchQueueStart = 0
        }
    }

    private mutating func remember(_ id: String) {
        replayedEarly.insert(id)
        replayedEarlyOrder.append(id)
        if replayedEarly.count > Self.rememberedLimit {
            replayedEarly.remove(replayedEarlyOrder[replayedEarlyStart])
            replayedEarlyStart += 1
            if replayedEarlyStart > 4096 && replayedEarlyStart * 2 > replayedEarlyOrder.count {
                replayedEarlyOrder.removeFirst(replayedEarlyStart)
                replayedEarlyStart = 0
            }
        }
    }

    /// Orders the events by time and takes the case's channel from its first message.
    private static func complete(_ c: SupportCase) -> SupportCase {
        var result = c
        result.events = CaseDecoder.orderedByTime(c.events)
        if result.channel == nil {
            for event in result.events {
                if case .message(from: .customer, _, let channel?, _) = event.kind { result.channel = channel; break }
            }
        }
        return result
    }

    private func timestamp(_ text: String?, _ field: CSVField, _ line: Int) throws(RowError) -> Date? {
        guard let text else { return nil }
        guard let date = times.date(text) else {
            var expected = times.text == "iso8601"
                ? "ISO 8601 such as 2026-03-01 09:00:00 or 2026-03-01T09:00:00Z"
                : "the time format '\(times.text)'"
            // Day first with dots is how Estonian (and most European) exports write times.
            if times.text == "iso8601", let dotted = try? TimePattern.parse("d.M.yyyy H:mm[:ss]"), dotted.date(text) != nil {
                expected += "; it looks like --time-format 'dd.MM.yyyy HH:mm[:ss]'"
            } else if times.text == "iso8601" {
                expected += " (for other ways of writing times, see --time-format)"
            }
            throw RowError(line: line, field: field.name, message: "'\(text)' is not a time; expected \(expected)")
        }
        return date
    }

    private func number(_ text: String?, _ field: CSVField, _ line: Int) throws(RowError) -> Double? {
        guard let text else { return nil }
        guard let n = Double(text.replacingOccurrences(of: ",", with: ".")), n.isFinite else {
            throw RowError(line: line, field: field.name, message: "'\(text)' is not a number")
        }
        return n
    }

    /// A channel name, with the names helpdesks often use for ours.
    static func channel(_ text: String) -> Channel? {
        let t = text.lowercased()
        if let c = Channel(rawValue: t) { return c }
        switch t {
        case "mail", "e-mail", "e-post", "epost", "e-kiri", "meil": return .email
        case "telefon", "kõne", "helistamine": return .phone
        case "vestlus", "veebivestlus", "jutuk": return .chat
        case "veeb", "veebivorm", "iseteenindus": return .web
        case "kauplus", "pood", "esindus", "kontor": return .store
        case "sotsiaalmeedia": return .social
        case "sõnum", "tekstisõnum": return .sms
        case "voice", "call", "telephone": return .phone
        case "messaging", "whatsapp", "messenger", "livechat", "live chat": return .chat
        case "twitter", "facebook", "instagram", "x": return .social
        case "text": return .sms
        case "form", "webform", "web form", "portal", "api": return .web
        case "walk-in", "office", "shop": return .store
        default: return nil
        }
    }
}
