import Foundation

/// The replay page's update cadence table and relief curves: one small chart per situation,
/// drawn as inline SVG so the page stays self-contained (no scripts, nothing fetched).
enum ReplayCurveHTML {
    typealias W = ReplayWording

    /// Kept and missed cadences per situation, with the feedback of each.
    static func cadenceSection(_ s: ReplaySummary) -> String {
        guard !s.cadences.isEmpty else { return "" }
        var out = "<section><h2>Update cadence</h2><p class=\"muted\">While a case was open in a situation with a cadence, did the customer hear from us at least that often? Feedback of the cases that kept it and that missed it.</p>\n"
        out += "<table class=\"bars\"><tr><th></th><th>every</th><th>kept</th><th>CSAT kept / missed</th><th>NPS kept / missed</th><th>CES kept / missed</th><th>not judged</th></tr>\n"
        for situation in Situation.allCases.reversed() where s.cadences[situation] != nil {
            let c = s.outcomes.cadence[situation] ?? Outcomes.Cadence()
            let kept = c.scores[.kept] ?? Outcomes.Scores(), missed = c.scores[.missed] ?? Outcomes.Scores()
            let width = c.percent.map { Int($0.rounded()) } ?? 0
            out += "<tr><th class=\"\(situation.rawValue)-text\">\(situation.rawValue)</th><td class=\"num\">\(PeopleTime.duration(s.cadences[situation]!))</td><td>"
            out += c.kept + c.missed == 0 ? "<span class=\"muted\">–</span>" : "<div class=\"track\"><div class=\"bar okbar\" style=\"width:\(width)%\"></div></div><span>\(W.cadence(c))</span>"
            out += "</td><td class=\"num\">\(W.mean(kept.csat)) / \(W.mean(missed.csat))</td><td class=\"num\">\(W.nps(kept.nps)) / \(W.nps(missed.nps))</td><td class=\"num\">\(W.mean(kept.ces)) / \(W.mean(missed.ces))</td><td class=\"num\">\(W.grouped(c.unjudged))</td></tr>\n"
        }
        return out + "</table></section>\n"
    }

    /// One chart per situation, with the sentence that names where satisfaction falls most.
    static func curveSection(_ s: ReplaySummary) -> String {
        var out = "<section><h2>Relief curves</h2><p class=\"muted\">Feedback by the wait for the first agent answer after the peak. A point needs \(ReliefCurve.minimumAnswers) answers; a bucket with fewer is marked, not drawn. The dashed line is the rules' first-response target.</p>\n<div class=\"curves\">\n"
        for situation in Situation.allCases.reversed() {
            let curve = s.outcomes.reliefCurves[situation] ?? ReliefCurve()
            out += "<div class=\"curve\"><h3 class=\"\(situation.rawValue)-text\">\(situation.rawValue)</h3>"
            out += chart(curve, situation: situation, target: s.targets[situation])
            out += "<p>\(ReplayHTML.escape(W.finding(curve, target: s.targets[situation])))</p></div>\n"
        }
        return out + "</div></section>\n"
    }

    /// The measure a curve is drawn in: the one its finding used, else CSAT.
    static func measure(_ curve: ReliefCurve) -> ReliefCurve.Measure {
        switch curve.finding {
        case .falls(let f): return f.measure
        case .noFall(let m): return m
        case .tooFew: return .csat
        }
    }

    /// The value range of a measure, best at the top.
    static func range(_ m: ReliefCurve.Measure) -> (low: Double, high: Double) {
        switch m {
        case .csat: return (1, 5)
        case .nps: return (-100, 100)
        case .ces: return (7, 1)
        }
    }

