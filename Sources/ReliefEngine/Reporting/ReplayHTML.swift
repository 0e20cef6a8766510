import Foundation

/// The HTML form of a replay: one self-contained page (inline CSS, no scripts, nothing fetched)
/// that a team lead opens in a browser: headline figures, the coverage matrix as a heat map,
/// situation counts, relief moments met, the worst gaps, and each case's trajectory.
///
/// The page lists at most `caseLimit` cases (the first, in input order), so it stays small
/// enough to open; the summary always covers every case.
public enum ReplayHTML {
    public static let caseLimit = 1000

    /// One case's row in the trajectory list. The CLI renders rows as cases stream past and keeps
    /// at most `caseLimit` of them.
    public static func caseRow(_ r: CaseReplay, after: CaseReplay? = nil, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        var out = "<tr><td class=\"id\">\(escape(r.caseId))</td><td class=\"path\">"
        if r.steps.isEmpty { out += "<span class=\"muted\">no customer message</span>" }
        for step in r.steps {
            let isPeak = r.peak?.step == step.step
            let title = "step \(step.step)" + (step.at.map { " at " + PeopleTime.time($0, zone: zone) } ?? "")
                + (step.raised.isEmpty ? "" : "; raised: " + step.raised.joined(separator: ", "))
                + (step.uncovered.isEmpty ? "" : "; uncovered: " + step.uncovered.map(\.rawValue).joined(separator: ", "))
            if step.step > 1 { out += "<span class=\"arrow\">›</span>" }
            out += "<span class=\"chip \(step.situation.rawValue)\(isPeak ? " peak" : "")\(step.isCovered ? "" : " gap")\" title=\"\(escape(title))\">\(step.step) \(step.situation.rawValue)</span>"
        }
        out += "</td><td>"
        if let m = r.reliefMoment {
            switch m.met {
            case true?: out += "<span class=\"ok\">met</span>" + (m.waitedSeconds.map { " <span class=\"muted\">in \(ReplayWording.duration($0))</span>" } ?? "")
            case false?:
                out += "<span class=\"bad\">missed</span> <span class=\"muted\">"
                out += m.marginSeconds.map { "\(ReplayWording.duration(-$0)) late" } ?? "never answered"
                out += "</span>"
            case nil: out += m.open ? "<span class=\"muted\">open</span>" : "<span class=\"muted\">no times</span>"
            }
        }
        out += "</td>"
        if let after {
            let aspects = RulesComparison.difference(before: r, after: after)?.aspects ?? []
            out += "<td>" + (aspects.isEmpty ? "<span class=\"muted\">same</span>" : "<span class=\"bad\">" + aspects.map(\.rawValue).joined(separator: ", ") + "</span> → " + (after.leading?.rawValue ?? "none")) + "</td>"
        }
        return out + "</tr>\n"
    }

