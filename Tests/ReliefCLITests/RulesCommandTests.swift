import Foundation
import Testing
@testable import ReliefCLI

@Suite("relief rules show")
struct RulesShowTests {
    @Test("the file is given as an argument, as rules check takes it, or with --rules; not both")
    func fileArgument() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("team.json5")
        var text = try String(contentsOfFile: CLIHarness.fixture("Rules/default.json5"), encoding: .utf8)
        text = text.replacingOccurrences(of: #"name: "relief-default""#, with: #"name: "team-rules""#)
        try Data(text.utf8).write(to: file)
        let argument = CLIHarness.run(["rules", "show", file.path])
        #expect(argument.status == 0, "\(argument.stderr)")
        #expect(argument.stdout.hasPrefix("team-rules "))
        #expect(CLIHarness.run(["rules", "show", "--rules", file.path]).stdout == argument.stdout)
        #expect(CLIHarness.run(["rules", "check", file.path]).stdout.contains("team-rules"))
        let both = CLIHarness.run(["rules", "show", file.path, "--rules", file.path])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("relief: error: give the rules file either as an argument or with --rules, not both\n"))
        #expect(CLIHarness.run(["rules", "show", dir.appendingPathComponent("none.json5").path]).status == 66)
    }

    @Test("each response shows its tone and its actions one per line; targets read as durations")
    func responses() {
        let run = CLIHarness.run(["rules", "show"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nCRISIS  first response within 15 min, then an update at least every 1 h\n"))
        #expect(run.stdout.contains("    Tone:  Calm and concrete; never blame the customer or ask why they shared a code.\n"))
        #expect(run.stdout.contains("""
                Do:    - Lock the account and block cards and pending payment orders in the core system.
                       - Hand the case to the security and fraud team with a timeline of the suspicious activity.

            """))
        #expect(!run.stdout.contains(".; "), "actions are not run together")
        #expect(!run.stdout.contains("within PT"))
    }

    @Test("--lang et words the frame in Estonian too; a language the rules do not speak is refused")
    func estonian() {
        let run = CLIHarness.run(["rules", "show", "--lang", "et"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nKRIIS  esimene vastus 15 min jooksul, edasi teade vähemalt iga 1 t tagant\n  Klient soovib:   "))
        #expect(run.stdout.contains("\n  Kergenduse hetk: "))
        #expect(run.stdout.contains("\nkriis × usaldus\n  crisis-trust-fraud (kui signaalid fraud)\n    Ütle:      "))
        for english in ["Say:", "Tone:", "Owner:", "Wants", "Relief moment", "Matrix", "first response within", "crisis ×", "At stake"] {
            #expect(!run.stdout.contains(english), "'\(english)' left in English")
        }
        let foreign = CLIHarness.run(["rules", "show", "--lang", "fi"])
        #expect(foreign.status == 64)
        #expect(foreign.stderr.hasPrefix("relief: error: unknown language 'fi' for --lang; the rules speak et, en or ru\n"))
    }
}

@Suite("relief rules check")
struct RulesCheckTests {
    @Test("a cell left to conditional responses is a warning with its place and the conditions; --strict fails on it")
    func conditionalCell() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try String(contentsOfFile: CLIHarness.fixture("Rules/default.json5"), encoding: .utf8)
        let cell = "      id: \"crisis-empathy\",\n      situation: \"crisis\",\n      expectation: \"empathy\",\n"
        let lines = text.components(separatedBy: cell)
        #expect(lines.count == 2, "the default crisis × empathy response is where the test expects it")
        // Its id stands on the first line of the cell text, ten spaces in.
        let line = lines[0].split(separator: "\n", omittingEmptySubsequences: false).count
        text = text.replacingOccurrences(of: cell, with: cell + "      when: { segment: [\"long-time\"] },\n")
        let file = dir.appendingPathComponent("team.json5")
        try Data(text.utf8).write(to: file)

        let run = CLIHarness.run(["rules", "check", file.path])
        #expect(run.status == 0, "a warning alone passes")
        #expect(run.stdout.hasPrefix("\(file.path):\(line):11: warning: crisis × empathy has no response when not (segment long-time) "
            + "and not (signals safety-danger) and not (signals vulnerable-person); the milder elevated answers it in every case ('elevated-empathy'), "
            + "so a case that becomes crisis can get less than before; a response without 'when' would be the cell's default [responses]\n"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("; 1 warning\n"))
        #expect(CLIHarness.run(["rules", "check", "--strict", file.path]).status == 1)
        #expect(CLIHarness.run(["rules", "check", "--strict"]).status == 0, "the default rules stay clean")
    }
}
