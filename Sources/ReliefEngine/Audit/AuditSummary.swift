/// Totals over an audit log for `relief audit stats`: decisions by situation, by rules version,
/// by actor, the fallback rate, and overrides with their reasons.
public struct AuditSummary: Sendable, Equatable {
    public var decisions = 0
    public var bySituation: [String: Int] = [:]
    public var byRulesVersion: [String: Int] = [:]
    public var byActor: [String: Int] = [:]
    public var fallbacks = 0
    public var overrides: [OverrideRecord] = []
    /// Overrides kept in `overrides`; the count goes on past it so memory stays bounded.
    public static let overrideLimit = 1000
    public var overrideCount = 0
    /// Entries that record a torn line moved aside after an interrupted write.
    public var recoveries = 0
    /// Per signal and per situation rule: how many decisions it took part in, and of those, how
    /// many a person overrode, by the situation they chose. The lead a rules author needs.
    public var participation: [String: Participation] = [:]
    /// Decisions that carried a shadow decision, and how they compare.
    public var shadow = ShadowComparison()

    /// How often decisions with a signal or rule in them were overridden, and to what.
    public struct Participation: Sendable, Equatable {
        public var decisions = 0
        public var overriddenTo: [String: Int] = [:]
        public var overridden: Int { overriddenTo.values.reduce(0, +) }
    }

    /// Live rules against shadow rules over the entries that carry both.
    public struct ShadowComparison: Sendable, Equatable {
        public var decisions = 0
        public var agreed = 0
        /// "live → shadow" counts, where they differ.
        public var differences: [String: Int] = [:]
        /// Overridden decisions: the person chose the live rules' situation, the shadow's, or neither.
        public var overriddenSidedWithLive = 0
        public var overriddenSidedWithShadow = 0
        public var overriddenSidedWithNeither = 0
        /// The shadow rules named in the entries, "name version".
        public var rules: [String: Int] = [:]

        public var agreement: Double { decisions == 0 ? 0 : Double(agreed) / Double(decisions) }
    }

    public struct OverrideRecord: Sendable, Equatable {
        public var seq: Int
        public var caseId: String
        public var actor: String
        public var from: String
        public var to: String
        public var reason: String
    }

    public init() {}

    /// Counts the entry on one line of the log, read straight from its bytes with `JSONReader`:
    /// only the members a summary counts are made into values, the rest (evidence, playbook) are
    /// checked and skipped. As in every reader of the log, the first of a repeated member counts.
    /// Returns false, counting nothing, when the line is not an entry (`AuditEntry.isEntry`).
    public mutating func add(line: UnsafeRawBufferPointer) -> Bool {
        var entry = EntryFields()
        do {
            var reader = try JSONReader(line)
            try entry.read(&reader)
            try reader.finish()
        } catch {
            return false
        }
        guard AuditEntry.isChainLink(seq: entry.seq, prev: entry.prev, hash: entry.hash) else { return false }
        add(entry)
        return true
    }

    private mutating func add(_ entry: EntryFields) {
        if entry.isRecovery {
            recoveries += 1
            return
        }
        decisions += 1
        let situation = entry.situation
        bySituation[situation ?? "unknown", default: 0] += 1
        var version = "unknown"
        if let name = entry.rules.name, let v = entry.rules.version {
            version = "\(name) \(v)"
        }
        byRulesVersion[version, default: 0] += 1
        byActor[entry.actor ?? "unknown", default: 0] += 1
        if entry.fallback == true { fallbacks += 1 }
        var overriddenTo: String?
        var engineSituation = situation ?? "unknown"
        if let to = entry.override.situation {
            overriddenTo = to
            if let from = entry.override.engineSituation { engineSituation = from }
        }
        func participate(_ part: String) {
            participation[part, default: Participation()].decisions += 1
            if let overriddenTo { participation[part]!.overriddenTo[overriddenTo, default: 0] += 1 }
        }
        for id in entry.signals { participate("signal " + id) }
        for id in entry.situationRules { participate("rule " + id) }
        if let shadowSituation = entry.shadow.situation {
            shadow.decisions += 1
            if shadowSituation == engineSituation { shadow.agreed += 1 } else { shadow.differences["\(engineSituation) → \(shadowSituation)", default: 0] += 1 }
            if let n = entry.shadow.rules.name, let v = entry.shadow.rules.version { shadow.rules["\(n) \(v)", default: 0] += 1 }
            if let overriddenTo {
                if overriddenTo == engineSituation { shadow.overriddenSidedWithLive += 1 }
                else if overriddenTo == shadowSituation { shadow.overriddenSidedWithShadow += 1 }
                else { shadow.overriddenSidedWithNeither += 1 }
            }
        }
        if entry.override.isObject {
            overrideCount += 1
            if overrides.count < AuditSummary.overrideLimit {
                overrides.append(OverrideRecord(
                    seq: Int(entry.seq ?? 0), caseId: entry.caseId ?? "", actor: entry.actor ?? "",
                    from: entry.override.engineSituation ?? "", to: entry.override.situation ?? "", reason: entry.override.reason ?? ""))
            }
        }
    }

