import Foundation

/// The rules as a workshop sees them: per situation what the customer wants, the relief moment
/// and the target, then the situation × expectation matrix with the responses in each cell.
public enum RulesMatrix {
    public static func text(_ rules: RuleSet, language: Int, style: TextStyle = .plain) -> String {
        var out = style.bold("\(rules.name) \(rules.version)") + "  (precedence: " + rules.precedence.map(\.rawValue).joined(separator: " > ") + "; fallback: \(rules.fallback.rawValue); hit policy: \(rules.hitPolicy.rawValue))\n"
        for situation in rules.precedence {
            guard let s = rules.situations[situation] else { continue }
            out += "\n" + style.situation(situation, situation.rawValue.uppercased()) + "  first response within \(s.firstResponse.text)\n"
            out += "  Wants:         \(s.wants.text(language))\n"
            out += "  Relief moment: \(s.reliefMoment.text(language))\n"
            out += "  At stake:      \(s.expectations.map(\.rawValue).joined(separator: ", "))\n"
        }
        out += "\n" + style.bold("Matrix") + " (responses per cell; * = default, others have conditions)\n\n"
        let width = Expectation.allCases.map(\.rawValue.count).max()! + 2
        out += "".padding(toLength: 12, withPad: " ", startingAt: 0)
        for e in Expectation.allCases { out += e.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) }
        out += "\n"
        for situation in rules.precedence {
            out += situation.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                let hasDefault = ids.contains { rules.responses[$0].specificity == 0 }
                let cell = ids.isEmpty ? "—" : "\(ids.count)" + (hasDefault ? "*" : "")
                out += cell.padding(toLength: width, withPad: " ", startingAt: 0)
            }
            out += "\n"
        }
        for situation in rules.precedence {
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                out += "\n" + style.situation(situation, situation.rawValue) + " × " + style.bold(e.rawValue) + "\n"
                if ids.isEmpty { out += "  " + style.bad("no response") + "\n" }
                for id in ids {
                    let r = rules.responses[id]
                    out += "  \(r.id)" + style.dim(conditions(r, rules)) + "\n"
                    out += "    Say:   \(r.say.text(language))\n"
                    out += "    Do:    \(r.actions.list(language).joined(separator: "; "))\n"
                    out += "    Owner: \(rules.owners[r.owner]?.text(language) ?? r.owner), within \(r.within.text)\n"
                }
            }
        }
        return out
    }

    public static func markdown(_ rules: RuleSet, language: Int) -> String {
        var out = "# \(rules.name) \(rules.version)\n\n"
        out += "Precedence: " + rules.precedence.map(\.rawValue).joined(separator: " > ") + ". Fallback: \(rules.fallback.rawValue). Hit policy: \(rules.hitPolicy.rawValue).\n\n"
        out += "## Situations\n\n| situation | the customer wants | relief moment | first response | at stake |\n|---|---|---|---|---|\n"
        for situation in rules.precedence {
            guard let s = rules.situations[situation] else { continue }
            out += "| \(situation.rawValue) | \(cell(s.wants.text(language))) | \(cell(s.reliefMoment.text(language))) | \(s.firstResponse.text) | \(s.expectations.map(\.rawValue).joined(separator: ", ")) |\n"
        }
        out += "\n## Matrix\n\n| | " + Expectation.allCases.map(\.rawValue).joined(separator: " | ") + " |\n|---|" + String(repeating: "---|", count: Expectation.allCases.count) + "\n"
        for situation in rules.precedence {
            out += "| **\(situation.rawValue)** |"
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                out += " " + (ids.isEmpty ? "—" : ids.map { "`\(rules.responses[$0].id)`" }.joined(separator: "<br>")) + " |"
            }
            out += "\n"
        }
        out += "\n## Responses\n"
        for situation in rules.precedence {
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                guard !ids.isEmpty else { continue }
                out += "\n### \(situation.rawValue) × \(e.rawValue)\n"
                for id in ids {
                    let r = rules.responses[id]
                    out += "\n**`\(r.id)`**\(conditions(r, rules))  \n"
                    out += "*Say:* \(r.say.text(language))  \n*Tone:* \(r.tone.text(language))  \n"
                    out += "*Owner:* \(rules.owners[r.owner]?.text(language) ?? r.owner), within \(r.within.text)\n\n"
                    for action in r.actions.list(language) { out += "- \(action)\n" }
                }
            }
        }
        return out
    }

    static func conditions(_ r: Response, _ rules: RuleSet) -> String {
        var parts: [String] = []
        if let c = r.channels { parts.append("channel " + c.map(\.rawValue).sorted().joined(separator: "/")) }
        if let j = r.journeys { parts.append("journey " + j.map(\.rawValue).sorted().joined(separator: "/")) }
        if let s = r.segments { parts.append("segment " + s.sorted().joined(separator: "/")) }
        if let l = r.languages { parts.append("language " + l.sorted().map { rules.languages[$0] }.joined(separator: "/")) }
        if !r.signals.isEmpty { parts.append("signals " + r.signals.map { rules.signals[$0].id }.joined(separator: " + ")) }
        return parts.isEmpty ? " (default)" : " (when " + parts.joined(separator: ", ") + ")"
    }

    private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
