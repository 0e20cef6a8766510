import Foundation

/// The JSON form of a decision: what `relief triage --json` and `--stream` print, and what
/// scripts build on. Field names are part of the contract; README.md documents each one.
public enum DecisionJSON {
    /// The compact form, written straight to bytes: what `--stream` prints for every case, on one
    /// line, members in sorted key order (checked in debug builds).
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

    /// The same decision indented for a person (`triage --json`): the compact bytes read back and
    /// written again with indentation, so there is one way a decision is written.
    public static func pretty(_ d: Decision) -> String {
        var bytes: [UInt8] = []
        write(d, into: &bytes)
        guard let node = try? JSONParser.parse(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        return JSONWriter.writePretty(node.json)
    }

    /// The explanation's trace, a tree of any depth, written through JSONWriter.
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

    static func trace(_ t: ConditionTrace) -> JSON {
        switch t {
        case .signal(let id, let held): return .object(["signal": .string(id), "held": .bool(held)])
        case .all(let parts, let held): return .object(["all": .array(parts.map(trace)), "held": .bool(held)])
        case .any(let parts, let held): return .object(["any": .array(parts.map(trace)), "held": .bool(held)])
        case .not(let inner, let held): return .object(["not": trace(inner), "held": .bool(held)])
        }
    }
}
