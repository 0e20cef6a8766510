import Foundation

/// The JSON form of a decision: what `relief triage --json` and `--stream` print, and what
/// scripts build on. Field names are part of the contract; README.md documents each one.
public enum DecisionJSON {
    /// The compact form, written straight to bytes: what `--stream` prints for every case.
    /// Byte for byte `JSONWriter.write(json(d))`, without building the tree first; members are
    /// written in sorted key order by hand, and a test holds the two forms equal.
    /// With `fragments` (from the classifier that made the decision), a response whose texts are
    /// still the rules' is copied from JSON written once, not escaped again: the same bytes.
    public static func write(_ d: Decision, into array: inout [UInt8], fragments: Fragments? = nil) {
        let sink = ByteSink(capacity: 4096)
        write(d, into: sink, fragments: fragments)
        sink.append(to: &array)
    }

    /// The same bytes appended to `sink`, which a caller can reuse from one decision to the next.
    public static func write(_ d: Decision, into sink: ByteSink, fragments: Fragments? = nil) {
        var w = JSONStreamWriter(sink)
        w.open()
        w.key("caseId"); w.string(d.caseId)
        w.key("expectations"); w.expectations(d.expectations)
        if let explanation = d.explanation {
            w.key("explain")
            var tree: [UInt8] = []
            JSONWriter.writeBytes(explain(explanation), into: &tree)
            tree.withUnsafeBufferPointer { w.out.write($0) }
        }
        w.key("fallback"); w.bool(d.fallback)
        if let reason = d.fallbackReason { w.key("fallbackReason"); w.raw(reason.rawValue) }
        w.key("firstResponseBy"); w.time(d.firstResponseBy)
        w.key("firstResponseTarget"); w.string(d.firstResponseTarget.text)
        w.key("language"); w.string(d.language)
        if d.updateEvery != nil { w.key("nextUpdateBy"); w.time(d.nextUpdateBy) }
        if let o = d.override {
            w.key("override")
            w.open()
            w.key("engineSituation"); w.raw(o.engineSituation.rawValue)
            w.key("reason"); w.string(o.reason)
            w.key("situation"); w.raw(d.situation.rawValue)
            w.close()
        }
        w.key("reliefMoment"); w.string(d.reliefMoment)
        w.key("responses")
        w.array(d.responses) { w, r in
            w.open()
            w.key("by"); w.time(r.by)
            if let f = fragments?.matching(r) {
                f.afterBy.withUnsafeBufferPointer { w.out.write($0) }
                w.key("expectation"); w.raw(r.expectation.rawValue)
                f.afterExpectation.withUnsafeBufferPointer { w.out.write($0) }
                w.key("situation"); w.raw(r.situation.rawValue)
                f.afterSituation.withUnsafeBufferPointer { w.out.write($0) }
                w.close()
                return
            }
            w.key("do"); w.strings(r.actions)
            w.key("expectation"); w.raw(r.expectation.rawValue)
            w.key("id"); w.string(r.id)
            w.key("owner"); w.string(r.owner)
            w.key("ownerName"); w.string(r.ownerName)
            w.key("say"); w.string(r.say)
            w.key("situation"); w.raw(r.situation.rawValue)
            w.key("tone"); w.string(r.tone)
            w.key("within"); w.string(r.within.text)
            w.close()
        }
        w.key("rules")
        w.open()
        w.key("name"); w.string(d.rulesName)
        w.key("version"); w.string(d.rulesVersion)
        w.close()
        w.key("signals")
        w.array(d.signals) { w, signal in
            w.open()
            w.key("evidence")
            w.array(signal.evidence) { w, e in
                w.open()
                w.key("matched"); w.string(e.matched)
                w.key("term"); w.string(e.term)
                w.close()
            }
            w.key("id"); w.string(signal.id)
            w.close()
        }
        w.key("situation"); w.raw(d.situation.rawValue)
        w.key("situations")
        w.array(d.situations) { w, match in
            w.open()
            w.key("rules")
            w.array(match.rules) { w, rule in
                w.open()
                w.key("id"); w.string(rule.id)
                w.key("signals"); w.strings(rule.signals)
                w.close()
            }
            w.key("situation"); w.raw(match.situation.rawValue)
            w.close()
        }
        if d.textTruncated { w.key("textTruncated"); w.bool(true) }
        w.key("uncovered"); w.expectations(d.uncovered)
        if let cadence = d.updateEvery { w.key("updateEvery"); w.string(cadence.text) }
        w.key("wants"); w.string(d.wants)
        w.close()
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
        if let reason = d.fallbackReason { object["fallbackReason"] = .string(reason.rawValue) }
        if d.textTruncated { object["textTruncated"] = .bool(true) }
        if let cadence = d.updateEvery {
            object["updateEvery"] = .string(cadence.text)
            object["nextUpdateBy"] = .optional(d.nextUpdateBy.map(ISO8601.format))
        }
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
