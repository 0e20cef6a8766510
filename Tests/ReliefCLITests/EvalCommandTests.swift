import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

@Suite("relief eval")
struct EvalCommandTests {
    /// Four cases and five labels, worked out by hand against `ReplayCommandTests.tinyRules`:
    /// A is broken (unexpected), B names a lawyer (crisis), C only thanks (everyday, labelled
    /// unexpected: the one miss), D thanks first and names a lawyer later. Z has no case.
    static let cases = """
    {"id": "t-A", "text": "It is broken"}
    {"id": "t-B", "text": "My lawyer will write"}
    {"id": "t-C", "text": "thanks"}
    {"id": "t-D", "events": [{"at": "2026-03-01T09:00:00Z", "type": "message", "from": "customer", "text": "thanks"}, {"at": "2026-03-02T09:00:00Z", "type": "message", "from": "customer", "text": "my lawyer"}]}

    """
    static let labels = "# labels\nt-A\tunexpected\tunexpected\nt-B\tcrisis\tcrisis\nt-C\tunexpected\tunexpected\nt-D\teveryday\tcrisis\nz-Z\tunexpected\tunexpected\n"

    static func files() throws -> URL {
        let dir = CLIHarness.temporaryDirectory()
        try ReplayCommandTests.tinyRules.write(to: dir.appendingPathComponent("rules.json5"), atomically: true, encoding: .utf8)
        try cases.write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        try labels.write(to: dir.appendingPathComponent("labels.tsv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("first messages: agreement, crisis recall and precision, the miss with its words, and the label without a case")
    func firstMessages() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl", "--rules", "rules.json5"], directory: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Evaluation of 4 labelled cases, first message"))
        #expect(run.stdout.contains("Agreement: 75% (3 of 4)"))
        #expect(run.stdout.contains("Crisis: recall 100% (1 of 1), precision 100% (1 of 1)"))
        #expect(run.stdout.contains("t-C  labelled unexpected, given everyday"))
        #expect(run.stdout.contains("signals: thanks (\"thanks\")"))
        #expect(run.stdout.contains("1 label names a case that was not read: z-Z (line 6)"))
        #expect(!run.stdout.contains("t-D  labelled"))
    }

    @Test("--peak replays each history and measures its most severe step")
    func peak() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl", "--rules", "rules.json5", "--peak"], directory: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("peak over the history"))
        #expect(run.stdout.contains("Crisis: recall 100% (2 of 2), precision 100% (2 of 2)"))
    }

    @Test("the gates exit 1 below their thresholds and say why; at the threshold they pass")
    func gates() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let below = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl", "--rules", "rules.json5", "--min-agreement", "80"], directory: dir.path)
        #expect(below.status == 1)
        #expect(below.stderr.contains("agreement 75.0% is below --min-agreement 80"))
        let at = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl", "--rules", "rules.json5", "--min-agreement", "75", "--min-crisis-recall", "100%"], directory: dir.path)
        #expect(at.status == 0, "\(at.stderr)")
        try "{\"id\": \"q-1\", \"text\": \"broken\"}\n".write(to: dir.appendingPathComponent("other.jsonl"), atomically: true, encoding: .utf8)
        let none = CLIHarness.run(["eval", "labels.tsv", "other.jsonl", "--rules", "rules.json5"], directory: dir.path)
        #expect(none.status == 1)
        #expect(none.stderr.contains("no labelled case was measured"))
    }

    @Test("a bad label is an error with file, line and field, exit 65, and nothing is measured")
    func badLabels() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "t-A\tunexpected\nt-B\tpanic\nt-A\tcrisis\n".write(to: dir.appendingPathComponent("bad.tsv"), atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["eval", "bad.tsv", "cases.jsonl", "--rules", "rules.json5"], directory: dir.path)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("bad.tsv:2: error: unknown situation 'panic'"))
        #expect(run.stderr.contains("bad.tsv:3: error: case 't-A' is labelled twice (first on line 1) [id]"))
    }

    @Test("cases that carry 'expect' are their own labels; JSON output holds the same figures")
    func expectInCases() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labelled = """
        {"id": "x-1", "text": "It is broken", "expect": "unexpected"}
        {"id": "x-2", "text": "thanks", "expect": {"first": "everyday", "peak": "everyday"}}
        {"id": "x-3", "text": "hello there"}

        """
        try labelled.write(to: dir.appendingPathComponent("labelled.jsonl"), atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["eval", "labelled.jsonl", "--rules", "rules.json5", "--format", "json"], directory: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let node = try JSONParser.parse(run.stdout)
        #expect(node["cases"]?.numberValue == 2)
        #expect(node["agreement"]?.numberValue == 100)
        #expect(node["missCount"]?.numberValue == 0)
        #expect(node["situations"]?["unexpected"]?["recall"]?.numberValue == 100)
    }

    @Test("a bad case line is reported with its line, the rest is measured, and the run exits 65")
    func badCaseLine() throws {
        let dir = try Self.files()
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.cases + "{\"id\": \"t-E\", \"channel\": \"pigeon\", \"text\": \"x\"}\n").write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        let run = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl", "--rules", "rules.json5"], directory: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("cases.jsonl:5:"))
        #expect(run.stderr.contains(" [channel]"))
        #expect(run.stdout.contains("Agreement: 75% (3 of 4)"))
    }

    @Test("usage errors: both modes, an unknown split or format, a bad percentage")
    func usage() {
        for args in [["--first", "--peak"], ["--split", "half"], ["--format", "pdf"], ["--min-agreement", "120"], ["--group", "mood"]] {
            let run = CLIHarness.run(["eval", "labels.tsv", "cases.jsonl"] + args)
            #expect(run.status == 64, "\(args)")
            #expect(run.stderr.hasPrefix("relief: error: "), "\(args)")
        }
    }
}
