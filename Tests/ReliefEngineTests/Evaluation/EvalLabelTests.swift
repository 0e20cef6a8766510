import Testing
@testable import ReliefEngine

@Suite("Labels for relief eval")
struct EvalLabelTests {
    @Test("a TSV with a header, comments, a blank line and a note reads as written; a missing peak is the first label")
    func readsTSV() throws {
        let text = "id\tfirst\tpeak\tnote\n# a comment\n\nT-1\teveryday\tcrisis\tthreat in the third message\nT-2\tUNEXPECTED\r\n"
        let (set, problems) = EvalLabelSet.parseTSV(text)
        #expect(problems.isEmpty)
        #expect(set.count == 2)
        #expect(set["T-1"] == EvalLabel(caseId: "T-1", first: .everyday, peak: .crisis, note: "threat in the third message", line: 4))
        #expect(set["T-2"] == EvalLabel(caseId: "T-2", first: .unexpected, peak: .unexpected, line: 5))
        #expect(set["T-1"]?.expected(.first) == .everyday)
        #expect(set["T-1"]?.expected(.peak) == .crisis)
    }

    @Test("every problem is reported with its line and field: an unknown situation, a repeated id, a peak below first, a missing label")
    func reportsEveryProblem() {
        let text = "A\tcrisis\tcrisis\nB\tcrisiss\tcrisis\nA\teveryday\teveryday\nC\tcrisis\tunexpected\nD\n\teveryday\n"
        let (set, problems) = EvalLabelSet.parseTSV(text)
        #expect(set.count == 1)
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(problems.map(\.field) == ["first", "id", "peak", "first", "id"])
        #expect(problems[0].message.contains("unknown situation 'crisiss'; expected everyday, unexpected, elevated, crisis"))
        #expect(problems[1].message.contains("labelled twice (first on line 1)"))
        #expect(problems[2].message.contains("lower than first"))
    }

    @Test("a case's 'expect' is a situation for both labels, or first and peak apart")
    func readsExpect() throws {
        let plain = try JSONParser.parse(#"{"id": "E-1", "text": "hi", "expect": "elevated"}"#)
        #expect(try EvalLabelSet.label(fromCase: plain, line: 3) == EvalLabel(caseId: "E-1", first: .elevated, peak: .elevated, line: 3))
        let both = try JSONParser.parse(#"{"id": "E-2", "expect": {"first": "everyday", "peak": "crisis"}}"#)
        #expect(try EvalLabelSet.label(fromCase: both, line: 1) == EvalLabel(caseId: "E-2", first: .everyday, peak: .crisis, line: 1))
        #expect(try EvalLabelSet.label(fromCase: try JSONParser.parse(#"{"id": "E-3"}"#), line: 1) == nil)
        #expect(throws: EvalLabelProblem.self) { try EvalLabelSet.label(fromCase: try JSONParser.parse(#"{"id": "E-4", "expect": "panic"}"#), line: 9) }
        do {
            _ = try EvalLabelSet.label(fromCase: try JSONParser.parse(#"{"id": "E-5", "expect": {"first": 3}}"#), line: 9)
            Issue.record("a number is not a situation")
        } catch let problem as EvalLabelProblem {
            #expect(problem.line == 9)
            #expect(problem.field == "expect.first")
        }
    }

    @Test("the split depends on the id alone: SHA-256's first four bytes modulo 10, 0-6 tune (values worked out with Python's hashlib)")
    func splitIsFixed() {
        let expected: [(String, EvalSplit)] = [
            ("twcs-1", .tune), ("twcs-11", .check), ("cfpb-3384392", .check), ("et-w1-001", .tune), ("e", .check), ("f", .tune),
        ]
        for (id, split) in expected { #expect(EvalSplit.of(id) == split, "\(id)") }
    }

    @Test("the confusion matrix gives agreement, precision and recall as a support lead would count them")
    func confusionFigures() {
        var c = EvalConfusion()
        for _ in 0..<3 { c.add(expected: .crisis, given: .crisis) }
        c.add(expected: .crisis, given: .unexpected)
        c.add(expected: .unexpected, given: .crisis)
        for _ in 0..<5 { c.add(expected: .unexpected, given: .unexpected) }
        #expect(c.total == 10)
        #expect(c.agreed == 8)
        #expect(c.agreement == 80)
        #expect(c.recall(.crisis) == 75)
        #expect(c.precision(.crisis) == 75)
        #expect(c.recall(.elevated) == nil)
        #expect(c.precision(.everyday) == nil)
        #expect(EvalConfusion().agreement == nil)
    }
}
