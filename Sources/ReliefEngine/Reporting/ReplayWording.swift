import Foundation

/// Wording shared by the replay reporters, so text, Markdown and HTML say the same thing the
/// same way.
enum ReplayWording {
    /// "87.5%", "100%", "0%"; "n/a" for nothing to measure.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let r = (value * 10).rounded() / 10
        return r == r.rounded() ? "\(Int(r))%" : String(format: "%.1f%%", r)
    }

    /// "3 cases", "1 case".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(grouped(n)) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A length of time for people: "45 s", "12 min", "2 h 5 min", "3 d 4 h".
    static func duration(_ seconds: Double) -> String {
        PeopleTime.duration(seconds)
    }

    /// "answered 2 h 5 min late" or "never answered".
    static func lateness(_ m: ReplaySummary.MissedRelief) -> String {
        guard let late = m.lateSeconds else { return "never answered" }
        return "answered \(duration(late)) late"
    }

    static func path(_ situations: [Situation]) -> String {
        situations.map(\.rawValue).joined(separator: " → ")
    }

    static func cell(_ cell: Cell) -> String {
        "\(cell.situation.rawValue) × \(cell.expectation.rawValue)"
    }

    /// "H-2001 step 3, H-2005 step 2".
    static func examples(_ steps: [CoverageTally.UncoveredStep]) -> String {
        steps.map { "\(VisibleText.escape($0.caseId)) step \($0.step)" }.joined(separator: ", ")
    }

    /// "leading unexpected → crisis; peak step 2 unexpected → step 3 crisis".
    static func difference(_ d: RulesComparison.Difference) -> String {
        var parts: [String] = []
        for aspect in d.aspects {
            switch aspect {
            case .leading:
                parts.append("leading \(d.before.leading?.rawValue ?? "none") → \(d.after.leading?.rawValue ?? "none")")
            case .peak:
                func peak(_ p: ReplayPeak?) -> String { p.map { "step \($0.step) \($0.situation.rawValue)" } ?? "none" }
                parts.append("peak \(peak(d.before.peak)) → \(peak(d.after.peak))")
            case .responses:
                let removed = d.before.responses.filter { !d.after.responses.contains($0) }
                let added = d.after.responses.filter { !d.before.responses.contains($0) }
                var change: [String] = []
                if !removed.isEmpty { change.append("− " + removed.joined(separator: ", ")) }
                if !added.isEmpty { change.append("+ " + added.joined(separator: ", ")) }
                if change.isEmpty { change.append("same responses in another order") }
                parts.append("responses " + change.joined(separator: " "))
            }
        }
        return parts.joined(separator: "; ")
    }

    /// Mean with one decimal, or "–".
    static func mean(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "–"
    }

    /// NPS as a whole number with its sign, or "–".
    static func nps(_ value: Double?) -> String {
        guard let value else { return "–" }
        let n = Int(value.rounded())
        return n > 0 ? "+\(n)" : "\(n)"
    }
}

extension ReplayWording {
    /// "3 of 5 (60%)", or "–" with no case judged.
    static func cadence(_ c: Outcomes.Cadence) -> String {
        c.kept + c.missed == 0 ? "–" : "\(grouped(c.kept)) of \(grouped(c.kept + c.missed)) (\(percent(c.percent)))"
    }


    /// A mean of one measure for a curve's bucket, or "–" when the bucket has too few answers.
    static func curveValue(_ scores: Outcomes.Scores, _ measure: ReliefCurve.Measure) -> String {
        guard measure.answers(scores) >= ReliefCurve.minimumAnswers, let value = measure.value(scores) else { return "–" }
        return measure == .nps ? nps(value) : mean(value)
    }

    /// What a curve says about the first-response target, in a sentence.
    static func finding(_ curve: ReliefCurve, target: ISODuration?) -> String {
        let rules = target.map { "; the rules say \(PeopleTime.duration($0))" } ?? ""
        switch curve.finding {
        case .falls(let f):
            let value = { (x: Double) in f.measure == .nps ? nps(x) : mean(x) }
            let suggested = f.from.upperBound.map { "evidence for a first-response target of \(PeopleTime.duration($0))" } ?? "answers after a day fare worst"
            return "\(f.measure.rawValue) \(f.measure == .ces ? "(effort) rises" : "falls") most from \(f.from.label) (\(value(f.before))) to \(f.to.label) (\(value(f.after))): \(suggested)\(rules)."
        case .noFall(let m):
            return "\(m.rawValue) does not get worse with longer waits here\(rules)."
        case .tooFew:
            return "Too few answers to draw the curve: a bucket needs \(ReliefCurve.minimumAnswers) answers of CSAT, NPS or CES\(rules)."
        }
    }
}

extension ReplayAsOf {
    /// "2026-03-12 19:05 +02:00" in `zone`, or "each case's last event".
    func wording(zone: TimeZone) -> String {
        switch self {
        case .time(let t): return PeopleTime.time(t, zone: zone)
        case .caseEnd: return "each case's last event"
        }
    }
}
