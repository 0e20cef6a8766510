import Foundation
import ReliefEngine

/// The `relief` command line. `main.swift` is one line: `exit(Relief.run(...))`.
/// Commands throw `CLIError`; this is the single place errors are printed and mapped to a status.
public enum Relief {
    public static let version = "0.1.0"

    static let spec = commands.spec

    /// Every command, once: help, dispatch and did-you-mean are derived from this tree.
    static let commands = CommandTree.group(
        CommandSpec(
            name: "relief",
            abstract: "Situation-aware service recovery: triage cases, design relief moments, replay past tickets.",
            options: [.flag("version", "Show the version.")]),
        [
            .leaf(TriageCommand.spec, TriageCommand.run),
            .group(RulesCommand.spec, [
                .leaf(RulesCommand.checkSpec, RulesCommand.check),
                .leaf(RulesCommand.showSpec, RulesCommand.show),
                .leaf(SuggestCommand.spec, SuggestCommand.run),
                .leaf(LearnCommand.spec, LearnCommand.run),
            ]),
            .group(AuditCommand.spec, [
                .leaf(AuditCommand.verifySpec, AuditCommand.verify),
                .leaf(AuditCommand.showSpec, AuditCommand.show),
                .leaf(AuditCommand.statsSpec, AuditCommand.stats),
            ]),
            .leaf(QueueCommand.spec, QueueCommand.run),
            .leaf(ReplayCommand.spec, ReplayCommand.run),
            .leaf(EvalCommand.spec, EvalCommand.run),
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

    static var specs: [CommandSpec] { commands.all.map(\.spec) }

    static func dispatch(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        // Help is asked for; no arguments at all is a slip, answered with a usage error.
        guard let first = arguments.first else { throw spec.missingSubcommand() }
        switch first {
        case "--version":
            env.stdout.write("relief \(version)\n")
            return .success
        case "-h", "--help":
            env.stdout.write(spec.help)
            return .success
        default:
            // A mistyped option is named as one, with the option it most likely meant.
            if first.hasPrefix("-") { _ = try ParsedArguments.parse(arguments, spec: spec) }
            return try commands.run(arguments, env)
        }
    }
}
