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
        #expect(both.stderr.hasPrefix("Error: give the rules file either as an argument or with --rules, not both\n"))
        #expect(CLIHarness.run(["rules", "show", dir.appendingPathComponent("none.json5").path]).status == 66)
    }

    @Test("each response shows its tone and its actions one per line; targets read as durations")
    func responses() {
        let run = CLIHarness.run(["rules", "show"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\nCRISIS  first response within 15 min\n"))
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
        #expect(run.stdout.contains("\nKRIIS  esimene vastus 15 min jooksul\n  Klient soovib:   "))
        #expect(run.stdout.contains("\n  Kergenduse hetk: "))
        #expect(run.stdout.contains("\nkriis × usaldus\n  crisis-trust-fraud (kui signaalid fraud)\n    Ütle:      "))
        for english in ["Say:", "Tone:", "Owner:", "Wants", "Relief moment", "Matrix", "first response within", "crisis ×", "At stake"] {
            #expect(!run.stdout.contains(english), "'\(english)' left in English")
        }
        let foreign = CLIHarness.run(["rules", "show", "--lang", "fi"])
        #expect(foreign.status == 64)
        #expect(foreign.stderr.hasPrefix("Error: unknown language 'fi' for --lang; the rules speak et or en\n"))
    }
}