    static func chart(_ curve: ReliefCurve, situation: Situation, target: ISODuration?) -> String {
        let waits = ReliefCurve.Wait.allCases
        let width = 480.0, height = 262.0, left = 44.0, right = 14.0, top = 30.0, bottom = 58.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let step = plotWidth / Double(waits.count)
        let m = measure(curve)
        let (low, high) = range(m)
        func x(_ i: Int) -> Double { left + step * (Double(i) + 0.5) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }
        func label(_ v: Double) -> String { m == .nps ? W.nps(v) : W.mean(v) }

        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(situation.rawValue) relief curve\" font-family=\"system-ui,sans-serif\">"
        // Axis: the measure's range, best at the top.
        for (i, v) in [high, (low + high) / 2, low].enumerated() {
            let yy = top + plotHeight * Double(i) / 2
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(yy))\" x2=\"\(f(width - right))\" y2=\"\(f(yy))\" stroke=\"#e2e5ea\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(yy + 4))\" font-size=\"12\" text-anchor=\"end\" fill=\"#6b7280\">\(label(v))</text>"
        }
        svg += "<text x=\"\(f(left))\" y=\"15\" font-size=\"12\" fill=\"#4b5563\">\(m.rawValue)\(m == .ces ? " (lower is easier)" : "")</text>"
        // The rules' target, between the buckets it separates.
        if let target, let tx = targetX(target.seconds, left: left, step: step) {
            svg += "<line x1=\"\(f(tx))\" y1=\"\(f(top))\" x2=\"\(f(tx))\" y2=\"\(f(top + plotHeight))\" stroke=\"#6b7280\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(f(tx + 3))\" y=\"\(f(top + plotHeight - 5))\" font-size=\"11\" fill=\"#6b7280\">target \(PeopleTime.duration(target))</text>"
        }
        // The fall, if there is one, in red.
        var fall: (ReliefCurve.Wait, ReliefCurve.Wait)?
        if case .falls(let found) = curve.finding { fall = (found.from, found.to) }
        // Lines only between neighbouring drawn buckets: a thin bucket breaks the line.
        for i in 0..<(waits.count - 1) where curve.isDrawn(waits[i], m) && curve.isDrawn(waits[i + 1], m) {
            guard let a = m.value(curve.scores(waits[i])), let b = m.value(curve.scores(waits[i + 1])) else { continue }
            let red = fall.map { $0.0 == waits[i] && $0.1 == waits[i + 1] } ?? false
            svg += "<line x1=\"\(f(x(i)))\" y1=\"\(f(y(a)))\" x2=\"\(f(x(i + 1)))\" y2=\"\(f(y(b)))\" stroke=\"\(red ? "#b42318" : "#2563eb")\" stroke-width=\"\(red ? 3 : 2)\"/>"
        }
        if let (from, to) = fall, let i = waits.firstIndex(of: from), let j = waits.firstIndex(of: to), j > i + 1,
           let a = m.value(curve.scores(from)), let b = m.value(curve.scores(to)) {
            // The fall spans a thin bucket: shown dotted, since no point stands between.
            svg += "<line x1=\"\(f(x(i)))\" y1=\"\(f(y(a)))\" x2=\"\(f(x(j)))\" y2=\"\(f(y(b)))\" stroke=\"#b42318\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>"
        }
        for (i, wait) in waits.enumerated() {
            let scores = curve.scores(wait)
            if curve.isDrawn(wait, m), let v = m.value(scores) {
                svg += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"5\" fill=\"#2563eb\"/>"
                svg += "<text x=\"\(f(x(i)))\" y=\"\(f(y(v) - 9))\" font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1d2330\" stroke=\"#fbfbfc\" stroke-width=\"3\" paint-order=\"stroke\">\(label(v))</text>"
            } else if scores.cases > 0 {
                svg += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotHeight / 2))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#9aa1ab\">too few</text>"
            }
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 18))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2330\">\(ReplayHTML.escape(wait.label))</text>"
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 34))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">\(W.grouped(m == .csat ? scores.csatResponses : m == .nps ? scores.npsResponses : scores.cesResponses)) of \(W.grouped(scores.cases))</text>"
        }
        svg += "<text x=\"\(f(left))\" y=\"\(f(height - 6))\" font-size=\"11\" fill=\"#6b7280\">answers of cases, by the wait for the first answer; \(W.grouped(curve.unanswered.cases)) never answered</text>"
        return svg + "</svg>"
    }

    /// Where a target stands on the axis: on the edge between two buckets when it is one of
    /// their bounds, else between those edges in proportion (on a log scale of time).
    static func targetX(_ seconds: Double, left: Double, step: Double) -> Double? {
        let edges: [(Double, Double)] = [(900, 1), (3600, 2), (14_400, 3), (86_400, 4)].map { ($0.0, left + step * $0.1) }
        guard seconds > 0 else { return nil }
        if seconds <= edges[0].0 { return edges[0].1 - step * min(1, log(edges[0].0 / seconds) / log(4)) / 2 }
        for (a, b) in zip(edges, edges.dropFirst()) where seconds <= b.0 {
            return a.1 + (b.1 - a.1) * log(seconds / a.0) / log(b.0 / a.0)
        }
        return edges[edges.count - 1].1 + step * min(1, log(seconds / edges[edges.count - 1].0) / log(7)) / 2
    }
}
