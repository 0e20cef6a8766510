/// An evaluation as one JSON object, for CI and dashboards. Keys are sorted; figures are
/// percentages with nil (`null`) when there was nothing to measure.
public enum EvalJSON {
    public static func render(_ report: EvalReport, missLimit: Int? = nil) -> String {
        JSONWriter.writePretty(json(report, missLimit: missLimit)) + "\n"
    }

    public static func json(_ report: EvalReport, missLimit: Int? = nil) -> JSON {
        func number(_ d: Double?) -> JSON { d.map { .double(($0 * 10).rounded() / 10) } ?? .null }
        func figures(_ c: EvalConfusion) -> [String: JSON] {
            [
                "cases": .int(c.total), "agreed": .int(c.agreed), "agreement": number(c.agreement),
                "crisisRecall": number(c.recall(.crisis)), "crisisPrecision": number(c.precision(.crisis)),
            ]
        }
        let c = report.confusion
        var root = figures(c)
        root["mode"] = .string(report.mode.rawValue)
        root["split"] = .optional(report.split?.rawValue)
        root["rules"] = .object(["name": .string(report.rulesName), "version": .string(report.rulesVersion), "source": .string(report.rulesSource)])
        root["labels"] = .string(report.labelsSource)
        var situations: [String: JSON] = [:]
        for s in Situation.allCases {
            var confusion: [String: JSON] = [:]
            for g in Situation.allCases { confusion[g.rawValue] = .int(c[s, g]) }
            situations[s.rawValue] = .object([
                "labelled": .int(c.labelled(s)), "given": .int(c.given(s)),
                "precision": number(c.precision(s)), "recall": number(c.recall(s)), "givenAs": .object(confusion),
            ])
        }
        root["situations"] = .object(situations)
        root["groups"] = .object(report.groups.mapValues { .object(figures($0)) })
        if report.split == nil {
            root["splits"] = .object(Dictionary(uniqueKeysWithValues: report.splits.map { ($0.key.rawValue, JSON.object(figures($0.value))) }))
        }
        let shown = missLimit.map { min($0, report.misses.count) } ?? report.misses.count
        root["missCount"] = .int(report.misses.count)
        root["misses"] = .array(report.misses.prefix(shown).map { m in
            .object([
                "caseId": .string(m.caseId), "group": .string(m.group), "labelLine": .int(m.labelLine),
                "expected": .string(m.expected.rawValue), "given": .string(m.given.rawValue), "fallback": .bool(m.fallback),
                "text": .string(m.excerpt), "rules": .array(m.rules.map(JSON.string)),
                "signals": .array(m.signals.map { s in
                    .object(["id": .string(s.id), "matched": .array(s.evidence.map { .string($0.matched) })])
                }),
                "unknownWords": .array(m.unknownWords.map(JSON.string)),
            ])
        })
        root["warnings"] = .object([
            "labelsWithoutCase": .array(report.labelsWithoutCase.map { .object(["caseId": .string($0.caseId), "line": .int($0.line)]) }),
            "undecided": .array(report.undecided.map(JSON.string)),
            "repeatedCases": .array(report.repeatedCases.map(JSON.string)),
            "skipped": .int(report.skipped),
        ])
        return .object(root)
    }
}
