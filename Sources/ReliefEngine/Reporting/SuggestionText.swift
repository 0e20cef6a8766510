/// Suggestions as a person reads them, each with a snippet to paste into the signal's term
/// list, and as JSON for tools.
public enum SuggestionText {
    public static func render(_ suggestions: [TermSuggestion], cases: Int, rules: RuleSet, style: TextStyle = .plain) -> String {
        typealias W = ReplayWording
        var out = style.bold("Suggestions for \(rules.name) \(rules.version)") + " from \(W.count(cases, "labelled case")), best first by fixes minus breaks\n"
        if suggestions.isEmpty {
            out += "\nNo term found that fixes more misses than it breaks. Label more cases, or lower --min-precision.\n"
            return out
        }
        for (n, s) in suggestions.enumerated() {
            out += "\n\(n + 1). " + style.bold("\"\(VisibleText.escape(s.term))\"") + " → signal \(s.signal) (leads to " + style.situation(s.situation, s.situation.rawValue) + ")\n"
            out += "   net +\(s.net): fixes \(s.fixes), breaks \(s.breaks); matches \(W.count(s.support, "case")), precision \(W.percent(s.precision))\n"
            out += "   " + style.dim("// in signal \"\(s.signal)\", text.\(s.language):") + "\n"
            out += "   \(snippet(s))\n"
        }
        return out
    }

    /// The line to paste: the term, and one case it fixes as its example.
    public static func snippet(_ s: TermSuggestion) -> String {
        var example = s.exampleText.map { $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) }
        if example.count > 100 { example = String(example.prefix(100)) + "…" }
        return "\"\(jsonEscaped(s.term))\",  // e.g. \(s.exampleCase): \"\(VisibleText.escape(example))\""
    }

    private static func jsonEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    public static func json(_ suggestions: [TermSuggestion], cases: Int) -> JSON {
        .object([
            "cases": .int(cases),
            "suggestions": .array(suggestions.map { s in
                .object([
                    "term": .string(s.term), "signal": .string(s.signal), "language": .string(s.language),
                    "situation": .string(s.situation.rawValue), "fixes": .int(s.fixes), "breaks": .int(s.breaks), "net": .int(s.net),
                    "support": .int(s.support), "precision": .double((s.precision * 10).rounded() / 10),
                    "example": .object(["caseId": .string(s.exampleCase), "text": .string(s.exampleText)]),
                    "snippet": .string(snippet(s)),
                ])
            }),
        ])
    }
}
