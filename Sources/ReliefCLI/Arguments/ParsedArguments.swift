import ReliefEngine

/// The result of parsing a command line against a `CommandSpec`.
struct ParsedArguments: Sendable {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ option: String) -> String? { values[option]?.last }
    func all(_ option: String) -> [String] { values[option] ?? [] }

    /// Parses `arguments`. Supports `--name value`, `--name=value`, `-n value`, `--` to end options,
    /// and `-` as a positional (standard input).
    static func parse(_ arguments: [String], spec: CommandSpec) throws(CLIError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var optionsEnded = false
        func fail(_ message: String) -> CLIError { .usage(message, command: spec.name) }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                result.positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            var name: String
            var inlineValue: String?
            let option: CommandSpec.Option?
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                option = spec.allOptions.first { $0.long == name }
                if option == nil {
                    let suggestion = closestOption(name, spec)
                    throw fail("unknown option '--\(name)'" + (suggestion.map { "; did you mean '--\($0)'?" } ?? ""))
                }
            } else {
                let shortName = argument.dropFirst()
                guard shortName.count == 1, let found = spec.allOptions.first(where: { $0.short == shortName.first }) else {
                    throw fail("unknown option '\(argument)'")
                }
                option = found
                name = found.long
            }
            guard let option else { continue }
            if option.value == nil {
                if inlineValue != nil { throw fail("'--\(name)' does not take a value") }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw fail("missing value for '--\(name) <\(option.value!)>'") }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, result.values[name] != nil {
                throw fail("'--\(name)' given more than once")
            }
            result.values[name, default: []].append(value)
        }
        if result.has("help") { return result }
        let maximum = spec.arguments.contains(where: \.variadic) ? Int.max : spec.arguments.count
        if result.positionals.count > maximum {
            throw fail("unexpected argument '\(result.positionals[maximum])'")
        }
        let required = spec.arguments.filter { !$0.optional }.count
        if result.positionals.count < required {
            throw fail("missing argument <\(spec.arguments[result.positionals.count].name)>")
        }
        return result
    }

    private static func closestOption(_ name: String, _ spec: CommandSpec) -> String? {
        closestMatch(to: name, in: spec.allOptions.map(\.long))
    }
}
