import Foundation

/// The Markdown form of a replay, for pasting into a review of a rules change: the summary, the
/// coverage matrix, the gaps, relief moments, outcomes, fallbacks, rule usage and, with
/// `--compare`, the cases the change moves.
public enum ReplayMarkdown {
    public static let gapLimit = 15
    public static let differenceLimit = 50

    /// Targets read as durations ("4 h") and times to the minute in `zone`.
    public static func render(_ report: ReplayReport, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        typealias W = ReplayWording
        let s = report.summary
        let c = s.coverage
        let relief = s.outcomes.reliefMomentsTotal
        var out = "## Replay: \(W.count(s.cases, "case")), \(W.count(s.steps, "step"))\n\n"
        out += "Rules `\(escape(s.rulesName))` \(escape(s.rulesVersion)) from `\(escape(report.rulesSource))`. "
        if let asOf = report.asOf { out += "As of \(asOf.wording(zone: zone)): later deadlines are open, not missed. " }
        out += "\(W.count(s.events, "event")); one step per customer message.\n\n"
        out += "- **Coverage:** \(W.percent(c.percent)) of steps had a response for every expectation at stake (\(W.grouped(c.coveredSteps)) of \(W.grouped(c.steps))).\n"
        out += "- **Relief moments met:** \(W.grouped(relief.met)) of \(W.grouped(relief.met + relief.missed)) (\(W.percent(relief.percent)))"
        if relief.unanswered > 0 { out += "; \(W.grouped(relief.unanswered)) never answered" }
        if relief.open > 0 { out += "; \(W.grouped(relief.open)) still open (due after --as-of)" }
        out += ".\n"
        out += "- **Changed situation along the way:** \(W.count(s.casesThatMoved, "case")).\n"
        if report.skipped > 0 { out += "- **Skipped:** \(W.count(report.skipped, "line or row", "lines or rows")) could not be read.\n" }
        if report.lateRows > 0 { out += "- **Rows too late for their case:** \(W.count(report.lateRows, "row")) (more than \(W.grouped(report.heldRowLimit ?? 0)) rows were waiting; raise --hold-rows).\n" }
        if s.casesWithoutSteps > 0 { out += "- **No customer message:** \(W.count(s.casesWithoutSteps, "case")).\n" }

        out += "\n### Situations\n\n| situation | cases at peak | cases at the end | steps | first-response target |\n|---|---:|---:|---:|---|\n"
        for situation in Situation.allCases.reversed() {
            out += "| \(situation.rawValue) | \(W.grouped(s.peakSituations[situation] ?? 0)) | \(W.grouped(s.leadingSituations[situation] ?? 0)) | \(W.grouped(s.stepSituations[situation] ?? 0)) | \(s.targets[situation].map { PeopleTime.duration($0) } ?? "") |\n"
        }

        out += "\n### Coverage by situation × expectation\n\nCovered steps of steps with the expectation at stake; — where it never was.\n\n"
        out += "| | " + Expectation.allCases.map(\.rawValue).joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: Expectation.allCases.count) + "\n"
        for situation in Situation.allCases.reversed() {
            out += "| **\(situation.rawValue)** |"
            for expectation in Expectation.allCases {
                let count = c.count(Cell(situation, expectation))
                out += count.steps == 0 ? " — |" : " \(W.percent(count.percent)) (\(W.grouped(count.covered))/\(W.grouped(count.steps))) |"
            }
            out += "\n"
        }

        out += "\n### Gaps, worst first\n\n"
        let gaps = c.gaps
        if gaps.isEmpty {
            out += "None: every expectation at stake got a response.\n"
        } else {
            out += "| cell | uncovered steps | coverage | examples |\n|---|---:|---:|---|\n"
            for gap in gaps.prefix(gapLimit) {
                out += "| \(W.cell(gap.cell)) | \(W.grouped(gap.count.uncovered)) of \(W.grouped(gap.count.steps)) | \(W.percent(gap.count.percent)) | \(escape(W.examples(gap.examples))) |\n"
            }
            if gaps.count > gapLimit { out += "\n… and \(W.count(gaps.count - gapLimit, "more cell")) with gaps.\n" }
        }

