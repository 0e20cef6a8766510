import Foundation

/// The terminal form of a replay: a summary a support lead takes in at a glance (cases, steps,
/// situations, coverage, relief moments met), then the gaps worst first, then the details.
public enum ReplayText {
    /// Gaps listed; the rest are counted.
    public static let gapLimit = 10
    /// Rule-diff cases listed; the rest are counted.
    public static let differenceLimit = 20

    /// Targets read as durations ("4 h") and times to the minute in `zone`.
    public static func render(_ report: ReplayReport, style: TextStyle = .plain, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        typealias W = ReplayWording
        let s = report.summary
        var out = ""
        func heading(_ text: String) { out += "\n" + style.bold(text) + "\n" }

        out += style.bold("Replay of \(W.count(s.cases, "case"))") + ": \(W.count(s.steps, "step")) (one per customer message), \(W.count(s.events, "event"))\n"
        out += style.dim("rules: \(s.rulesName) \(s.rulesVersion) (\(report.rulesSource))") + "\n"
        if let asOf = report.asOf { out += style.dim("as of \(asOf.wording(zone: zone)): later deadlines are open, not missed") + "\n" }
        if report.skipped > 0 {
            out += style.bad("Skipped: \(W.count(report.skipped, "line or row", "lines or rows")) could not be read (listed on stderr)") + "\n"
        }
        if report.lateRows > 0 {
            out += style.bad("\(W.count(report.lateRows, "row")) came after \(report.lateRows == 1 ? "its" : "their") case had been replayed: more than \(W.grouped(report.heldRowLimit ?? 0)) rows were waiting (raise --hold-rows or sort the file by case)") + "\n"
        }
        if s.casesWithoutSteps > 0 {
            out += "\(W.count(s.casesWithoutSteps, "case has", "cases have")) no customer message and no steps.\n"
        }

        heading("Situations")
        out += "  " + "situation".padding(toLength: 12, withPad: " ", startingAt: 0) + "   at peak  at the end     steps\n"
        for situation in Situation.allCases.reversed() {
            let name = style.situation(situation, situation.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))
            out += "  " + name + pad(W.grouped(s.peakSituations[situation] ?? 0), 10)
                + pad(W.grouped(s.leadingSituations[situation] ?? 0), 12) + pad(W.grouped(s.stepSituations[situation] ?? 0), 10) + "\n"
        }
        out += "  \(W.count(s.casesThatMoved, "case", "cases")) changed situation along the way.\n"

        let c = s.coverage
        let relief = s.outcomes.reliefMomentsTotal
        out += "\n" + style.bold("Coverage: ") + colour(style, W.percent(c.percent), good: c.uncoveredSteps == 0)
            + " of steps had a response for every expectation at stake (\(W.grouped(c.coveredSteps)) of \(W.grouped(c.steps))).\n"
        out += style.bold("Relief moments met: ") + "\(W.grouped(relief.met)) of \(W.grouped(relief.met + relief.missed))"
            + " (\(colour(style, W.percent(relief.percent), good: relief.missed == 0)))"
        if relief.unanswered > 0 { out += "; \(W.grouped(relief.unanswered)) never answered" }
        if relief.unknown > 0 { out += "; \(W.grouped(relief.unknown)) without times" }
        if relief.open > 0 { out += "; \(W.grouped(relief.open)) still open (due after --as-of)" }
        out += ".\n"

        heading("Gaps, worst first")
        let gaps = c.gaps
        if gaps.isEmpty { out += "  " + style.good("None: every expectation at stake got a response.") + "\n" }
        let width = gaps.prefix(gapLimit).map { W.cell($0.cell).count }.max() ?? 0
        for gap in gaps.prefix(gapLimit) {
            out += "  " + style.situation(gap.cell.situation, W.cell(gap.cell).padding(toLength: width, withPad: " ", startingAt: 0))
                + "  \(W.grouped(gap.count.uncovered)) of \(W.count(gap.count.steps, "step")) uncovered"
                + (gap.examples.isEmpty ? "" : style.dim("  e.g. " + W.examples(gap.examples))) + "\n"
        }
        if gaps.count > gapLimit { out += "  … and \(W.count(gaps.count - gapLimit, "more cell")) with gaps\n" }

        if !s.worstMissed.isEmpty {
            heading("Relief moments missed, worst first")
            for m in s.worstMissed {
                out += "  \(VisibleText.escape(m.caseId))  " + style.situation(m.situation, m.situation.rawValue) + " peak at step \(m.step), due \(PeopleTime.time(m.due, zone: zone)), "
                    + style.bad(W.lateness(m)) + "\n"
            }
        }

