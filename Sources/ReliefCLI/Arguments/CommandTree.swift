import ReliefEngine

/// One node of the `relief` command tree, declared once in `Relief.commands`: help, dispatch,
/// `help TOPIC` and the did-you-mean for a mistyped subcommand all read the same tree, so a
/// command cannot be listed in one place and missing in another.
struct CommandTree: Sendable {
    typealias Run = @Sendable ([String], CLIEnvironment) throws(CLIError) -> ExitCode

    enum Body: Sendable {
        /// A command that parses its own options and runs.
        case leaf(Run)
        /// A command that only chooses among its subcommands (`rules`, `audit`).
        case group([CommandTree])
    }

    /// For a group, its list of subcommands is derived from the children's specs.
    let spec: CommandSpec
    let body: Body

    static func leaf(_ spec: CommandSpec, _ run: @escaping Run) -> CommandTree {
        CommandTree(spec: spec, body: .leaf(run))
    }

    static func group(_ spec: CommandSpec, _ children: [CommandTree]) -> CommandTree {
        var spec = spec
        spec.subcommands = children.map { ($0.word, $0.spec.abstract) } + [("help", "Show help for a \(spec.subcommandNoun).")]
        return CommandTree(spec: spec, body: .group(children))
    }

    /// The last word of the name: what a user types to reach this command (`check`).
    var word: String { String(spec.name.split(separator: " ").last ?? "") }

    var children: [CommandTree] {
        if case .group(let children) = body { return children }
        return []
    }

    /// This command and every one below it, in help order.
    var all: [CommandTree] { [self] + children.flatMap(\.all) }

    func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        switch body {
        case .leaf(let run):
            return try run(arguments, env)
        case .group(let children):
            guard let sub = arguments.first, !sub.hasPrefix("-") else {
                let args = try ParsedArguments.parse(arguments, spec: spec)
                if args.has("help") { env.stdout.write(spec.help); return .success }
                throw spec.missingSubcommand()
            }
            let rest = Array(arguments.dropFirst())
            if sub == "help" {
                env.stdout.write(try node(for: rest).spec.help)
                return .success
            }
            guard let child = children.first(where: { $0.word == sub }) else { throw spec.unknownSubcommand(sub) }
            return try child.run(rest, env)
        }
    }

    /// `help TOPIC...`: the node the topics name below this one (`rules show`), or this one
    /// without topics. A topic that names nothing is the same usage error as running it.
    func node(for topics: [String]) throws(CLIError) -> CommandTree {
        var found = self
        for topic in topics where topic != "help" {
            guard let next = found.children.first(where: { $0.word == topic }) else { throw found.spec.unknownSubcommand(topic) }
            found = next
        }
        return found
    }
}
