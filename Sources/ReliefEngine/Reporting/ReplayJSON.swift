import Foundation

/// The JSON form of a replay: `relief replay --format json`. docs/replay.md documents every field.
///
/// The document is written in pieces so that the `cases` array can stream: `opening`, then one
/// `separator(written:)` and `caseText` per case (each on its own line, compact), then
/// `closing(_:written:)` with the summary keys. Keys are sorted at every level; "cases" sorts first among the top-level keys,
/// so streaming it first keeps the document's keys in order.
public enum ReplayJSON {
    public static let opening = "{\n  \"cases\": ["

    /// One case entry, compact, on one line, written directly with the keys in order (checked in
    /// debug builds), because it runs once per case of a large replay. Safe to call from any thread.
    public static func caseText(_ r: CaseReplay, after: CaseReplay? = nil) -> String {
        var w = JSONStreamWriter(ByteSink(capacity: 512 + r.steps.count * 400))
        w.open()
        w.key("caseId"); w.string(r.caseId)
        if let after {
            let difference = RulesComparison.difference(before: r, after: after)
            w.key("compare"); w.open()
            w.key("after"); outcome(RulesComparison.Outcome(after), &w)
            w.key("differs"); w.strings((difference?.aspects ?? []).map(\.rawValue))
            w.close()
        }
        w.key("events"); w.int(r.events)
        w.key("fallback"); w.bool(r.isFallback)
        w.key("feedback")
        if let f = r.feedback {
            w.open()
            w.key("ces"); w.number(f.ces)
            w.key("csat"); w.number(f.csat)
            w.key("nps"); w.number(f.nps)
            w.close()
        } else { w.null() }
        w.key("firstResponse")
        if let f = r.firstResponse {
            w.open()
            w.key("answeredAt"); w.time(f.answeredAt)
            w.key("due"); w.time(f.due)
            w.key("met"); w.bool(f.met)
            w.key("open"); w.bool(f.open)
            w.key("openedAt"); w.time(f.openedAt)
            w.key("situation"); w.raw(f.situation.rawValue)
            w.key("target"); w.string(f.target.text)
            w.close()
        } else { w.null() }
        w.key("leading"); w.raw(r.leading?.rawValue)
        w.key("peak")
        if let p = r.peak {
            w.open()
            w.key("at"); w.time(p.at)
            w.key("situation"); w.raw(p.situation.rawValue)
            w.key("step"); w.int(p.step)
            w.close()
        } else { w.null() }
        w.key("reliefMoment")
        if let m = r.reliefMoment {
            w.open()
            w.key("answeredAt"); w.time(m.answeredAt)
            w.key("due"); w.time(m.due)
            w.key("marginSeconds"); w.number(m.marginSeconds)
            w.key("met"); w.bool(m.met)
            w.key("open"); w.bool(m.open)
            w.key("peakAt"); w.time(m.peakAt)
            w.key("situation"); w.raw(m.situation.rawValue)
            w.key("target"); w.string(m.target.text)
            w.key("waitedSeconds"); w.number(m.waitedSeconds)
            w.close()
        } else { w.null() }
        w.key("trajectory")
        w.array(r.steps) { w, s in
            w.open()
            w.key("at"); w.time(s.at)
            w.key("event"); w.int(s.event)
            w.key("expectations"); w.expectations(s.expectations)
            w.key("fallback"); w.bool(s.fallback)
            w.key("movedFrom"); w.raw(s.movedFrom?.rawValue)
            // The ids' JSON was written once per rules file; the step holds indexes into it.
            w.key("raised"); s.ids.writeArray(s.raisedIndexes, of: .signal, into: &w.out)
            w.key("responses"); s.ids.writeArray(s.responseIndexes, of: .response, into: &w.out)
            w.key("rules"); s.ids.writeArray(s.ruleIndexes, of: .rule, into: &w.out)
            w.key("signals"); s.ids.writeArray(s.signalIndexes, of: .signal, into: &w.out)
            w.key("situation"); w.raw(s.situation.rawValue)
            w.key("step"); w.int(s.step)
            w.key("uncovered"); w.expectations(s.uncovered)
            w.close()
        }
        w.key("unknownWords"); w.strings(r.unknownWords)
        w.key("updateCadence")
        if let c = r.cadence {
            w.open()
            w.key("every"); w.string(c.every.text)
            w.key("gaps"); w.int(c.gaps)
            w.key("kept"); w.bool(c.kept)
            w.key("longestGapSeconds"); w.number(c.longestGapSeconds)
            w.key("missedGaps"); w.int(c.missedGaps)
            w.key("since"); w.time(c.since)
            w.key("situation"); w.raw(c.situation.rawValue)
            w.close()
        } else { w.null() }
        w.close()
        return w.out.string
    }

