import Foundation

/// The JSON form of a decision: what `relief triage --json` and `--stream` print, and what
/// scripts build on. Field names are part of the contract; README.md documents each one.
public enum DecisionJSON {
    /// The compact form, written straight to bytes: what `--stream` prints for every case.
    /// Byte for byte `JSONWriter.write(json(d))`, without building the tree first; members are
    /// written in sorted key order by hand, and a test holds the two forms equal.
    public static func write(_ d: Decision, into array: inout [UInt8]) {
        var out = ByteSink(capacity: 4096)
        write(d, into: &out)
        out.append(to: &array)
    }

    static func write(_ d: Decision, into out: inout ByteSink) {
        var w = ObjectWriter()
        w.open(&out)
        w.string("caseId", d.caseId, &out)
        w.key("expectations", &out)
        stringArray(d.expectations.map(\.rawValue), &out)
        if let explanation = d.explanation {
            w.key("explain", &out)
            var tree: [UInt8] = []
            JSONWriter.writeBytes(explain(explanation), into: &tree)
            tree.withUnsafeBufferPointer { out.write($0) }
        }
        w.key("fallback", &out)
        out.write(d.fallback ? "true" : "false")
        w.optionalString("firstResponseBy", d.firstResponseBy.map(ISO8601.format), &out)
        w.string("firstResponseTarget", d.firstResponseTarget.text, &out)
        w.string("language", d.language, &out)
        if let o = d.override {
            w.key("override", &out)
            var ow = ObjectWriter()
            ow.open(&out)
            ow.string("engineSituation", o.engineSituation.rawValue, &out)
            ow.string("reason", o.reason, &out)
            ow.string("situation", d.situation.rawValue, &out)
            ow.close(&out)
        }
        w.string("reliefMoment", d.reliefMoment, &out)
        w.key("responses", &out)
        out.write(0x5B)
        for (i, r) in d.responses.enumerated() {
            if i > 0 { out.write(0x2C) }
            var rw = ObjectWriter()
            rw.open(&out)
            rw.optionalString("by", r.by.map(ISO8601.format), &out)
            rw.key("do", &out)
            stringArray(r.actions, &out)
            rw.string("expectation", r.expectation.rawValue, &out)
            rw.string("id", r.id, &out)
            rw.string("owner", r.owner, &out)
            rw.string("ownerName", r.ownerName, &out)
            rw.string("say", r.say, &out)
            rw.string("situation", r.situation.rawValue, &out)
            rw.string("tone", r.tone, &out)
            rw.string("within", r.within.text, &out)
            rw.close(&out)
        }
        out.write(0x5D)
        w.key("rules", &out)
        var rules = ObjectWriter()
        rules.open(&out)
        rules.string("name", d.rulesName, &out)
        rules.string("version", d.rulesVersion, &out)
        rules.close(&out)
        w.key("signals", &out)
        out.write(0x5B)
        for (i, signal) in d.signals.enumerated() {
            if i > 0 { out.write(0x2C) }
            var sw = ObjectWriter()
            sw.open(&out)
            sw.key("evidence", &out)
            out.write(0x5B)
            for (j, e) in signal.evidence.enumerated() {
                if j > 0 { out.write(0x2C) }
                var ew = ObjectWriter()
                ew.open(&out)
                ew.string("matched", e.matched, &out)
                ew.string("term", e.term, &out)
                ew.close(&out)
            }
            out.write(0x5D)
            sw.string("id", signal.id, &out)
            sw.close(&out)
        }
        out.write(0x5D)
        w.string("situation", d.situation.rawValue, &out)
        w.key("situations", &out)
        out.write(0x5B)
        for (i, match) in d.situations.enumerated() {
            if i > 0 { out.write(0x2C) }
            var mw = ObjectWriter()
            mw.open(&out)
            mw.key("rules", &out)
            out.write(0x5B)
            for (j, rule) in match.rules.enumerated() {
                if j > 0 { out.write(0x2C) }
                var rw = ObjectWriter()
                rw.open(&out)
                rw.string("id", rule.id, &out)
                rw.key("signals", &out)
                stringArray(rule.signals, &out)
                rw.close(&out)
            }
            out.write(0x5D)
            mw.string("situation", match.situation.rawValue, &out)
            mw.close(&out)
        }
        out.write(0x5D)
        w.key("uncovered", &out)
        stringArray(d.uncovered.map(\.rawValue), &out)
        w.string("wants", d.wants, &out)
        w.close(&out)
    }

