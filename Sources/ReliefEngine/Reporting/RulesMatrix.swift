import Foundation

/// The rules as a workshop sees them: per situation what the customer wants, the relief moment
/// and the target, then the situation × expectation matrix with the responses in each cell.
/// Everything is worded in the language shown, frame included (`FrameWords`), and durations
/// read as people say them ("15 min").
public enum RulesMatrix {
    public static func text(_ rules: RuleSet, language: Int, style: TextStyle = .plain) -> String {
        let w = FrameWords.forLanguage(rules.languages[language])
        var out = style.bold("\(rules.name) \(rules.version)") + "  (" + header(rules, w, separator: "; ") + ")\n"
        let labelWidth = [w.wants, w.reliefMoment, w.atStake].map(\.count).max()! + 2
        func label(_ s: String, _ width: Int) -> String { (s + ":").padding(toLength: width, withPad: " ", startingAt: 0) }
        for situation in rules.precedence {
            guard let s = rules.situations[situation] else { continue }
            out += "\n" + style.situation(situation, w.name(situation).uppercased()) + "  \(w.firstResponse) \(w.within(s.firstResponse))"
                + (s.updateEvery.map { ", " + w.updates($0) } ?? "") + "\n"
            out += "  " + label(w.wants, labelWidth) + s.wants.text(language) + "\n"
            out += "  " + label(w.reliefMoment, labelWidth) + s.reliefMoment.text(language) + "\n"
            out += "  " + label(w.atStake, labelWidth) + s.expectations.map(w.name).joined(separator: ", ") + "\n"
        }
        out += "\n" + style.bold(w.matrix) + " (\(w.matrixNote))\n\n"
        let rowWidth = Situation.allCases.map { w.name($0).count }.max()! + 2
        let columnWidth = Expectation.allCases.map { w.name($0).count }.max()! + 2
        /// One line of the table: the row's name, then the cells in columns, with no trailing spaces.
        func row(_ name: String, _ cells: [String]) -> String {
            let padded = name.padding(toLength: rowWidth, withPad: " ", startingAt: 0)
                + cells.dropLast().map { $0.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }.joined() + (cells.last ?? "")
            return padded + "\n"
        }
        out += row("", Expectation.allCases.map(w.name))
        for situation in rules.precedence {
            out += row(w.name(situation), Expectation.allCases.map { e in
                let ids = rules.cells[Cell(situation, e)] ?? []
                let hasDefault = ids.contains { rules.responses[$0].specificity == 0 }
                return ids.isEmpty ? "—" : "\(ids.count)" + (hasDefault ? "*" : "")
            })
        }
        let fieldWidth = [w.say, w.tone, w.actions, w.owner].map(\.count).max()! + 2
        let indent = String(repeating: " ", count: 4 + fieldWidth)
        for situation in rules.precedence {
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                out += "\n" + style.situation(situation, w.name(situation)) + " × " + style.bold(w.name(e)) + "\n"
                if ids.isEmpty { out += "  " + style.bad(w.noResponse) + "\n" }
                for id in ids {
                    let r = rules.responses[id]
                    out += "  \(r.id)" + style.dim(" (" + w.conditions(r.conditions(in: rules)) + ")") + "\n"
                    out += "    " + label(w.say, fieldWidth) + r.say.text(language) + "\n"
                    out += "    " + label(w.tone, fieldWidth) + r.tone.text(language) + "\n"
                    for (i, action) in r.actions.list(language).enumerated() {
                        out += (i == 0 ? "    " + label(w.actions, fieldWidth) : indent) + "- " + action + "\n"
                    }
                    out += "    " + label(w.owner, fieldWidth) + owner(r, rules, language) + ", " + w.within(r.within) + "\n"
                }
            }
        }
        return out
    }

    public static func markdown(_ rules: RuleSet, language: Int) -> String {
        let w = FrameWords.forLanguage(rules.languages[language])
        var out = "# \(rules.name) \(rules.version)\n\n"
        out += header(rules, w, separator: ". ", capitalized: true) + ".\n\n"
        let columns = [w.situation, w.wants, w.reliefMoment, w.firstResponse, w.updateEvery, w.atStake].map(lowerFirst)
        out += "## \(w.situations)\n\n| " + columns.joined(separator: " | ") + " |\n|---|---|---|---|---|---|\n"
        for situation in rules.precedence {
            guard let s = rules.situations[situation] else { continue }
            out += "| \(w.name(situation)) | \(cell(s.wants.text(language))) | \(cell(s.reliefMoment.text(language))) | "
                + "\(PeopleTime.duration(s.firstResponse, units: w.units)) | \(s.updateEvery.map { PeopleTime.duration($0, units: w.units) } ?? "—") | "
                + "\(s.expectations.map(w.name).joined(separator: ", ")) |\n"
        }
        out += "\n## \(w.matrix)\n\n| | " + Expectation.allCases.map(w.name).joined(separator: " | ") + " |\n|---|" + String(repeating: "---|", count: Expectation.allCases.count) + "\n"
        for situation in rules.precedence {
            out += "| **\(w.name(situation))** |"
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                out += " " + (ids.isEmpty ? "—" : ids.map { "`\(rules.responses[$0].id)`" }.joined(separator: "<br>")) + " |"
            }
            out += "\n"
        }
        out += "\n## \(w.responses)\n"
        for situation in rules.precedence {
            for e in Expectation.allCases {
                let ids = rules.cells[Cell(situation, e)] ?? []
                guard !ids.isEmpty else { continue }
                out += "\n### \(w.name(situation)) × \(w.name(e))\n"
                for id in ids {
                    let r = rules.responses[id]
                    out += "\n**`\(r.id)`** (\(w.conditions(r.conditions(in: rules))))  \n"
                    out += "*\(w.say):* \(r.say.text(language))  \n*\(w.tone):* \(r.tone.text(language))  \n"
                    out += "*\(w.owner):* \(owner(r, rules, language)), \(w.within(r.within))\n\n"
                    for action in r.actions.list(language) { out += "- \(action)\n" }
                }
            }
        }
        return out
    }

    /// "precedence: crisis > elevated > …; fallback: unexpected; hit policy: most-specific".
    private static func header(_ rules: RuleSet, _ w: FrameWords, separator: String, capitalized: Bool = false) -> String {
        let parts = [
            (w.precedence, rules.precedence.map(w.name).joined(separator: " > ")),
            (w.fallback, w.name(rules.fallback)),
            (w.hitPolicy, rules.hitPolicy.rawValue),
        ]
        return parts.map { (capitalized ? upperFirst($0.0) : $0.0) + ": " + $0.1 }.joined(separator: separator)
    }

    private static func owner(_ r: Response, _ rules: RuleSet, _ language: Int) -> String {
        rules.owners[r.owner]?.text(language) ?? r.owner
    }

    private static func upperFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
    private static func lowerFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }
    private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
