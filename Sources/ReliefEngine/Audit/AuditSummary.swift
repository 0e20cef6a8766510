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

    public struct OverrideRecord: Sendable, Equatable {
        public var seq: Int
        public var caseId: String
        public var actor: String
        public var from: String
        public var to: String
        public var reason: String
    }

    public init() {}

    public mutating func add(_ entry: AuditEntry) {
        let body = entry.body
        func string(_ key: String) -> String? {
            if case .string(let s)? = body[key] { return s }
            return nil
        }
        decisions += 1
        bySituation[string("situation") ?? "unknown", default: 0] += 1
        var version = "unknown"
        if case .object(let rules)? = body["rules"], case .string(let name)? = rules["name"], case .string(let v)? = rules["version"] {
            version = "\(name) \(v)"
        }
        byRulesVersion[version, default: 0] += 1
        byActor[string("actor") ?? "unknown", default: 0] += 1
        if case .bool(true)? = body["fallback"] { fallbacks += 1 }
        if case .object(let o)? = body["override"] {
            overrideCount += 1
            if overrides.count < AuditSummary.overrideLimit {
                func field(_ k: String) -> String { if case .string(let s)? = o[k] { return s } else { return "" } }
                overrides.append(OverrideRecord(seq: entry.seq, caseId: string("caseId") ?? "", actor: string("actor") ?? "", from: field("engineSituation"), to: field("situation"), reason: field("reason")))
            }
        }
    }

    public var fallbackRate: Double { decisions == 0 ? 0 : Double(fallbacks) / Double(decisions) }

    public var json: JSON {
        func counts(_ d: [String: Int]) -> JSON { .object(d.mapValues { .int($0) }) }
        return .object([
            "decisions": .int(decisions),
            "bySituation": counts(bySituation),
            "byRulesVersion": counts(byRulesVersion),
            "byActor": counts(byActor),
            "fallbacks": .int(fallbacks),
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
                out += "  " + k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(n) + "  (" + formatPercent(pct) + ")\n"
            }
        }
        table("By situation", bySituation, order: Situation.allCases.reversed().map(\.rawValue))
        table("By rules version", byRulesVersion)
        table("By actor", byActor)
        out += "\nFallback: \(fallbacks) of \(decisions) (" + formatPercent(fallbackRate * 100) + ")\n"
        out += "Overrides: \(overrideCount)\n"
        for o in overrides {
            out += "  #\(o.seq) \(o.caseId) by \(o.actor): \(o.from) → \(o.to): \(o.reason)\n"
        }
        if overrideCount > overrides.count { out += "  … and \(overrideCount - overrides.count) more\n" }
        return out
    }
}

/// A percentage with one decimal, the way reports show them.
public func formatPercent(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))%"
}
