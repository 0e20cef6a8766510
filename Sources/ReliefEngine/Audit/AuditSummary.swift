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

    /// The members of an entry a summary reads: a line is read into a tree of these only
    /// (`JSONReader.readNode(keeping:)`), its evidence and playbook skipped.
    public static let fields: JSONKeep = {
        let named: JSONKeep = .members(["name": .all, "version": .all])
        return .members([
            "seq": .all, "prev": .all, "hash": .all, "recovery": .all, "situation": .all, "rules": named,
            "actor": .all, "fallback": .all, "caseId": .all, "situationRules": .all,
            "override": .members(["situation": .all, "engineSituation": .all, "reason": .all]),
            "signals": .members(["id": .all]),
            "shadow": .members(["situation": .all, "rules": named]),
        ])
    }()

    /// Counts one entry, read from its parsed line (`AuditEntry.isEntry(node)` holds), whole or
    /// with only `fields`.
    public mutating func add(_ entry: JSONNode) {
        func string(_ node: JSONNode?) -> String? { node?.stringValue }
        if entry["recovery"] != nil {
            recoveries += 1
            return
        }
        decisions += 1
        let situation = string(entry["situation"])
        bySituation[situation ?? "unknown", default: 0] += 1
        var version = "unknown"
        if let rules = entry["rules"], let name = string(rules["name"]), let v = string(rules["version"]) {
            version = "\(name) \(v)"
        }
        byRulesVersion[version, default: 0] += 1
        byActor[string(entry["actor"]) ?? "unknown", default: 0] += 1
        if entry["fallback"]?.boolValue == true { fallbacks += 1 }
        var overriddenTo: String?
        var engineSituation = situation ?? "unknown"
        let override = entry["override"]
        if let override, let to = string(override["situation"]) {
            overriddenTo = to
            if let from = string(override["engineSituation"]) { engineSituation = from }
        }
        func participate(_ part: String) {
            participation[part, default: Participation()].decisions += 1
            if let overriddenTo { participation[part]!.overriddenTo[overriddenTo, default: 0] += 1 }
        }
        for signal in entry["signals"]?.arrayValue ?? [] {
            if let id = string(signal["id"]) { participate("signal " + id) }
        }
        for rule in entry["situationRules"]?.arrayValue ?? [] {
            if let id = rule.stringValue { participate("rule " + id) }
        }
        if let sh = entry["shadow"], let shadowSituation = string(sh["situation"]) {
            shadow.decisions += 1
            if shadowSituation == engineSituation { shadow.agreed += 1 } else { shadow.differences["\(engineSituation) → \(shadowSituation)", default: 0] += 1 }
            if let r = sh["rules"], let n = string(r["name"]), let v = string(r["version"]) { shadow.rules["\(n) \(v)", default: 0] += 1 }
            if let overriddenTo {
                if overriddenTo == engineSituation { shadow.overriddenSidedWithLive += 1 }
                else if overriddenTo == shadowSituation { shadow.overriddenSidedWithShadow += 1 }
                else { shadow.overriddenSidedWithNeither += 1 }
            }
        }
        if let override, override.objectValue != nil {
            overrideCount += 1
            if overrides.count < AuditSummary.overrideLimit {
                overrides.append(OverrideRecord(
                    seq: Int(entry["seq"]?.numberValue ?? 0), caseId: string(entry["caseId"]) ?? "", actor: string(entry["actor"]) ?? "",
                    from: string(override["engineSituation"]) ?? "", to: string(override["situation"]) ?? "", reason: string(override["reason"]) ?? ""))
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