        out += "\n### Relief moments and first responses\n\n| situation | target | relief moments met | first response in time |\n|---|---|---:|---:|\n"
        for situation in Situation.allCases.reversed() {
            let r = s.outcomes.reliefMoments[situation] ?? Outcomes.Compliance()
            let f = s.outcomes.firstResponse[situation] ?? Outcomes.Compliance()
            out += "| \(situation.rawValue) | \(s.targets[situation].map { PeopleTime.duration($0) } ?? "") | \(fraction(r)) | \(fraction(f)) |\n"
        }
        if !s.worstMissed.isEmpty {
            out += "\nMissed, worst first:\n\n"
            for m in s.worstMissed {
                out += "- `\(escape(m.caseId))`: \(m.situation.rawValue) peak at step \(m.step), due \(PeopleTime.time(m.due, zone: zone)), \(W.lateness(m))\n"
            }
        }

        if !s.cadences.isEmpty {
            out += "\n### Update cadence\n\nWhile open, at least one agent message per cadence; feedback of the cases that kept it and that missed it.\n\n"
            out += "| situation | every | kept | CSAT kept / missed | NPS kept / missed | CES kept / missed | not judged |\n|---|---|---:|---:|---:|---:|---:|\n"
            for situation in Situation.allCases.reversed() where s.cadences[situation] != nil {
                let c = s.outcomes.cadence[situation] ?? Outcomes.Cadence()
                let kept = c.scores[.kept] ?? Outcomes.Scores(), missed = c.scores[.missed] ?? Outcomes.Scores()
                out += "| \(situation.rawValue) | \(PeopleTime.duration(s.cadences[situation]!)) | \(W.cadence(c)) | \(W.mean(kept.csat)) / \(W.mean(missed.csat)) | \(W.nps(kept.nps)) / \(W.nps(missed.nps)) | \(W.mean(kept.ces)) / \(W.mean(missed.ces)) | \(W.grouped(c.unjudged)) |\n"
            }
        }

        if s.outcomes.hasFeedback {
            out += "\n### Outcomes\n\n| group | with feedback | CSAT | NPS | CES |\n|---|---:|---:|---:|---:|\n"
            for situation in Situation.allCases.reversed() {
                if let scores = s.outcomes.byPeak[situation], scores.withFeedback > 0 { out += row("peak \(situation.rawValue)", scores) }
            }
            for group in Outcomes.ReliefGroup.allCases {
                if let scores = s.outcomes.byReliefMoment[group], scores.withFeedback > 0 { out += row("relief moment \(group.rawValue)", scores) }
            }
            for group in Outcomes.CadenceGroup.allCases {
                if let scores = s.outcomes.cadenceTotal.scores[group], scores.withFeedback > 0 { out += row("cadence \(group.rawValue)", scores) }
            }
        }

        if report.showsReliefCurve {
            out += "\n### Relief curve\n\nFeedback by the wait for the first agent answer after the peak. Means where a bucket has \(ReliefCurve.minimumAnswers) answers or more, – where it has fewer.\n"
            for situation in Situation.allCases.reversed() {
                let curve = s.outcomes.reliefCurves[situation] ?? ReliefCurve()
                out += "\n**\(situation.rawValue)** (first-response target \(s.targets[situation].map { PeopleTime.duration($0) } ?? "–"))\n\n| wait | cases | CSAT | NPS | CES |\n|---|---:|---:|---:|---:|\n"
                func curveRow(_ label: String, _ scores: Outcomes.Scores) -> String {
                    "| \(label) | \(W.grouped(scores.cases)) | \(W.curveValue(scores, .csat)) | \(W.curveValue(scores, .nps)) | \(W.curveValue(scores, .ces)) |\n"
                }
                for wait in ReliefCurve.Wait.allCases { out += curveRow(wait.label, curve.scores(wait)) }
                out += curveRow("never answered", curve.unanswered)
                out += "\n" + W.finding(curve, target: s.targets[situation]) + "\n"
            }
        }