    /// Adds the counts of a summary of the entries that follow this one's, so parts of a log
    /// can be summarised on several cores and joined in order.
    public mutating func merge(_ later: AuditSummary) {
        decisions += later.decisions
        bySituation.merge(later.bySituation, uniquingKeysWith: +)
        byRulesVersion.merge(later.byRulesVersion, uniquingKeysWith: +)
        byActor.merge(later.byActor, uniquingKeysWith: +)
        fallbacks += later.fallbacks
        overrides += later.overrides.prefix(max(0, AuditSummary.overrideLimit - overrides.count))
        overrideCount += later.overrideCount
        recoveries += later.recoveries
        for (part, p) in later.participation {
            participation[part, default: Participation()].decisions += p.decisions
            participation[part]!.overriddenTo.merge(p.overriddenTo, uniquingKeysWith: +)
        }
        shadow.decisions += later.shadow.decisions
        shadow.agreed += later.shadow.agreed
        shadow.differences.merge(later.shadow.differences, uniquingKeysWith: +)
        shadow.overriddenSidedWithLive += later.shadow.overriddenSidedWithLive
        shadow.overriddenSidedWithShadow += later.shadow.overriddenSidedWithShadow
        shadow.overriddenSidedWithNeither += later.shadow.overriddenSidedWithNeither
        shadow.rules.merge(later.shadow.rules, uniquingKeysWith: +)
    }

    public var fallbackRate: Double { decisions == 0 ? 0 : Double(fallbacks) / Double(decisions) }

    /// Signals and rules whose decisions people overrode, most overridden first.
    public var overriddenParticipants: [(name: String, participation: Participation)] {
        participation.filter { $0.value.overridden > 0 }
            .sorted { ($0.value.overridden, $1.key) > ($1.value.overridden, $0.key) }
            .map { ($0.key, $0.value) }
    }

    public var json: JSON {
        func counts(_ d: [String: Int]) -> JSON { .object(d.mapValues { .int($0) }) }
        return .object([
            "overriddenBy": .object(Dictionary(uniqueKeysWithValues: overriddenParticipants.map { p in
                (p.name, JSON.object(["decisions": .int(p.participation.decisions), "overridden": .int(p.participation.overridden), "to": counts(p.participation.overriddenTo)]))
            })),
            "shadow": .object([
                "decisions": .int(shadow.decisions), "agreed": .int(shadow.agreed),
                "agreement": .double((shadow.agreement * 10000).rounded() / 10000), "differences": counts(shadow.differences),
                "rules": counts(shadow.rules),
                "overridden": .object([
                    "sidedWithLive": .int(shadow.overriddenSidedWithLive), "sidedWithShadow": .int(shadow.overriddenSidedWithShadow),
                    "sidedWithNeither": .int(shadow.overriddenSidedWithNeither),
                ]),
            ]),
            "decisions": .int(decisions),
            "bySituation": counts(bySituation),
            "byRulesVersion": counts(byRulesVersion),
            "byActor": counts(byActor),
            "fallbacks": .int(fallbacks),
            "recoveries": .int(recoveries),
            "fallbackRate": .double((fallbackRate * 10000).rounded() / 10000),
            "overrides": .int(overrideCount),
            "overrideList": .array(overrides.map {
                .object(["seq": .int($0.seq), "caseId": .string($0.caseId), "actor": .string($0.actor), "from": .string($0.from), "to": .string($0.to), "reason": .string($0.reason)])
            }),
        ])
    }

