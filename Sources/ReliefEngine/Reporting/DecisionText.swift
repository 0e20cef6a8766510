import Foundation

/// The terminal form of a decision: the situation and why, what the customer wants, the relief
/// moment, then the playbook an agent works through.
public enum DecisionText {
    /// Times are shown to the minute in `zone`, durations as people say them ("4 h").
    public static func render(_ d: Decision, style: TextStyle = .plain, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        var out = ""
        let others = d.situations.map(\.situation).filter { $0 != d.situation }
        out += style.bold("Case \(VisibleText.escape(d.caseId))") + "  " + style.situation(d.situation, d.situation.rawValue.uppercased())
        if !others.isEmpty { out += "  " + style.dim("(also " + others.map(\.rawValue).joined(separator: ", ") + ")") }
        out += "  " + style.dim("[\(d.language)]") + "\n"
        if d.textTruncated {
            out += style.bad("Note: a message was longer than the text limit; only its first part was read.") + "\n"
        }
        if let o = d.override {
            out += "Set by a person (the engine said \(o.engineSituation.rawValue)): \(VisibleText.escape(o.reason))\n"
        }
        if d.fallback {
            out += "Why: no situation rule matched, so the case fell to \(d.situation.rawValue)"
                + (d.fallbackReason.map { ": \($0.explanation)" } ?? "") + ".\n"
        } else {
            out += "Why:\n"
            for match in d.situations {
                for rule in match.rules {
                    out += "  \(match.situation.rawValue) ← \(rule.id): \(rule.signals.joined(separator: ", "))\n"
                }
            }
        }
        if !d.signals.isEmpty {
            out += "Signals:\n"
            let width = d.signals.map(\.id.count).max() ?? 0
            for signal in d.signals {
                let words = signal.evidence.map { EvidenceText.withTerm($0, zone: zone) }.joined(separator: ", ")
                out += "  " + signal.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + words + "\n"
            }
        }
        out += "\n" + style.bold("Customer wants: ") + d.wants + "\n"
        out += style.bold("Relief moment: ") + d.reliefMoment + "\n"
        out += style.bold("First response: ") + "within \(PeopleTime.duration(d.firstResponseTarget))"
        if let by = d.firstResponseBy { out += ", by \(PeopleTime.time(by, zone: zone))" }
        out += "\n"
        if let cadence = d.updateEvery {
            out += style.bold("Updates: ") + "at least every \(PeopleTime.duration(cadence)) while the case is open"
            if let next = d.nextUpdateBy { out += "; next by \(PeopleTime.time(next, zone: zone))" }
            out += "\n"
        }
        out += "\n" + style.bold("Playbook") + " (expectations at stake: " + d.expectations.map(\.rawValue).joined(separator: ", ") + ")\n"
        for (n, r) in d.responses.enumerated() {
            out += "\n\(n + 1). " + style.bold(r.expectation.rawValue) + "  " + style.dim(r.id) + "\n"
            out += "   Say:   \(r.say)\n"
            out += "   Tone:  \(r.tone)\n"
            for (i, action) in r.actions.enumerated() {
                out += (i == 0 ? "   Do:    " : "          ") + "- \(action)\n"
            }
            out += "   Owner: \(r.ownerName), within \(PeopleTime.duration(r.within))" + (r.by.map { ", by \(PeopleTime.time($0, zone: zone))" } ?? "") + "\n"
        }
        for e in d.uncovered {
            out += "\n" + style.bad("No response for \(e.rawValue) in \(d.situation.rawValue): the rules have a gap here.") + "\n"
        }
        if let explanation = d.explanation {
            out += "\n" + style.bold("Explain") + "\n"
            for s in explanation {
                out += "  " + style.situation(s.situation, s.situation.rawValue) + (s.matched ? " matched" : " did not match") + "\n"
                if s.rules.isEmpty { out += "    (no rules)\n" }
                for r in s.rules {
                    out += "    " + (r.held ? style.good("✓") : style.bad("✗")) + " \(r.id): " + describe(r.condition, style) + "\n"
                }
            }
        }
        out += style.dim("\nrules: \(d.rulesName) \(d.rulesVersion)") + "\n"
        return out
    }

    /// A condition with each signal marked: `any(fraud ✓, legal-threat ✗)`.
    public static func describe(_ t: ConditionTrace, _ style: TextStyle = .plain) -> String {
        switch t {
        case .signal(let id, let held): return id + " " + (held ? style.good("✓") : style.bad("✗"))
        case .all(let parts, _): return "all(" + parts.map { describe($0, style) }.joined(separator: ", ") + ")"
        case .any(let parts, _): return "any(" + parts.map { describe($0, style) }.joined(separator: ", ") + ")"
        case .not(let inner, _): return "not(" + describe(inner, style) + ")"
        }
    }
}
