/// Runs every signal's examples, as SwiftLint runs the examples kept on each rule, so a rules
/// author sees at once when an edit breaks a signal.
public enum SignalExampleCheck {
    public static func run(_ rules: RuleSet) -> [RulesProblem] {
        let classifier = Classifier(rules: rules)
        var problems: [RulesProblem] = []
        for (index, signal) in rules.signals.enumerated() {
            let path = "signals.\(signal.id).examples"
            for (shouldMatch, texts) in [(true, signal.examples.match), (false, signal.examples.noMatch)] {
                for example in texts {
                    let c = SupportCase.quick(id: "example", text: example.text, language: rules.languages[example.language])
                    let (matched, evidence) = classifier.signalMatches(index, in: c, now: nil)
                    if matched != shouldMatch {
                        let detail = evidence.map { "'\($0.term)' matched '\($0.matched)'" }.joined(separator: ", ")
                        problems.append(RulesProblem(
                            .exampleFailed(signal: signal.id, example: "\"\(example.text)\"", shouldMatch: shouldMatch, detail: detail),
                            at: example.position, field: path))
                    }
                }
            }
            for (shouldMatch, cases) in [(true, signal.examples.matchCases), (false, signal.examples.noMatchCases)] {
                for example in cases {
                    let now = example.now ?? example.supportCase.lastEventTime
                    let (matched, evidence) = classifier.signalMatches(index, in: example.supportCase, now: now)
                    if matched != shouldMatch {
                        let detail = evidence.map { "\($0.term): \($0.matched)" }.joined(separator: ", ")
                        problems.append(RulesProblem(
                            .exampleFailed(signal: signal.id, example: "case at \(example.position)", shouldMatch: shouldMatch, detail: detail),
                            at: example.position, field: path))
                    }
                }
            }
        }
        return problems
    }
}