    /// Writes one object's members, adding the commas: keys must come in sorted order.
    private struct ObjectWriter {
        var first = true

        mutating func open(_ out: inout ByteSink) { out.write(0x7B) }
        func close(_ out: inout ByteSink) { out.write(0x7D) }

        mutating func key(_ key: StaticString, _ out: inout ByteSink) {
            if !first { out.write(0x2C) }
            first = false
            out.write(0x22)
            out.write(key)
            out.write(0x22)
            out.write(0x3A)
        }

        mutating func string(_ key: StaticString, _ value: String, _ out: inout ByteSink) {
            self.key(key, &out)
            JSONWriter.appendString(value, into: &out)
        }

        mutating func optionalString(_ key: StaticString, _ value: String?, _ out: inout ByteSink) {
            self.key(key, &out)
            if let value { JSONWriter.appendString(value, into: &out) } else { out.write("null") }
        }
    }

    private static func stringArray(_ values: [String], _ out: inout ByteSink) {
        out.write(0x5B)
        for (i, v) in values.enumerated() {
            if i > 0 { out.write(0x2C) }
            JSONWriter.appendString(v, into: &out)
        }
        out.write(0x5D)
    }

    public static func json(_ d: Decision) -> JSON {
        var object: [String: JSON] = [
            "caseId": .string(d.caseId),
            "language": .string(d.language),
            "situation": .string(d.situation.rawValue),
            "situations": .array(d.situations.map { match in
                .object([
                    "situation": .string(match.situation.rawValue),
                    "rules": .array(match.rules.map { .object(["id": .string($0.id), "signals": .array($0.signals.map(JSON.string))]) }),
                ])
            }),
            "fallback": .bool(d.fallback),
            "signals": .array(d.signals.map { signal in
                .object([
                    "id": .string(signal.id),
                    "evidence": .array(signal.evidence.map { .object(["term": .string($0.term), "matched": .string($0.matched)]) }),
                ])
            }),
            "expectations": .array(d.expectations.map { .string($0.rawValue) }),
            "uncovered": .array(d.uncovered.map { .string($0.rawValue) }),
            "wants": .string(d.wants),
            "reliefMoment": .string(d.reliefMoment),
            "firstResponseTarget": .string(d.firstResponseTarget.text),
            "firstResponseBy": .optional(d.firstResponseBy.map(ISO8601.format)),
            "responses": .array(d.responses.map(response)),
            "rules": .object(["name": .string(d.rulesName), "version": .string(d.rulesVersion)]),
        ]
        if let o = d.override {
            object["override"] = .object([
                "situation": .string(d.situation.rawValue),
                "engineSituation": .string(o.engineSituation.rawValue),
                "reason": .string(o.reason),
            ])
        }
        if let explanation = d.explanation { object["explain"] = explain(explanation) }
        return .object(object)
    }

    static func explain(_ explanation: [SituationExplanation]) -> JSON {
        .array(explanation.map { s in
            .object([
                "situation": .string(s.situation.rawValue),
                "matched": .bool(s.matched),
                "rules": .array(s.rules.map { r in
                    .object(["id": .string(r.id), "about": .string(r.about), "held": .bool(r.held), "condition": trace(r.condition)])
                }),
            ])
        })
    }

    static func response(_ r: ChosenResponse) -> JSON {
        .object([
            "id": .string(r.id),
            "situation": .string(r.situation.rawValue),
            "expectation": .string(r.expectation.rawValue),
            "say": .string(r.say),
            "tone": .string(r.tone),
            "do": .array(r.actions.map(JSON.string)),
            "owner": .string(r.owner),
            "ownerName": .string(r.ownerName),
            "within": .string(r.within.text),
            "by": .optional(r.by.map(ISO8601.format)),
        ])
    }

    static func trace(_ t: ConditionTrace) -> JSON {
        switch t {
        case .signal(let id, let held): return .object(["signal": .string(id), "held": .bool(held)])
        case .all(let parts, let held): return .object(["all": .array(parts.map(trace)), "held": .bool(held)])
        case .any(let parts, let held): return .object(["any": .array(parts.map(trace)), "held": .bool(held)])
        case .not(let inner, let held): return .object(["not": trace(inner), "held": .bool(held)])
        }
    }
}
