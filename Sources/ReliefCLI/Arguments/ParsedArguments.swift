import ReliefEngine

/// The result of parsing a command line against a `CommandSpec`.
struct ParsedArguments: Sendable {
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ option: String) -> String? { values[option]?.last }
    func all(_ option: String) -> [String] { values[option] ?? [] }

    /// The value of `option` as one of `T`'s cases, read without regard to case; nil when the
    /// option is not given. Any other value is a usage error of `command` that lists the allowed
    /// values, from `allCases`, and the likeliest meant.
    func choice<T: RawRepresentable & CaseIterable>(_ option: String, command: String) throws(CLIError) -> T? where T.RawValue == String {
        guard let given = value(option) else { return nil }
        if let found = T(rawValue: given.lowercased()) { return found }
        let names = T.allCases.map(\.rawValue)
        throw .usage("unknown value '\(given)' for --\(option); expected \(CommandSpec.either(names))" + didYouMean(given, in: names), command: command)
    }

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
                if option == nil { throw fail("unknown option '--\(name)'" + closestOption(name, spec)) }
            } else {
                let shortName = argument.dropFirst()
                guard shortName.count == 1, let found = spec.allOptions.first(where: { $0.short == shortName.first }) else {
                    // `-text` is most likely `--text` with a dash missing.
                    throw fail("unknown option '\(argument)'" + (shortName.count > 1 ? closestOption(String(shortName), spec) : ""))
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

    /// "; did you mean '--text'?" for the option of `spec` closest to `name`, else nothing.
    private static func closestOption(_ name: String, _ spec: CommandSpec) -> String {
        closestMatch(to: name, in: spec.allOptions.map(\.long)).map { "; did you mean '--\($0)'?" } ?? ""
    }
}
