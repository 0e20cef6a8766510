import ReliefEngine

/// What a command accepts, declared once and used both to parse and to print help,
/// so the two cannot drift apart.
struct CommandSpec: Sendable {
    struct Option: Sendable {
        var long: String
        var short: Character?
        /// The value's name in help (`<file>`); nil for a flag.
        var value: String?
        var help: String
        var repeatable = false

        static func flag(_ long: String, short: Character? = nil, _ help: String) -> Option {
            Option(long: long, short: short, value: nil, help: help)
        }

        static func value(_ long: String, short: Character? = nil, _ value: String, _ help: String, repeatable: Bool = false) -> Option {
            Option(long: long, short: short, value: value, help: help, repeatable: repeatable)
        }
    }

    struct Argument: Sendable {
        var name: String
        var help: String
        var optional = true
        var variadic = false
    }

    /// The full name, such as `relief rules check`.
    var name: String
    var abstract: String
    var arguments: [Argument] = []
    var options: [Option] = []
    var subcommands: [(String, String)] = []
    var discussion: String?

    static let helpOption = Option.flag("help", short: "h", "Show help information.")

    var allOptions: [Option] { options + [CommandSpec.helpOption] }

    /// The names of the subcommands, in help order: what dispatch accepts and hints choose from.
    var subcommandNames: [String] { subcommands.map(\.0) }

    /// What this command's subcommands are called in messages: the top level has commands.
    var subcommandNoun: String { name.contains(" ") ? "subcommand" : "command" }

    /// The usage error for a subcommand this command does not have: the ones it has, and the
    /// likeliest meant.
    func unknownSubcommand(_ given: String) -> CLIError {
        let names = subcommandNames.filter { $0 != "help" }
        return .usage("unknown \(subcommandNoun) '\(given)'; expected \(CommandSpec.either(names))" + didYouMean(given, in: subcommandNames), command: name)
    }

    /// The usage error for a missing subcommand, naming the ones there are.
    func missingSubcommand() -> CLIError {
        .usage("missing \(subcommandNoun): \(CommandSpec.either(subcommandNames.filter { $0 != "help" }))", command: name)
    }

    /// "check, show or suggest".
    static func either(_ names: [String]) -> String {
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    var usage: String {
        var parts = [name]
        if !subcommands.isEmpty { parts.append("<subcommand>") }
        for option in options {
            let shown = "--\(option.long)" + (option.value.map { " <\($0)>" } ?? "")
            parts.append("[\(shown)]" + (option.repeatable ? " ..." : ""))
        }
        for argument in arguments {
            let shown = "<\(argument.name)>" + (argument.variadic ? " ..." : "")
            parts.append(argument.optional ? "[\(shown)]" : shown)
        }
        return parts.joined(separator: " ")
    }

    /// Help in the layout swift-argument-parser uses: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS.
    var help: String {
        var out = "OVERVIEW: \(abstract)\n"
        if let discussion { out += "\n" + discussion + "\n" }
        out += "\nUSAGE: \(usage)\n"
        func rows(_ title: String, _ items: [(String, String)]) {
            guard !items.isEmpty else { return }
            out += "\n\(title):\n"
            let width = max(24, (items.map(\.0.count).max() ?? 0) + 2)
            for (left, right) in items {
                let padded = left.count < width ? left.padding(toLength: width, withPad: " ", startingAt: 0) : left + "\n" + String(repeating: " ", count: width + 2)
                out += "  " + padded + right + "\n"
            }
        }
        rows("ARGUMENTS", arguments.map { ("<\($0.name)>", $0.help) })
        rows("OPTIONS", allOptions.map { option in
            let short = option.short.map { "-\($0), " } ?? ""
            return (short + "--\(option.long)" + (option.value.map { " <\($0)>" } ?? ""), option.help)
        })
        rows("SUBCOMMANDS", subcommands)
        if !subcommands.isEmpty {
            out += "\n  See '\(name) help <subcommand>' for detailed help.\n"
        }
        return out
    }
}