    public func text(style: TextStyle = .plain) -> String {
        var out = style.bold("Decisions: \(decisions)") + "\n"
        func table(_ title: String, _ d: [String: Int], order: [String] = []) {
            out += "\n\(title)\n"
            let keys = order.filter { d[$0] != nil } + d.keys.filter { !order.contains($0) }.sorted()
            let width = keys.map(\.count).max() ?? 0
            for k in keys {
                let n = d[k]!
                let pct = decisions == 0 ? 0 : Double(n) * 100 / Double(decisions)
                out += "  " + VisibleText.escape(k).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(n) + "  (" + formatPercent(pct) + ")\n"
            }
        }
        table("By situation", bySituation, order: Situation.allCases.reversed().map(\.rawValue))
        table("By rules version", byRulesVersion)
        table("By actor", byActor)
        out += "\nFallback: \(fallbacks) of \(decisions) (" + formatPercent(fallbackRate * 100) + ")\n"
        if recoveries > 0 { out += "Recovered interrupted writes: \(recoveries) (recorded in the chain; the torn lines are in the .torn file)\n" }
        out += "Overrides: \(overrideCount)\n"
        for o in overrides {
            out += VisibleText.escape("  #\(o.seq) \(o.caseId) by \(o.actor): \(o.from) → \(o.to): \(o.reason)") + "\n"
        }
        if overrideCount > overrides.count { out += "  … and \(overrideCount - overrides.count) more\n" }
        let overridden = overriddenParticipants
        if !overridden.isEmpty {
            out += "\nOverridden decisions by signal and rule (the lead for a rules change)\n"
            for (name, p) in overridden.prefix(20) {
                let to = p.overriddenTo.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                out += "  \(VisibleText.escape(name)): \(p.overridden) of \(p.decisions) decisions overridden (to \(to))\n"
            }
        }
        return out
    }

    /// The live-against-shadow comparison, for `audit stats --shadow`.
    public func shadowText(style: TextStyle = .plain) -> String {
        let s = shadow
        guard s.decisions > 0 else { return "\nShadow: no decision in this log carries a shadow decision (triage --shadow RULES records one)\n" }
        var out = "\n" + style.bold("Shadow rules") + ": " + s.rules.keys.sorted().map(VisibleText.escape).joined(separator: ", ") + "\n"
        out += "  live and shadow agree on \(s.agreed) of \(s.decisions) decisions (" + formatPercent(s.agreement * 100) + ")\n"
        if !s.differences.isEmpty {
            out += "  where they differ (live → shadow):\n"
            for (k, n) in s.differences.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { out += "    \(k)  \(n)\n" }
        }
        let overridden = s.overriddenSidedWithLive + s.overriddenSidedWithShadow + s.overriddenSidedWithNeither
        if overridden > 0 {
            out += "  people overrode \(overridden): sided with the shadow \(s.overriddenSidedWithShadow), with the live rules \(s.overriddenSidedWithLive), with neither \(s.overriddenSidedWithNeither)\n"
        }
        return out
    }
}

/// A percentage with one decimal, the way reports show them.
public func formatPercent(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))%"
}

/// The members of an entry a summary counts, as read from its line.
private struct EntryFields {
    var seq: Double?
    var prev: String?
    var hash: String?
    var isRecovery = false
    var situation: String?
    var actor: String?
    var caseId: String?
    var fallback: Bool?
    var rules = Named()
    var override = Override()
    var signals: [String] = []
    var situationRules: [String] = []
    var shadow = Shadow()

    struct Named {
        var name: String?
        var version: String?
    }

    struct Override {
        var isObject = false
        var situation: String?
        var engineSituation: String?
        var reason: String?
    }

    struct Shadow {
        var situation: String?
        var rules = Named()
    }

