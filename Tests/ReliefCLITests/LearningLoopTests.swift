import Foundation
import Testing
@testable import ReliefCLI
import ReliefEngine

/// The loop a team runs: people override, the tool suggests, a person edits the rules, checks
/// them, trials them in the shadow, and the log shows whether to switch.
@Suite("Override, suggest, edit, shadow")
struct LearningLoopTests {
    static let texts = [
        ("L-1", "Could you tell me what to do, my parcel came soaked?"),
        ("L-2", "Parcel arrived soaked, what now?"),
        ("L-3", "Box was soaked, can I get a new one?"),
        ("L-4", "Thanks, can I order another one?"),
    ]

    @Test("overrides in the log lead to a suggested term that makes eval agree, and the shadow shows the difference before the switch")
    func loop() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }

        // 1. People override three decisions the default rules call everyday.
        for (id, text) in Self.texts {
            var args = ["triage", "--audit-log", "log.jsonl", "--log-text", "--agent", "Mari", "--id", id, "--text", text]
            if id != "L-4" { args += ["--override", "unexpected", "--reason", "water damage"] }
            let r = run(args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("EVERYDAY") || r.stdout.contains("UNEXPECTED"))
        }
        let stats = run(["audit", "stats", "log.jsonl"])
        #expect(stats.stdout.contains("signal asks-question: 3 of 4 decisions overridden (to unexpected 3)"))

        // 2. The suggestion explains them.
        let suggest = run(["rules", "suggest", "--log", "log.jsonl", "--format", "json"])
        #expect(suggest.status == 0, "\(suggest.stderr)")
        let top = try #require(try JSONParser.parse(suggest.stdout)["suggestions"]?.arrayValue?.first)
        #expect(top["term"]?.stringValue == "soaked")
        #expect(top["fixes"]?.numberValue == 3)
        #expect(top["breaks"]?.numberValue == 0)
        let signal = try #require(top["signal"]?.stringValue)

        // 3. A person adds it to the signal, in a copy of the rules, and it checks clean.
        let anchor = "      id: \"\(signal)\","
        var rules = DefaultRules.source
        let at = try #require(rules.range(of: anchor))
        let list = try #require(rules.range(of: "en: [", range: at.upperBound..<rules.endIndex))
        rules.insert(contentsOf: " \"soaked\",", at: list.upperBound)
        try rules.write(to: dir.appendingPathComponent("new.json5"), atomically: true, encoding: .utf8)
        #expect(run(["rules", "check", "new.json5"]).status == 0)

        // 4. relief eval on the same cases: the default rules miss, the edited rules agree.
        let cases = Self.texts.map { "{\"id\": \"\($0.0)\", \"text\": \"\($0.1)\"}" }.joined(separator: "\n") + "\n"
        try cases.write(to: dir.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        try "L-1\tunexpected\nL-2\tunexpected\nL-3\tunexpected\nL-4\teveryday\n".write(to: dir.appendingPathComponent("labels.tsv"), atomically: true, encoding: .utf8)
        #expect(run(["eval", "labels.tsv", "cases.jsonl"]).stdout.contains("Agreement: 25% (1 of 4)"))
        #expect(run(["eval", "labels.tsv", "cases.jsonl", "--rules", "new.json5"]).stdout.contains("Agreement: 100% (4 of 4)"))

        // 5. The edited rules run in the shadow: the live answer is printed, both are recorded.
        for (id, text) in Self.texts {
            var args = ["triage", "--audit-log", "shadow.jsonl", "--shadow", "new.json5", "--id", id, "--text", text]
            if id == "L-2" { args += ["--override", "unexpected", "--reason", "wet"] }
            let r = run(args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("shadow"))
        }
        #expect(run(["audit", "verify", "shadow.jsonl"]).status == 0)
        let shadowStats = run(["audit", "stats", "shadow.jsonl", "--shadow"])
        #expect(shadowStats.stdout.contains("live and shadow agree on 1 of 4 decisions (25.0%)"))
        #expect(shadowStats.stdout.contains("everyday → unexpected  3"))
        #expect(shadowStats.stdout.contains("people overrode 1: sided with the shadow 1, with the live rules 0, with neither 0"))
        let differs = run(["audit", "show", "shadow.jsonl", "--shadow-differs"])
        #expect(differs.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("#") }.count == 3)
        #expect(differs.stdout.contains("shadow (relief-default"))
        let json = try JSONParser.parse(run(["audit", "stats", "shadow.jsonl", "--json"]).stdout)
        #expect(json["shadow"]?["agreed"]?.numberValue == 1)
        #expect(json["shadow"]?["overridden"]?["sidedWithShadow"]?.numberValue == 1)
    }

    @Test("a log that does not verify is refused unless --allow-broken-log")
    func brokenLog() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ args: [String]) -> CLIRun { CLIHarness.run(args, directory: dir.path) }
        for (id, text) in Self.texts.prefix(2) {
            #expect(run(["triage", "--audit-log", "log.jsonl", "--log-text", "--id", id, "--text", text, "--override", "unexpected", "--reason", "wet"]).status == 0)
        }
        let path = dir.appendingPathComponent("log.jsonl")
        let edited = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "\"wet\"", with: "\"dry\"")
        try edited.write(to: path, atomically: true, encoding: .utf8)
        let refused = run(["rules", "suggest", "--log", "log.jsonl"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("log.jsonl:1: error: the audit log does not verify (edited)"))
        #expect(run(["rules", "suggest", "--log", "log.jsonl", "--allow-broken-log"]).status == 0)
    }
}
