import Testing
@testable import ReliefEngine

/// Every message a person reads has one of two shapes: placed in a file, or from relief itself.
@Suite("Diagnostic")
struct DiagnosticTests {
    @Test("a placed message names file, line, column and field, in the form editors jump to")
    func placed() {
        let d = Diagnostic(file: "cases.jsonl", line: 4, column: 21, field: "channel", message: "unknown channel \"pigeon\"")
        #expect(d.description == "cases.jsonl:4:21: error: unknown channel \"pigeon\" [channel]")
        #expect(Diagnostic(.warning, file: "r.json5", position: SourcePosition(line: 3, column: 9), message: "m").description == "r.json5:3:9: warning: m")
    }

    @Test("a CSV row has a line and no column; a file-level message has neither")
    func partlyPlaced() {
        #expect(Diagnostic(file: "export.csv", line: 5, field: "at", message: "not a time").description == "export.csv:5: error: not a time [at]")
        #expect(Diagnostic(file: "export.csv", message: "no case column").description == "export.csv: error: no case column")
        #expect(Diagnostic(file: "x", line: 2, field: "", message: "m").description == "x:2: error: m", "an empty field adds nothing")
    }

    @Test("a message with no file comes from relief itself")
    func unplaced() {
        #expect(Diagnostic(message: "no such file: 'a.jsonl'").description == "relief: error: no such file: 'a.jsonl'")
        #expect(Diagnostic(.note, message: "3 rows skipped").description == "relief: note: 3 rows skipped")
    }

    @Test("a rules problem is worded through the same printer")
    func rulesProblem() {
        let problem = RulesProblem(.unknownKey("colour", suggestion: "color"), at: SourcePosition(line: 7, column: 3), field: "signals[0]")
        #expect(problem.formatted(file: "team.json5") == problem.diagnostic(file: "team.json5").description)
        #expect(problem.formatted(file: "team.json5").hasPrefix("team.json5:7:3: warning: "))
        #expect(problem.formatted(file: "team.json5").hasSuffix(" [signals[0]]"))
    }
}