    private static func outcome(_ o: RulesComparison.Outcome, _ w: inout JSONStreamWriter<ByteSink>) {
        w.open()
        w.key("leading"); w.raw(o.leading?.rawValue)
        w.key("peak")
        if let p = o.peak {
            w.open()
            w.key("situation"); w.raw(p.situation.rawValue)
            w.key("step"); w.int(p.step)
            w.close()
        } else { w.null() }
        w.key("responses"); w.strings(o.responses)
        w.close()
    }

    /// What goes before a case entry when `written` entries came before it.
    public static func separator(written: Int) -> String {
        written == 0 ? "\n    " : ",\n    "
    }

    /// Everything after the last case: the summary keys and the closing brace.
    public static func closing(_ report: ReplayReport, written: Int) -> String {
        var out = written == 0 ? "]" : "\n  ]"
        let members = summaryMembers(report)
        for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            out += ",\n  \"\(key)\": "
            out += JSONWriter.writePretty(members[key]!).replacingOccurrences(of: "\n", with: "\n  ")
        }
        return out + "\n}\n"
    }

    /// A whole document at once, for small runs and tests.
    public static func document(_ report: ReplayReport, cases: [(CaseReplay, CaseReplay?)]) -> String {
        var out = opening
        for (i, pair) in cases.enumerated() { out += separator(written: i) + caseText(pair.0, after: pair.1) }
        return out + closing(report, written: cases.count)
    }

    static func outcome(_ o: RulesComparison.Outcome) -> JSON {
        .object([
            "leading": .optional(o.leading?.rawValue),
            "peak": o.peak.map { .object(["step": .int($0.step), "situation": .string($0.situation.rawValue)]) } ?? .null,
            "responses": strings(o.responses),
        ])
    }

    // MARK: - Summary

    static func summaryMembers(_ report: ReplayReport) -> [String: JSON] {
        let s = report.summary
        return [
            "updateCadence": cadence(s),
            "reliefCurve": report.showsReliefCurve ? reliefCurve(s) : .null,
            "compare": report.comparison.map { compare($0, source: report.compareSource) } ?? .null,
            "coverage": coverage(s.coverage),
            "fallbacks": fallbacks(s.fallbacks),
            "input": input(report),
            "limits": .object([
                "uncovered": .int(CoverageTally.exampleLimit),
                "uncoveredPerCell": .int(CoverageTally.examplesPerCell),
                "fallbackExamples": .int(FallbackWords.exampleLimit),
                "fallbackWords": .int(20),
                "fallbackWordsCounted": .int(FallbackWords.wordCapacity),
                "worstReliefMoments": .int(ReplaySummary.worstLimit),
                "trajectoryShapes": .int(ReplaySummary.trajectoryLimit),
                "compareCases": .int(RulesComparison.exampleLimit),
                "skippedLines": .int(ReplayReport.skippedExampleLimit),
            ]),
            "outcomes": outcomes(s.outcomes, targets: s.targets),
            "reliefMoments": reliefMoments(s),
            "rules": .object(["name": .string(s.rulesName), "version": .string(s.rulesVersion), "source": .string(report.rulesSource)]),
            "summary": summary(s),
            "trajectories": .object([
                "shapes": .array(s.trajectoryShapes.map { .object(["path": .array($0.situations.map { .string($0.rawValue) }), "cases": .int($0.cases)]) }),
                "other": .int(s.otherShapes),
            ]),
            "uncovered": .array(s.coverage.examples.map(uncovered)),
            "usage": usage(s.usage),
        ]
    }

    static func summary(_ s: ReplaySummary) -> JSON {
        .object([
            "cases": .int(s.cases),
            "steps": .int(s.steps),
            "events": .int(s.events),
            "casesWithoutCustomerMessages": .int(s.casesWithoutSteps),
            "casesThatMoved": .int(s.casesThatMoved),
            "situations": .array(Situation.allCases.reversed().map { situation in
                .object([
                    "situation": .string(situation.rawValue),
                    "steps": .int(s.stepSituations[situation] ?? 0),
                    "peakCases": .int(s.peakSituations[situation] ?? 0),
                    "leadingCases": .int(s.leadingSituations[situation] ?? 0),
                ])
            }),
        ])
    }

    static func coverage(_ c: CoverageTally) -> JSON {
        .object([
            "percent": .double(rounded(c.percent)),
            "steps": .int(c.steps),
            "coveredSteps": .int(c.coveredSteps),
            "uncoveredSteps": .int(c.uncoveredSteps),
            "cells": .array(Cell.all.map { cell in
                let count = c.count(cell)
                return .object([
                    "situation": .string(cell.situation.rawValue),
                    "expectation": .string(cell.expectation.rawValue),
                    "steps": .int(count.steps),
                    "covered": .int(count.covered),
                    "percent": count.percent.map { .double(rounded($0)) } ?? .null,
                ])
            }),
        ])
    }

    static func uncovered(_ u: CoverageTally.UncoveredStep) -> JSON {
        .object([
            "caseId": .string(u.caseId),
            "step": .int(u.step),
            "at": time(u.at),
            "situation": .string(u.situation.rawValue),
            "missing": .array(u.missing.map { .string($0.rawValue) }),
        ])
    }

    static func fallbacks(_ f: FallbackWords) -> JSON {
        .object([
            "cases": .int(f.cases),
            "steps": .int(f.steps),
            "words": .array(f.topWords().map { .object(["word": .string($0.word), "cases": .int($0.cases)]) }),
            "approximate": .bool(f.approximate),
            "examples": .array(f.examples.map { .object(["caseId": .string($0.caseId), "words": strings($0.words)]) }),
        ])
    }

    static func usage(_ u: RuleUsage) -> JSON {
        func entry(_ e: RuleUsage.Entry) -> JSON {
            var o: [String: JSON] = ["id": .string(e.id), "steps": .int(e.steps), "cases": .int(e.cases)]
            if let s = e.situation { o["situation"] = .string(s.rawValue) }
            if let x = e.expectation { o["expectation"] = .string(x.rawValue) }
            return .object(o)
        }
        return .object([
            "signals": .array(u.entries(.signal).map(entry)),
            "rules": .array(u.entries(.rule).map(entry)),
            "responses": .array(u.entries(.response).map(entry)),
            "neverFired": .object([
                "signals": strings(u.neverFired(.signal).map(\.id)),
                "rules": strings(u.neverFired(.rule).map(\.id)),
                "responses": strings(u.neverFired(.response).map(\.id)),
            ]),
        ])
    }

    static func scores(_ s: Outcomes.Scores) -> [String: JSON] {
        [
            "cases": .int(s.cases),
            "withFeedback": .int(s.withFeedback),
            "csat": s.csat.map { .double(rounded($0)) } ?? .null,
            "csatResponses": .int(s.csatResponses),
            "nps": s.nps.map { .double(rounded($0)) } ?? .null,
            "npsResponses": .int(s.npsResponses),
            "promoters": .int(s.promoters),
            "detractors": .int(s.detractors),
            "ces": s.ces.map { .double(rounded($0)) } ?? .null,
            "cesResponses": .int(s.cesResponses),
        ]
    }

    static func compliance(_ c: Outcomes.Compliance) -> [String: JSON] {
        [
            "cases": .int(c.cases),
            "met": .int(c.met),
            "missed": .int(c.missed),
            "unanswered": .int(c.unanswered),
            "unknown": .int(c.unknown),
            "open": .int(c.open),
            "percent": c.percent.map { .double(rounded($0)) } ?? .null,
        ]
    }

    static func outcomes(_ o: Outcomes, targets: [Situation: ISODuration]) -> JSON {
        .object([
            "bySituation": .array(Situation.allCases.reversed().map { situation in
                var object = scores(o.byPeak[situation] ?? Outcomes.Scores())
                object["situation"] = .string(situation.rawValue)
                return .object(object)
            }),
            "byReliefMoment": .array(Outcomes.ReliefGroup.allCases.map { group in
                var object = scores(o.byReliefMoment[group] ?? Outcomes.Scores())
                object["reliefMoment"] = .string(group.rawValue)
                return .object(object)
            }),
            "firstResponse": .array(Situation.allCases.reversed().map { situation in
                var object = compliance(o.firstResponse[situation] ?? Outcomes.Compliance())
                object["situation"] = .string(situation.rawValue)
                object["target"] = .optional(targets[situation]?.text)
                return .object(object)
            }),
        ])
    }

    /// Kept and missed update cadences, overall and per situation, with the feedback of each.
    static func cadence(_ s: ReplaySummary) -> JSON {
        func tally(_ c: Outcomes.Cadence) -> [String: JSON] {
            [
                "cases": .int(c.cases),
                "kept": .int(c.kept),
                "missed": .int(c.missed),
                "unjudged": .int(c.unjudged),
                "percent": c.percent.map { .double(rounded($0)) } ?? .null,
                "outcomes": .object(Dictionary(uniqueKeysWithValues: Outcomes.CadenceGroup.allCases.map {
                    ($0.rawValue, JSON.object(scores(c.scores[$0] ?? Outcomes.Scores())))
                })),
            ]
        }
        var object = tally(s.outcomes.cadenceTotal)
        object["bySituation"] = .array(Situation.allCases.reversed().map { situation in
            var entry = tally(s.outcomes.cadence[situation] ?? Outcomes.Cadence())
            entry["situation"] = .string(situation.rawValue)
            entry["every"] = .optional(s.cadences[situation]?.text)
            return .object(entry)
        })
        return .object(object)
    }

    /// Per peak situation, feedback by the wait for the first answer after the peak, and where
    /// satisfaction falls most.
    static func reliefCurve(_ s: ReplaySummary) -> JSON {
        .object([
            "minimumAnswers": .int(ReliefCurve.minimumAnswers),
            "bySituation": .array(Situation.allCases.reversed().map { situation in
                let curve = s.outcomes.reliefCurves[situation] ?? ReliefCurve()
                var finding: [String: JSON]
                switch curve.finding {
                case .falls(let f):
                    finding = [
                        "kind": .string("falls"), "measure": .string(f.measure.rawValue), "from": .string(f.from.rawValue),
                        "to": .string(f.to.rawValue), "before": .double(rounded(f.before)), "after": .double(rounded(f.after)),
                        "suggestedTarget": .optional(f.from.upperBound?.text),
                    ]
                case .noFall(let m): finding = ["kind": .string("no-fall"), "measure": .string(m.rawValue)]
                case .tooFew: finding = ["kind": .string("too-few")]
                }
                return .object([
                    "situation": .string(situation.rawValue),
                    "target": .optional(s.targets[situation]?.text),
                    "buckets": .array(ReliefCurve.Wait.allCases.map { wait in
                        var entry = scores(curve.scores(wait))
                        entry["wait"] = .string(wait.rawValue)
                        entry["label"] = .string(wait.label)
                        entry["drawn"] = .bool(ReliefCurve.Measure.allCases.contains { curve.isDrawn(wait, $0) })
                        return .object(entry)
                    }),
                    "unanswered": .object(scores(curve.unanswered)),
                    "finding": .object(finding),
                ])
            }),
        ])
    }

    static func reliefMoments(_ s: ReplaySummary) -> JSON {
        var object = compliance(s.outcomes.reliefMomentsTotal)
        object["bySituation"] = .array(Situation.allCases.reversed().map { situation in
            var entry = compliance(s.outcomes.reliefMoments[situation] ?? Outcomes.Compliance())
            entry["situation"] = .string(situation.rawValue)
            entry["target"] = .optional(s.targets[situation]?.text)
            return .object(entry)
        })
        object["worst"] = .array(s.worstMissed.map { m in
            .object([
                "caseId": .string(m.caseId),
                "situation": .string(m.situation.rawValue),
                "step": .int(m.step),
                "due": time(m.due),
                "answeredAt": time(m.answeredAt),
                "lateSeconds": number(m.lateSeconds),
            ])
        })
        return .object(object)
    }

    static func input(_ report: ReplayReport) -> JSON {
        .object([
            "files": .array(report.files.map { f in
                .object(["name": .string(f.name), "format": .string(f.format), "cases": .int(f.cases), "skipped": .int(f.skipped)])
            }),
            "skipped": .int(report.skipped),
            "skippedLines": .array(report.skippedExamples.map { s in
                .object(["file": .string(s.file), "line": s.line.map(JSON.int) ?? .null, "message": .string(s.message)])
            }),
            "heldRowLimit": report.heldRowLimit.map(JSON.int) ?? .null,
            "casesReplayedEarly": .int(report.casesReplayedEarly),
            "lateRows": .int(report.lateRows),
            "asOf": report.asOf.map { asOf in
                if case .time(let t) = asOf { return time(t) }
                return .string("case-end")
            } ?? .null,
        ])
    }

    static func compare(_ c: RulesComparison, source: String?) -> JSON {
        let after = c.after
        return .object([
            "rules": .object(["name": .string(after.rulesName), "version": .string(after.rulesVersion), "source": .optional(source)]),
            "compared": .int(c.compared),
            "differing": .int(c.differing),
            "byAspect": .object(Dictionary(uniqueKeysWithValues: RulesComparison.Aspect.allCases.map { ($0.rawValue, JSON.int(c.byAspect[$0] ?? 0)) })),
            "transitions": .array(c.sortedTransitions.map { t in
                .object(["from": .optional(t.transition.before?.rawValue), "to": .optional(t.transition.after?.rawValue), "cases": .int(t.cases)])
            }),
            "coverage": .object([
                "percent": .double(rounded(after.coverage.percent)),
                "steps": .int(after.coverage.steps),
                "coveredSteps": .int(after.coverage.coveredSteps),
            ]),
            "reliefMoments": .object(compliance(after.outcomes.reliefMomentsTotal)),
            "situations": .array(Situation.allCases.reversed().map { situation in
                .object([
                    "situation": .string(situation.rawValue),
                    "steps": .int(after.stepSituations[situation] ?? 0),
                    "peakCases": .int(after.peakSituations[situation] ?? 0),
                    "leadingCases": .int(after.leadingSituations[situation] ?? 0),
                ])
            }),
            "cases": .array(c.examples.map { d in
                .object([
                    "caseId": .string(d.caseId),
                    "differs": .array(d.aspects.map { .string($0.rawValue) }),
                    "before": outcome(d.before),
                    "after": outcome(d.after),
                ])
            }),
        ])
    }

    // MARK: - Values

    static func time(_ d: Date?) -> JSON { .optional(d.map(ISO8601.format)) }
    static func strings(_ s: [String]) -> JSON { .array(s.map(JSON.string)) }
    static func number(_ d: Double?) -> JSON { d.map(JSON.double) ?? .null }
    /// Two decimals: percentages and means are for people, and this keeps outputs stable.
    static func rounded(_ d: Double) -> Double { (d * 100).rounded() / 100 }
}
