import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

/// `relief rules learn`: a weighted signal learned from labelled cases, printed to paste into the
/// rules, where it loads and decides.
@Suite("Learning a weighted signal")
struct RulesLearnTests {
    static let cases = [
        ("K-1", "my account was hacked and money is gone", "crisis"),
        ("K-2", "hacked account, someone took my savings", "crisis"),
        ("K-3", "they hacked my email and money vanished", "crisis"),
        ("K-4", "money left the account, not me", "crisis"),
        ("K-5", "how do I change my email", "everyday"),
        ("K-6", "what are your opening hours", "everyday"),
        ("K-7", "can I change my delivery address", "everyday"),
        ("K-8", "thanks, the parcel came", "everyday"),
        ("K-9", "how do I change the address on my account", "everyday"),
        ("K-10", "a question about opening hours", "everyday"),
    ]

    @Test("the words of the crisis cases weigh for crisis; the output is a signal that loads, decides and is the same every run")
    func learn() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        let lines = Self.cases.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\", \"expect\": \"\($0.2)\"}" }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)

        let learned = run(["rules", "learn", "cases.jsonl", "--lang", "en", "--strength", "10", "--id", "money-taken"])
        #expect(learned.status == 0, "\(learned.stderr)")
        #expect(learned.stdout.contains(#"id: "money-taken","#))
        #expect(learned.stdout.contains("learned from 10 labelled cases (4 of them crisis, 40%)"))
        #expect(learned.stdout.contains("// relief rules learn cases.jsonl --lang en --strength 10 --id money-taken"))
        #expect(learned.stdout.contains("atLeast: 0.7,"))
        let hacked = try #require(learned.stdout.split(separator: "\n").first { $0.contains(#""hacked*": "#) })
        #expect(Double(hacked.split(separator: ":").last!.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",")))) ?? 0 > 0)
        #expect(run(["rules", "learn", "cases.jsonl", "--lang", "en", "--strength", "10", "--id", "money-taken"]).stdout == learned.stdout)

        // Pasted into the rules with a crisis rule of its own, it decides.
        var rules = DefaultRules.source
        let signals = try #require(rules.range(of: "signals: ["))
        rules.insert(contentsOf: "\n" + learned.stdout, at: signals.upperBound)
        let crisisRules = try #require(rules.range(of: "crisis: {"))
        let list = try #require(rules.range(of: "rules: [", range: crisisRules.upperBound..<rules.endIndex))
        rules.insert(contentsOf: #"{ id: "crisis-learned-words", about: "Learned.", when: "money-taken" },"#, at: list.upperBound)
        try rules.write(to: dir.appendingPathComponent("learned.json5"), atomically: true, encoding: .utf8)
        let check = run(["rules", "check", "learned.json5"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("signal 'money-taken' has no 'match' (en) example"))
        let triage = run(["triage", "--no-audit", "--rules", "learned.json5", "--text", "Someone hacked my account and the money is gone"])
        #expect(triage.stdout.contains("CRISIS"), "\(triage.stdout)")
    }

    @Test("labels from several files are learned from together; a case labelled twice is refused")
    func moreLabels() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        let lines = Self.cases.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\"}" }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        let tsv = { (part: ArraySlice<(String, String, String)>) in part.map { "\($0.0)\t\($0.2)\t\($0.2)\n" }.joined() }
        try tsv(Self.cases[0..<5]).write(to: dir.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try tsv(Self.cases[5...]).write(to: dir.appendingPathComponent("b.tsv"), atomically: true, encoding: .utf8)
        let both = run(["rules", "learn", "a.tsv", "cases.jsonl", "--labels", "b.tsv", "--lang", "en", "--strength", "10"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout.contains("learned from 10 labelled cases (4 of them crisis, 40%)"))
        let twice = run(["rules", "learn", "a.tsv", "cases.jsonl", "--labels", "a.tsv"])
        #expect(twice.status == 65 && twice.stderr.contains("a.tsv:1: error: case 'K-1' is labelled in an earlier labels file too"), "\(twice.stderr)")
    }

    @Test("a likelihood outside 0 to 1, an unknown situation or language, and no labelled case are refused")
    func refusals() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        try "{\"id\": \"A\", \"text\": \"hi\", \"expect\": \"everyday\"}\n".write(to: dir.appendingPathComponent("one.jsonl"), atomically: true, encoding: .utf8)
        try "{\"id\": \"B\", \"text\": \"hi\"}\n".write(to: dir.appendingPathComponent("other.jsonl"), atomically: true, encoding: .utf8)
        var r = run(["rules", "learn", "one.jsonl", "--at-least", "1.5"])
        #expect(r.status == 64 && r.stderr.contains("--at-least must be a likelihood between 0 and 1"))
        r = run(["rules", "learn", "one.jsonl", "--situation", "panic"])
        #expect(r.status == 64 && r.stderr.contains("crisis"))
        r = run(["rules", "learn", "one.jsonl", "--lang", "fi"])
        #expect(r.status == 64 && r.stderr.contains("the rules do not speak 'fi'"))
        r = run(["rules", "learn", "one.jsonl", "other.jsonl"])
        #expect(r.status == 1 && r.stderr.contains("no labelled case was read"))
        r = run(["rules", "learn", "one.jsonl", "--id", "Crisis Words\"}"])
        #expect(r.status == 64 && r.stderr.contains("--id must be lower-case letters, digits and '-'"), "\(r.stderr)")
    }

    @Test("a signal that would not load or would hold for every case is not printed: no word weighs, or the bias alone reaches the likelihood")
    func nothingToLearn() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        let everyday = Self.cases.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\", \"expect\": \"everyday\"}" }
        try (everyday.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("everyday.jsonl"), atomically: true, encoding: .utf8)
        var r = run(["rules", "learn", "everyday.jsonl", "--lang", "en", "--strength", "10"])
        #expect(r.status == 1 && r.stdout.isEmpty, "\(r.stdout)")
        #expect(r.stderr.contains("no word weighs for crisis in the 10 labelled cases (none of them is crisis"), "\(r.stderr)")
        // Seven of ten are everyday: a signal for everyday starts above a likelihood of 0.6.
        r = run(["rules", "learn", "everyday.jsonl", "--lang", "en", "--strength", "10", "--situation", "everyday", "--at-least", "0.6"])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.contains("no word weighs for everyday") || r.stderr.contains("would hold for every case"), "\(r.stderr)")
        let mixed = Self.cases.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\", \"expect\": \"\($0.2)\"}" }
        try (mixed.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        r = run(["rules", "learn", "cases.jsonl", "--lang", "en", "--strength", "10", "--situation", "everyday", "--at-least", "0.3"])
        #expect(r.status == 1 && r.stderr.contains("would hold for every case: 6 of 10 cases are everyday"), "\(r.stderr)")
    }

    @Test("the command is written back as one comment line, odd arguments quoted; an id the rules already have is warned about")
    func commandComment() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        let lines = Self.cases.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\", \"expect\": \"\($0.2)\"}" }
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("my cases\n.jsonl"), atomically: true, encoding: .utf8)
        let r = run(["rules", "learn", "my cases\n.jsonl", "--lang", "en", "--strength", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#"// relief rules learn "my cases\n.jsonl" --lang en --strength 10"#), "\(r.stdout)")
        #expect(r.stderr.contains("warning: the rules already have a signal 'crisis-words'"), "\(r.stderr)")
    }
}
