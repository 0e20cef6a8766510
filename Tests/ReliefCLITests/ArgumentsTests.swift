import Foundation
import Testing
@testable import ReliefCLI

/// What a new user gets for a slip on the command line: a usage error (exit 64) that names what
/// they most likely meant, for every command, subcommand, option and value list.
@Suite("Arguments: usage errors and did-you-mean")
struct ArgumentsTests {
    /// `relief rules check` → `["rules", "check"]`.
    static func words(_ spec: CommandSpec) -> [String] { Array(spec.name.split(separator: " ").dropFirst().map(String.init)) }

    /// Two common slips: the second and third letters swapped, and the second letter dropped.
    static func slips(_ word: String) -> [String] {
        let letters = Array(word)
        guard letters.count >= 3 else { return [String(letters.reversed())] }
        var swapped = letters
        swapped.swapAt(1, 2)
        var dropped = letters
        dropped.remove(at: 1)
        return [String(swapped), String(dropped)].filter { $0 != word }
    }

    @Test("every option of every command, mistyped, is a usage error naming the option meant")
    func everyOption() {
        for spec in Relief.specs {
            for option in spec.allOptions {
                for slip in Self.slips(option.long) {
                    let run = CLIHarness.run(Self.words(spec) + ["--" + slip])
                    #expect(run.status == 64, "\(spec.name) --\(slip)")
                    #expect(run.stderr.hasPrefix("relief: error: unknown option '--\(slip)'; did you mean '--\(option.long)'?\n"), "\(spec.name) --\(slip): \(run.stderr)")
                }
            }
        }
    }

    @Test("a long option written with one dash is named with two")
    func oneDash() {
        let run = CLIHarness.run(["triage", "-text", "hello"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("relief: error: unknown option '-text'; did you mean '--text'?\n"))
    }

    @Test("every subcommand of relief, rules and audit, mistyped, is named, directly and after help")
    func everySubcommand() {
        for spec in Relief.specs where !spec.subcommands.isEmpty {
            let noun = spec.name == "relief" ? "command" : "subcommand"
            let expected = CommandSpec.either(spec.subcommandNames.filter { $0 != "help" })
            for name in spec.subcommandNames where name != "help" {
                for slip in Self.slips(name) {
                    let message = "relief: error: unknown \(noun) '\(slip)'; expected \(expected); did you mean '\(name)'?\n"
                    let direct = CLIHarness.run(Self.words(spec) + [slip])
                    #expect(direct.status == 64, "\(spec.name) \(slip)")
                    #expect(direct.stderr.hasPrefix(message), "\(spec.name) \(slip): \(direct.stderr)")
                    let help = CLIHarness.run(["help"] + Self.words(spec) + [slip])
                    #expect(help.status == 64, "help \(spec.name) \(slip)")
                    #expect(help.stderr.hasPrefix(message), "help \(spec.name) \(slip): \(help.stderr)")
                }
            }
        }
        let rulesHelp = CLIHarness.run(["rules", "help", "chek"])
        #expect(rulesHelp.status == 64)
        #expect(rulesHelp.stderr.contains("did you mean 'check'?"))
        let auditHelp = CLIHarness.run(["audit", "help", "stast"])
        #expect(auditHelp.stderr.contains("did you mean 'stats'?"))
        #expect(CLIHarness.run(["audit", "help", "verify"]).stdout == CLIHarness.run(["audit", "verify", "--help"]).stdout)
    }

    @Test("a missing subcommand names the ones there are")
    func missingSubcommand() {
        let rules = CLIHarness.run(["rules"])
        #expect(rules.status == 64)
        #expect(rules.stderr.hasPrefix("relief: error: missing subcommand: check, show, suggest or learn\n"))
        #expect(CLIHarness.run(["audit"]).stderr.hasPrefix("relief: error: missing subcommand: verify, show or stats\n"))
    }

    @Test("relief with no arguments is a usage error on stderr; --help and help still print help")
    func noArguments() {
        let run = CLIHarness.run([])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "relief: error: missing command: triage, rules, audit, queue, replay or eval\nUsage: \(Relief.spec.usage)\n  See 'relief --help' for more information.\n")
        for args in [["--help"], ["help"], ["-h"]] {
            let help = CLIHarness.run(args)
            #expect(help.status == 0, "\(args)")
            #expect(help.stdout == Relief.spec.help, "\(args)")
            #expect(help.stderr.isEmpty)
        }
    }

