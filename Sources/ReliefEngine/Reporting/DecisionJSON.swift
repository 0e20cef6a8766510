import Foundation

/// The JSON form of a decision: what `relief triage --json` and `--stream` print, and what
/// scripts build on. Field names are part of the contract; README.md documents each one.
public enum DecisionJSON {
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
        if let explanation = d.explanation {
            object["explain"] = .array(explanation.map { s in
                .object([
                    "situation": .string(s.situation.rawValue),
                    "matched": .bool(s.matched),
                    "rules": .array(s.rules.map { r in
                        .object(["id": .string(r.id), "about": .string(r.about), "held": .bool(r.held), "condition": trace(r.condition)])
                    }),
                ])
            })
        }
        return .object(object)
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