    /// Targets read as durations ("4 h") and times to the minute in `zone`.
    public static func render(_ report: ReplayReport, caseRows: [String], zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        typealias W = ReplayWording
        let s = report.summary
        let c = s.coverage
        let relief = s.outcomes.reliefMomentsTotal
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Relief replay: \(escape(s.rulesName)) \(escape(s.rulesVersion))</title>
        <style>\(css)</style>
        </head>
        <body>
        <header><h1>Replay of \(W.count(s.cases, "case"))</h1>
        <p class="muted">Rules <b>\(escape(s.rulesName)) \(escape(s.rulesVersion))</b> from \(escape(report.rulesSource)). \(W.count(s.steps, "step")) (one per customer message), \(W.count(s.events, "event")).</p></header>
        <section class="cards">
        """
        out += card("Cases", W.grouped(s.cases), "\(W.grouped(s.casesThatMoved)) changed situation")
        out += card("Steps", W.grouped(s.steps), "customer messages replayed")
        out += card("Coverage", W.percent(c.percent), "\(W.grouped(c.coveredSteps)) of \(W.grouped(c.steps)) steps fully answered", tone: c.uncoveredSteps == 0 ? "ok" : "bad")
        out += card("Relief moments met", W.percent(relief.percent), "\(W.grouped(relief.met)) of \(W.grouped(relief.met + relief.missed)); \(W.grouped(relief.unanswered)) never answered" + (relief.open > 0 ? "; \(W.grouped(relief.open)) still open" : ""), tone: relief.missed == 0 ? "ok" : "bad")
        if report.skipped > 0 { out += card("Skipped", W.grouped(report.skipped), "lines or rows that could not be read", tone: "bad") }
        out += "</section>\n"

        out += "<section><h2>Coverage heat map</h2><p class=\"muted\">Share of steps where the expectation was at stake and a response answered it. Grey: never at stake.</p>\n<table class=\"heat\"><tr><th></th>"
        for e in Expectation.allCases { out += "<th>\(e.rawValue)</th>" }
        out += "</tr>\n"
        for situation in Situation.allCases.reversed() {
            out += "<tr><th class=\"\(situation.rawValue)-text\">\(situation.rawValue)</th>"
            for e in Expectation.allCases {
                let count = c.count(Cell(situation, e))
                if let p = count.percent {
                    let hue = Int((p * 1.2).rounded())
                    out += "<td style=\"background:hsl(\(hue),70%,80%)\"><b>\(W.percent(p))</b><br><span class=\"small\">\(W.grouped(count.covered)) / \(W.grouped(count.steps))</span></td>"
                } else {
                    out += "<td class=\"none\">—</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</table></section>\n"

        out += "<section class=\"two\"><div><h2>Situations</h2><table class=\"bars\"><tr><th></th><th>cases at peak</th><th>steps</th></tr>\n"
        let maxPeak = max(1, Situation.allCases.map { s.peakSituations[$0] ?? 0 }.max() ?? 1)
        for situation in Situation.allCases.reversed() {
            let n = s.peakSituations[situation] ?? 0
            let width = Int((Double(n) / Double(maxPeak) * 80).rounded())
            out += "<tr><th class=\"\(situation.rawValue)-text\">\(situation.rawValue)</th><td><div class=\"bar \(situation.rawValue)\" style=\"width:\(max(width, n > 0 ? 2 : 0))%\"></div><span>\(W.grouped(n))</span></td><td class=\"num\">\(W.grouped(s.stepSituations[situation] ?? 0))</td></tr>\n"
        }
        out += "</table></div>\n<div><h2>Relief moments met</h2><table class=\"bars\"><tr><th></th><th>met / judged</th><th>target</th></tr>\n"
        for situation in Situation.allCases.reversed() {
            let r = s.outcomes.reliefMoments[situation] ?? Outcomes.Compliance()
            let judged = r.met + r.missed
            let width = judged == 0 ? 0 : Int((Double(r.met) / Double(judged) * 100).rounded())
            out += "<tr><th class=\"\(situation.rawValue)-text\">\(situation.rawValue)</th><td>"
            out += judged == 0 ? "<span class=\"muted\">–</span>" : "<div class=\"track\"><div class=\"bar okbar\" style=\"width:\(width)%\"></div></div><span>\(W.grouped(r.met)) / \(W.grouped(judged))</span>"
            out += "</td><td class=\"num\">\(s.targets[situation].map { PeopleTime.duration($0) } ?? "")</td></tr>\n"
        }
        out += "</table></div></section>\n"
        out += ReplayCurveHTML.cadenceSection(s)
        if report.showsReliefCurve { out += ReplayCurveHTML.curveSection(s) }

        out += "<section><h2>Worst gaps</h2>\n"
        let gaps = c.gaps
        if gaps.isEmpty {
            out += "<p class=\"ok\">None: every expectation at stake got a response.</p>\n"
        } else {
            out += "<table class=\"list\"><tr><th>cell</th><th>uncovered steps</th><th>coverage</th><th>examples</th></tr>\n"
            for gap in gaps.prefix(10) {
                out += "<tr><td><span class=\"\(gap.cell.situation.rawValue)-text\">\(gap.cell.situation.rawValue)</span> × \(gap.cell.expectation.rawValue)</td><td class=\"num\">\(W.grouped(gap.count.uncovered)) of \(W.grouped(gap.count.steps))</td><td class=\"num\">\(W.percent(gap.count.percent))</td><td class=\"muted\">\(escape(W.examples(gap.examples)))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if !s.worstMissed.isEmpty {
            out += "<h2>Relief moments missed</h2><table class=\"list\"><tr><th>case</th><th>peak</th><th>due</th><th></th></tr>\n"
            for m in s.worstMissed {
                out += "<tr><td class=\"id\">\(escape(m.caseId))</td><td><span class=\"\(m.situation.rawValue)-text\">\(m.situation.rawValue)</span> at step \(m.step)</td><td>\(PeopleTime.time(m.due, zone: zone))</td><td class=\"bad\">\(W.lateness(m))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "</section>\n"

        let f = s.fallbacks
        out += "<section class=\"two\"><div><h2>Fallbacks</h2>"
        if f.cases == 0 {
            out += "<p>No case fell to the fallback.</p>"
        } else {
            out += "<p>\(W.count(f.cases, "case")) where no situation rule matched. Words no signal knows\(f.approximate ? " (approximate)" : ""):</p><p>"
            out += f.topWords().map { "<span class=\"word\">\(escape($0.word)) <b>\($0.cases)</b></span>" }.joined(separator: " ") + "</p>"
        }
        out += "</div><div><h2>Never fired</h2>"
        for kind in RuleUsage.Kind.allCases {
            let never = s.usage.neverFired(kind)
            let label = kind == .signal ? "Signals" : kind == .rule ? "Situation rules" : "Responses"
            out += "<p><b>\(label)</b>: " + (never.isEmpty ? "<span class=\"muted\">all fired</span>" : escape(never.map(\.id).joined(separator: ", "))) + "</p>"
        }
        out += "</div></section>\n"

        if let comparison = report.comparison {
            let a = comparison.after
            out += "<section><h2>Rules change: --rules → --compare</h2><p class=\"muted\">Before each →: \(escape(s.rulesName)) \(escape(s.rulesVersion)) (\(escape(report.rulesSource))), the report above. After: \(escape(a.rulesName)) \(escape(a.rulesVersion)) (\(escape(report.compareSource ?? "")))</p><p>\(W.grouped(comparison.differing)) of \(W.count(comparison.compared, "case")) differ. Coverage \(W.percent(c.percent)) → \(W.percent(a.coverage.percent)); relief moments met \(W.percent(relief.percent)) → \(W.percent(a.outcomes.reliefMomentsTotal.percent)).</p>\n"
            if !comparison.examples.isEmpty {
                out += "<table class=\"list\"><tr><th>case</th><th>what changed</th></tr>\n"
                for d in comparison.examples.prefix(100) {
                    out += "<tr><td class=\"id\">\(escape(d.caseId))</td><td>\(escape(W.difference(d)))</td></tr>\n"
                }
                out += "</table>\n"
            }
            out += "</section>\n"
        }

        out += "<section><h2>Trajectories</h2>"
        if s.cases > caseRows.count {
            out += "<p class=\"muted\">The first \(W.grouped(caseRows.count)) of \(W.count(s.cases, "case")); --format json lists them all.</p>"
        }
        out += "<p class=\"muted\">One chip per customer message; the outlined chip is the peak, a dashed one had an expectation without a response.</p>\n"
        out += "<table class=\"cases\"><tr><th>case</th><th>trajectory</th><th>relief moment</th>\(report.comparison == nil ? "" : "<th>with the other rules</th>")</tr>\n"
        for row in caseRows { out += row }
        out += "</table></section>\n</body>\n</html>\n"
        return out
    }

    private static func card(_ title: String, _ value: String, _ note: String, tone: String = "") -> String {
        "<div class=\"card\"><div class=\"muted\">\(escape(title))</div><div class=\"big \(tone)\">\(escape(value))</div><div class=\"small muted\">\(escape(note))</div></div>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let css = """
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f6f7f9;margin:0;padding:24px 32px;max-width:1200px}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:0 0 10px}table+h2{margin-top:22px}
    section{background:#fff;border:1px solid #e2e5ea;border-radius:10px;padding:16px 20px;margin:16px 0}
    .cards{display:flex;gap:14px;background:none;border:0;padding:0}
    .card{flex:1;background:#fff;border:1px solid #e2e5ea;border-radius:10px;padding:14px 16px}
    .big{font-size:30px;font-weight:700}.small{font-size:12px}.muted{color:#6b7280}
    .ok{color:#1b7f3b}.bad{color:#b42318}
    .two{display:flex;gap:32px}.two>div{flex:1}
    table{border-collapse:collapse;width:100%}th{text-align:left;font-weight:600;font-size:13px;color:#4b5563;padding:6px 8px}
    td{padding:6px 8px;border-top:1px solid #eef0f3;vertical-align:middle}
    .heat{table-layout:fixed}.heat td{text-align:center;border:2px solid #fff;border-radius:6px;font-size:14px}.heat td.none{background:#eceef1;color:#9aa1ab}
    .heat th{text-align:center}.heat tr th:first-child{text-align:left}
    .bars td span{margin-left:8px;font-size:13px;white-space:nowrap}.bars td{white-space:nowrap}.bar{display:inline-block;height:14px;border-radius:4px;vertical-align:middle}
    .track{display:inline-block;width:60%;background:#eceef1;border-radius:4px;vertical-align:middle}.okbar{background:#2e9e5b;display:block}
    .num{text-align:right;white-space:nowrap}.id{font-family:ui-monospace,monospace;font-size:13px;white-space:nowrap}
    .crisis{background:#c62828}.elevated{background:#7b1fa2}.unexpected{background:#e07b00}.everyday{background:#2e7d32}
    .crisis-text{color:#c62828}.elevated-text{color:#7b1fa2}.unexpected-text{color:#c26a00}.everyday-text{color:#2e7d32}
    .chip{display:inline-block;color:#fff;border-radius:12px;padding:1px 9px;font-size:12px;margin:2px 0;border:2px solid transparent}
    .chip.peak{border-color:#111;box-shadow:0 0 0 1px #fff inset}.chip.gap{border-style:dashed;border-color:#fff;outline:2px dashed #b42318;outline-offset:-1px}
    .arrow{color:#9aa1ab;margin:0 3px}.word{display:inline-block;background:#eef2ff;border-radius:6px;padding:1px 8px;margin:2px;font-size:13px}
    .cases td.path{line-height:1.9}
    .curves{display:flex;flex-wrap:wrap;gap:18px}.curve{flex:1 1 360px;max-width:520px}.curve h3{font-size:15px;margin:0 0 4px}
    .curve svg{width:100%;height:auto;background:#fbfbfc;border:1px solid #eef0f3;border-radius:8px}.curve p{margin:6px 0 0;font-size:13px}
    """
}
