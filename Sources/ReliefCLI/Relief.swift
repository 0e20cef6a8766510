import Foundation
import ReliefEngine

/// The `relief` command line. `main.swift` is one line: `exit(Relief.run(...))`.
/// Commands throw `CLIError`; this is the single place errors are printed and mapped to a status.
public enum Relief {
    public static let version = "0.1.0"

    static let spec = CommandSpec(
        name: "relief",
        abstract: "Situation-aware service recovery: triage cases, design relief moments, replay past tickets.",
        options: [.flag("version", "Show the version.")],
        subcommands: [
            ("triage", "Classify a case and recommend a playbook."),
            ("rules", "Check or show a rules file."),
            ("audit", "Verify, show or summarise the audit log."),
            ("queue", "The triage desk: open cases re-triaged now, what needs a person first at the top."),
            ("replay", "Replay past case histories: trajectories, relief moments, coverage, rules diff."),
            ("eval", "Measure rules against labelled cases: agreement, confusion, crisis recall, every miss."),
            ("help", "Show help for a command."),
        ])

    public static func run(_ arguments: [String], _ env: CLIEnvironment) -> Int32 {
        let status: ExitCode
        do {
            status = try dispatch(arguments, env)
        } catch {
            env.stdout.flush()
            let quiet: Bool
            if case .outputFailed = error { quiet = env.stdout.brokenPipe } else { quiet = false }
            if !quiet { env.report(error) }
            if case .usage(_, let command) = error {
                let spec = specs.first { $0.name == command } ?? self.spec
                env.stderr.write("Usage: \(spec.usage)\n  See '\(command) --help' for more information.\n")
            }
            status = error.exitCode
        }
        env.stdout.flush()
        // Output that could not be written is one behaviour for every command: exit 74
        // (EX_IOERR), with a message unless the reader simply went away (a broken pipe).
        var final = status
        if env.stdout.failed {
            if !env.stdout.brokenPipe && status != .ioError { env.report(CLIError.outputFailed) }
            final = .ioError
        }
        env.stderr.flush()
        return final.rawValue
    }

    static var specs: [CommandSpec] {
        [spec, TriageCommand.spec, RulesCommand.spec, RulesCommand.checkSpec, RulesCommand.showSpec, SuggestCommand.spec, QueueCommand.spec, ReplayCommand.spec, EvalCommand.spec,
         AuditCommand.spec, AuditCommand.verifySpec, AuditCommand.showSpec, AuditCommand.statsSpec]
    }

    static func dispatch(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        // Help is asked for; no arguments at all is a slip, answered with a usage error.
        guard let first = arguments.first else { throw spec.missingSubcommand() }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "triage": return try TriageCommand.run(rest, env)
        case "rules": return try RulesCommand.run(rest, env)
        case "audit": return try AuditCommand.run(rest, env)
        case "queue": return try QueueCommand.run(rest, env)
        case "replay": return try ReplayCommand.run(rest, env)
        case "eval": return try EvalCommand.run(rest, env)
        case "help":
            env.stdout.write(try spec.spec(for: rest, among: specs).help)
            return .success
        case "--version":
            env.stdout.write("relief \(version)\n")
            return .success
        case "-h", "--help":
            env.stdout.write(spec.help)
            return .success
        default:
            // A mistyped option is named as one, with the option it most likely meant.
            if first.hasPrefix("-") { _ = try ParsedArguments.parse(arguments, spec: spec) }
            throw spec.unknownSubcommand(first)
        }
    }
}