        let f = s.fallbacks
        out += "\n### Fallbacks\n\n"
        if f.cases == 0 {
            out += "No case fell to the fallback.\n"
        } else {
            out += "\(W.count(f.cases, "case")) where no situation rule matched at any step."
            let words = f.topWords()
            if !words.isEmpty {
                out += " Words no signal knows" + (f.approximate ? " (approximate counts)" : "") + ": "
                    + words.map { "`\(escape($0.word))` (\($0.cases))" }.joined(separator: ", ") + "."
            }
            out += "\n"
        }

        out += "\n### Rule usage\n\n"
        for kind in RuleUsage.Kind.allCases {
            let all = s.usage.entries(kind)
            let never = s.usage.neverFired(kind)
            let label = kind == .signal ? "Signals" : kind == .rule ? "Situation rules" : "Responses"
            out += "- \(label): \(W.grouped(all.count - never.count)) of \(W.grouped(all.count)) fired"
            out += never.isEmpty ? ".\n" : "; never fired: " + never.map { "`\(escape($0.id))`" }.joined(separator: ", ") + ".\n"
        }

        if let comparison = report.comparison {
            let a = comparison.after
            out += "\n### Rules change: `--rules` → `--compare`\n\n"
            out += "Before each →: `\(escape(s.rulesName))` \(escape(s.rulesVersion)) from `\(escape(report.rulesSource))` (the report above). "
            out += "After: `\(escape(a.rulesName))` \(escape(a.rulesVersion)) from `\(escape(report.compareSource ?? ""))`.\n\n"
            out += "\(W.grouped(comparison.differing)) of \(W.count(comparison.compared, "case")) differ"
            if comparison.differing > 0 {
                out += " (" + RulesComparison.Aspect.allCases.map { "\($0.rawValue) \(W.grouped(comparison.byAspect[$0] ?? 0))" }.joined(separator: ", ") + ")"
            }
            out += ". Coverage \(W.percent(c.percent)) → \(W.percent(a.coverage.percent)); relief moments met \(W.percent(relief.percent)) → \(W.percent(a.outcomes.reliefMomentsTotal.percent)).\n"
            if !comparison.examples.isEmpty {
                out += "\n| case | what changed |\n|---|---|\n"
                for d in comparison.examples.prefix(differenceLimit) {
                    out += "| `\(escape(d.caseId))` | \(escape(W.difference(d))) |\n"
                }
                if comparison.differing > differenceLimit { out += "\n… and \(W.count(comparison.differing - differenceLimit, "more case")).\n" }
            }
        }
        return out
    }

    private static func row(_ label: String, _ s: Outcomes.Scores) -> String {
        "| \(label) | \(ReplayWording.grouped(s.withFeedback)) | \(ReplayWording.mean(s.csat)) | \(ReplayWording.nps(s.nps)) | \(ReplayWording.mean(s.ces)) |\n"
    }

    private static func fraction(_ c: Outcomes.Compliance) -> String {
        c.met + c.missed == 0 ? "–" : "\(ReplayWording.grouped(c.met)) of \(ReplayWording.grouped(c.met + c.missed)) (\(ReplayWording.percent(c.percent)))"
    }

    /// Keeps table cells and inline code intact: a bar is escaped, a backtick becomes a quote and a
    /// line break a space; then controls are made visible. One pass, and none for most texts.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "\n") }) else {
            return VisibleText.escape(s)
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "`": out += "'"
            case "\n": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return VisibleText.escape(out)
    }
}