    @Test("a value outside an option's list names the allowed values and the likeliest meant")
    func values() {
        let channel = CLIHarness.run(["triage", "--text", "hello", "--channel", "emial"])
        #expect(channel.status == 64)
        #expect(channel.stderr.hasPrefix("relief: error: unknown value 'emial' for --channel; expected web, chat, phone, sms, email, social, store or other; did you mean 'email'?\n"))
        let situation = CLIHarness.run(["triage", "--text", "hello", "--override", "crises", "--reason", "r"])
        #expect(situation.stderr.hasPrefix("relief: error: unknown value 'crises' for --override; expected everyday, unexpected, elevated or crisis; did you mean 'crisis'?\n"))
        let format = CLIHarness.run(["eval", "labels.tsv", "--format", "jsno"])
        #expect(format.stderr.hasPrefix("relief: error: unknown value 'jsno' for --format; expected text, json or markdown; did you mean 'json'?\n"))
        // The desk words its own lists the same way.
        let queueFormat = CLIHarness.run(["queue", "open.jsonl", "--format", "markdwn"])
        #expect(queueFormat.status == 64)
        #expect(queueFormat.stderr.hasPrefix("relief: error: unknown value 'markdwn' for --format; expected text, json or markdown; did you mean 'markdown'?\n"))
        let queueSituation = CLIHarness.run(["queue", "open.jsonl", "--situation", "elevted"])
        #expect(queueSituation.stderr.hasPrefix("relief: error: unknown value 'elevted' for --situation; expected everyday, unexpected, elevated or crisis; did you mean 'elevated'?\n"))
        let far = CLIHarness.run(["triage", "--text", "hello", "--journey", "pigeon"])
        #expect(far.stderr.hasPrefix("relief: error: unknown value 'pigeon' for --journey; expected onboarding, purchase, inquiry, complaint, return, support, renewal, cancellation or other\n"))
    }

    @Test("a mistyped field in --columns names the field meant")
    func columns() {
        let run = CLIHarness.run(["replay", "Fixtures/histories/helpdesk-export.csv", "--columns", "cse=ticket_id"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("relief: error: unknown case field 'cse' in --columns; did you mean 'case'? (known fields are case, "))
    }

    @Test("the command tree is the one list: a group's help lists exactly the commands it runs, and each answers --help")
    func commandTree() {
        let names = Relief.commands.all.map(\.spec.name)
        #expect(Set(names).count == names.count, "no command is declared twice")
        #expect(names.contains("relief rules suggest") && names.contains("relief audit stats") && names.contains("relief queue"))
        for node in Relief.commands.all {
            let words = node.spec.name.split(separator: " ").dropFirst().map(String.init)
            let run = CLIHarness.run(words + ["--help"])
            #expect(run.status == 0)
            #expect(run.stdout.hasPrefix("OVERVIEW: \(node.spec.abstract)"), "\(node.spec.name)")
            #expect(node.spec.subcommandNames == node.children.map(\.word) + (node.children.isEmpty ? [] : ["help"]))
            if !node.children.isEmpty {
                #expect(CLIHarness.run(words + ["help"] + [node.children[0].word]).stdout == CLIHarness.run(words + [node.children[0].word, "--help"]).stdout)
            }
        }
    }
}

/// The same slips, made with the built binary.
@Suite("The relief binary: a new user's slips")
struct BinaryUsageTests {
    @Test("triage on a case months old notes it once on stderr, suggests --now, and still exits 0")
    func oldCase() throws {
        let run = try Binary.run(["triage", "--no-audit", CLIHarness.fixture("Fixtures/cases/en-22-callback-never-came.json")])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("relief: note: case T-2022: its last event was "))
        #expect(run.stderr.hasSuffix("add --now 2026-03-05T11:20:00Z\n"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout.contains("promise overdue"))
    }

    @Test("triage on a JSON Lines export names the file as several cases, exit 65")
    func severalCases() throws {
        let path = CLIHarness.fixture("Fixtures/histories/histories.jsonl")
        let run = try Binary.run(["triage", path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("\(path):2: error: this holds several cases"))
        #expect(run.stderr.contains("'relief replay \(path)'"))
    }

    @Test("no arguments: usage on stderr and exit 64; a mistyped command names the one meant")
    func noArguments() throws {
        let none = try Binary.run([])
        #expect(none.status == 64)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.hasPrefix("relief: error: missing command: triage, rules, audit, queue, replay or eval\nUsage: relief "))
        let slip = try Binary.run(["audit", "shwo"])
        #expect(slip.status == 64)
        #expect(slip.stderr.hasPrefix("relief: error: unknown subcommand 'shwo'; expected verify, show or stats; did you mean 'show'?\n"))
        #expect(try Binary.run(["--help"]).status == 0)
    }
}