    /// The top-level members counted, by the bit that marks each as seen.
    private static let keys: [StaticString] = ["seq", "prev", "hash", "recovery", "situation", "actor", "caseId", "fallback", "rules", "override", "signals", "situationRules", "shadow"]
    private static let overrideKeys: [StaticString] = ["situation", "engineSituation", "reason"]
    private static let idKey: [StaticString] = ["id"]
    private static let shadowKeys: [StaticString] = ["situation", "rules"]
    static let nameKeys: [StaticString] = ["name", "version"]

    mutating func read(_ r: inout JSONReader) throws(JSONSyntaxError) {
        guard try r.next() == .object else { throw JSONSyntaxError(message: "not an object", position: r.position()) }
        try r.members(Self.keys) { (r: inout JSONReader, member: Int) throws(JSONSyntaxError) in
            switch member {
            case 0: seq = try r.number()
            case 1: prev = try r.string()
            case 2: hash = try r.string()
            case 3:
                isRecovery = true
                try r.skipValue()
            case 4: situation = try r.string()
            case 5: actor = try r.string()
            case 6: caseId = try r.string()
            case 7: fallback = try r.bool()
            case 8: rules = try r.named()
            case 9:
                override.isObject = try r.next() == .object
                try r.members(Self.overrideKeys) { (r: inout JSONReader, member: Int) throws(JSONSyntaxError) in
                    let value = try r.string()
                    switch member {
                    case 0: override.situation = value
                    case 1: override.engineSituation = value
                    default: override.reason = value
                    }
                }
            case 10:
                try r.elements { (r: inout JSONReader) throws(JSONSyntaxError) in
                    var id: String?
                    try r.members(Self.idKey) { (r: inout JSONReader, _: Int) throws(JSONSyntaxError) in id = try r.string() }
                    if let id { signals.append(id) }
                }
            case 11:
                try r.elements { (r: inout JSONReader) throws(JSONSyntaxError) in
                    if let id = try r.string() { situationRules.append(id) }
                }
            default:
                try r.members(Self.shadowKeys) { (r: inout JSONReader, member: Int) throws(JSONSyntaxError) in
                    if member == 0 { shadow.situation = try r.string() } else { shadow.rules = try r.named() }
                }
            }
        }
    }
}

/// Typed reads that take what the tree readers' `stringValue`, `numberValue` and `boolValue`
/// take: a value of another kind is skipped and reads as nil. Members of an object are read
/// once each, the first of a repeated key counting.
private extension JSONReader {
    mutating func string() throws(JSONSyntaxError) -> String? {
        if try next() == .string { return try readString() }
        try skipValue()
        return nil
    }

    mutating func number() throws(JSONSyntaxError) -> Double? {
        if try next() == .number { return try readNumber() }
        try skipValue()
        return nil
    }

    mutating func bool() throws(JSONSyntaxError) -> Bool? {
        if try next() == .bool { return try readBool() }
        try skipValue()
        return nil
    }

    /// The members of the object at the reader named in `known` (at most 32), each handed over
    /// by its index there, the first of a repeated key only; other members, or a value that is
    /// not an object, are skipped.
    mutating func members(_ known: [StaticString], _ visit: (inout JSONReader, Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        guard try next() == .object else { return try skipValue() }
        var object = try beginObject()
        var seen: UInt32 = 0
        while let index = try nextKey(in: &object, among: known) {
            guard index >= 0, seen & 1 << index == 0 else {
                try skipValue()
                continue
            }
            seen |= 1 << index
            try visit(&self, index)
        }
    }

    /// The elements of the array at the reader; anything else is skipped.
    mutating func elements(_ visit: (inout JSONReader) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        guard try next() == .array else { return try skipValue() }
        var array = try beginArray()
        while try nextElement(in: &array) { try visit(&self) }
    }

    /// `{"name": …, "version": …}`.
    mutating func named() throws(JSONSyntaxError) -> EntryFields.Named {
        var named = EntryFields.Named()
        try members(EntryFields.nameKeys) { (r: inout JSONReader, member: Int) throws(JSONSyntaxError) in
            if member == 0 { named.name = try r.string() } else { named.version = try r.string() }
        }
        return named
    }
}