        heading("Relief moments and first responses by situation")
        out += "  situation     target   relief moments met   first response in time\n"
        for situation in Situation.allCases.reversed() {
            let r = s.outcomes.reliefMoments[situation] ?? Outcomes.Compliance()
            let f = s.outcomes.firstResponse[situation] ?? Outcomes.Compliance()
            out += "  " + style.situation(situation, situation.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))
                + pad(s.targets[situation].map { PeopleTime.duration($0) } ?? "", 8) + pad(fraction(r), 21) + pad(fraction(f), 25) + "\n"
        }

        if !s.cadences.isEmpty {
            heading("Update cadence (while open, at least one agent message per cadence)")
            out += "  situation     every    kept                CSAT kept/missed  NPS kept/missed  CES kept/missed   not judged\n"
            for situation in Situation.allCases.reversed() where s.cadences[situation] != nil {
                let c = s.outcomes.cadence[situation] ?? Outcomes.Cadence()
                let kept = c.scores[.kept] ?? Outcomes.Scores(), missed = c.scores[.missed] ?? Outcomes.Scores()
                out += "  " + style.situation(situation, situation.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))
                    + "  " + PeopleTime.duration(s.cadences[situation]!).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + "  " + W.cadence(c).padding(toLength: 16, withPad: " ", startingAt: 0)
                    + pad(W.mean(kept.csat) + " / " + W.mean(missed.csat), 18) + pad(W.nps(kept.nps) + " / " + W.nps(missed.nps), 17)
                    + pad(W.mean(kept.ces) + " / " + W.mean(missed.ces), 17) + pad(W.grouped(c.unjudged), 13) + "\n"
            }
            let total = s.outcomes.cadenceTotal
            if total.missed > 0 {
                out += "  " + style.bad("\(W.count(total.missed, "case")) went longer than the cadence without a word from us.") + "\n"
            } else if total.kept > 0 {
                out += "  " + style.good("Every case judged kept its cadence.") + "\n"
            }
            if total.unjudged > 0 {
                out += "  " + style.dim("Not judged: nothing is known after the case reached its cadence (--as-of sets when the export was taken).") + "\n"
            }
        }

        let shapes = s.trajectoryShapes
        if !shapes.isEmpty {
            heading("Trajectories")
            for shape in shapes.prefix(10) {
                out += "  " + W.path(shape.situations).padding(toLength: 44, withPad: " ", startingAt: 0) + W.count(shape.cases, "case") + "\n"
            }
            let rest = shapes.dropFirst(10).reduce(0) { $0 + $1.cases } + s.otherShapes
            if rest > 0 { out += "  other shapes".padding(toLength: 46, withPad: " ", startingAt: 0) + W.count(rest, "case") + "\n" }
        }

        if s.outcomes.hasFeedback {
            heading("Outcomes (cases with feedback)")
            out += "  " + "group".padding(toLength: 22, withPad: " ", startingAt: 0) + "feedback   CSAT    NPS    CES\n"
            func row(_ label: String, _ scores: Outcomes.Scores) {
                out += "  " + label.padding(toLength: 22, withPad: " ", startingAt: 0) + pad(W.grouped(scores.withFeedback), 8)
                    + pad(W.mean(scores.csat), 7) + pad(W.nps(scores.nps), 7) + pad(W.mean(scores.ces), 7) + "\n"
            }
            for situation in Situation.allCases.reversed() where (s.outcomes.byPeak[situation]?.withFeedback ?? 0) > 0 {
                row("peak \(situation.rawValue)", s.outcomes.byPeak[situation]!)
            }
            for group in Outcomes.ReliefGroup.allCases where (s.outcomes.byReliefMoment[group]?.withFeedback ?? 0) > 0 {
                row("relief moment \(group.rawValue)", s.outcomes.byReliefMoment[group]!)
            }
            for group in Outcomes.CadenceGroup.allCases where (s.outcomes.cadenceTotal.scores[group]?.withFeedback ?? 0) > 0 {
                row("cadence \(group.rawValue)", s.outcomes.cadenceTotal.scores[group]!)
            }
        }

        if report.showsReliefCurve {
            heading("Relief curve: outcomes by the wait for the first answer after the peak")
            out += "  Means are shown where a bucket has \(ReliefCurve.minimumAnswers) answers or more; '–' where it has fewer.\n"
            for situation in Situation.allCases.reversed() {
                let curve = s.outcomes.reliefCurves[situation] ?? ReliefCurve()
                out += "\n  " + style.situation(situation, situation.rawValue) + style.dim(" (first-response target \(s.targets[situation].map { PeopleTime.duration($0) } ?? "–"))") + "\n"
                out += "    " + "wait".padding(toLength: 16, withPad: " ", startingAt: 0) + "cases   CSAT    NPS    CES\n"
                func row(_ label: String, _ scores: Outcomes.Scores) {
                    out += "    " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + pad(W.grouped(scores.cases), 5)
                        + pad(W.curveValue(scores, .csat), 7) + pad(W.curveValue(scores, .nps), 7) + pad(W.curveValue(scores, .ces), 7) + "\n"
                }
                for wait in ReliefCurve.Wait.allCases { row(wait.label, curve.scores(wait)) }
                row("never answered", curve.unanswered)
                out += "    → " + W.finding(curve, target: s.targets[situation]) + "\n"
            }
        }

        let f = s.fallbacks
        heading("Fallbacks")
        if f.cases == 0 {
            out += "  No case fell to the fallback: some situation rule matched every case.\n"
        } else {
            out += "  \(W.count(f.cases, "case")) where no situation rule matched at any step.\n"
            let words = f.topWords()
            if !words.isEmpty {
                out += "  Words no signal knows" + (f.approximate ? " (approximate counts)" : "") + ": "
                    + words.map { "\(VisibleText.escape($0.word)) (\($0.cases))" }.joined(separator: ", ") + "\n"
            }
            for example in f.examples.prefix(5) {
                out += style.dim(VisibleText.escape("  e.g. \(example.caseId): \(example.words.joined(separator: ", "))")) + "\n"
            }
        }

        heading("Rule usage")
        for kind in RuleUsage.Kind.allCases {
            let all = s.usage.entries(kind)
            let never = s.usage.neverFired(kind)
            let label = kind == .signal ? "signals" : kind == .rule ? "situation rules" : "responses"
            out += "  \(label): \(W.grouped(all.count - never.count)) of \(W.grouped(all.count)) fired"
            out += never.isEmpty ? "\n" : "; never: " + style.dim(never.map(\.id).joined(separator: ", ")) + "\n"
        }
        let busiest = s.usage.entries(.signal).filter { $0.cases > 0 }.sorted { $0.cases > $1.cases }.prefix(5)
        if !busiest.isEmpty {
            out += "  most frequent signals: " + busiest.map { "\($0.id) (\(W.count($0.cases, "case")))" }.joined(separator: ", ") + "\n"
        }

        if let comparison = report.comparison {
            let a = comparison.after
            heading("Rules change: --rules → --compare")
            out += "  before →: \(s.rulesName) \(s.rulesVersion) (\(report.rulesSource)), the report above\n"
            out += "  after →:  \(a.rulesName) \(a.rulesVersion) (\(report.compareSource ?? ""))\n"
            out += "  \(W.grouped(comparison.differing)) of \(W.count(comparison.compared, "case")) differ"
            if comparison.differing > 0 {
                out += ": " + RulesComparison.Aspect.allCases.map { "\($0.rawValue) \(W.grouped(comparison.byAspect[$0] ?? 0))" }.joined(separator: ", ")
            }
            out += ".\n"
            out += "  coverage \(W.percent(c.percent)) → \(W.percent(a.coverage.percent)); relief moments met "
                + "\(W.percent(relief.percent)) → \(W.percent(a.outcomes.reliefMomentsTotal.percent))\n"
            for t in comparison.sortedTransitions {
                out += "  leading \(t.transition.before?.rawValue ?? "none") → \(t.transition.after?.rawValue ?? "none"): \(W.count(t.cases, "case"))\n"
            }
            for d in comparison.examples.prefix(differenceLimit) {
                out += "  \(VisibleText.escape(d.caseId))  \(W.difference(d))\n"
            }
            if comparison.differing > differenceLimit {
                out += style.dim("  … \(W.count(comparison.differing - differenceLimit, "more case")); --format json lists up to \(RulesComparison.exampleLimit)") + "\n"
            }
        }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }

    private static func fraction(_ c: Outcomes.Compliance) -> String {
        c.met + c.missed == 0 ? "–" : "\(ReplayWording.grouped(c.met)) of \(ReplayWording.grouped(c.met + c.missed)) (\(ReplayWording.percent(c.percent)))"
    }

    private static func colour(_ style: TextStyle, _ s: String, good: Bool) -> String {
        good ? style.good(s) : style.bad(s)
    }
}
