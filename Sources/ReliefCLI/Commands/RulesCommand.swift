import ReliefEngine

/// `relief rules check` and `relief rules show`: for the people who write the rules.
enum RulesCommand {
    static let spec = CommandSpec(
        name: "relief rules",
        abstract: "Check, show or improve a rules file.")

    /// The rules file `check` and `show` read: an argument or `--rules`, never both.
    static let fileArgument = CommandSpec.Argument(name: "file", help: "The rules file (default: --rules, $RELIEF_RULES, else the embedded default rules).")

    static let checkSpec = CommandSpec(
        name: "relief rules check",
        abstract: "Validate a rules file and run every signal's examples.",
        arguments: [fileArgument],
        options: [
            .value("rules", "file", "Rules file to check, as an option."),
            .flag("strict", "Treat warnings as problems too (exit 1 when there are any)."),
        ],
        discussion: "Exit status: 0 valid, 1 problems found, 64 usage error, 66 file missing.")

    static let showSpec = CommandSpec(
        name: "relief rules show",
        abstract: "Show the situation × expectation matrix with its responses.",
        arguments: [fileArgument],
        options: [
            .value("format", "format", "text (default) or markdown, for a workshop handout."),
            .value("lang", "code", "Language of the texts and of the headings around them (default: the rules' default language)."),
            .value("rules", "file", "Rules file to show, as an option."),
        ])

    /// How `rules show` prints the rules.
    enum ShowFormat: String, CaseIterable {
        case text, markdown
    }

    /// The rules file named by the argument or `--rules`; nil for the usual default.
    static func givenPath(_ args: ParsedArguments, command: String) throws(CLIError) -> String? {
        if !args.positionals.isEmpty && args.value("rules") != nil {
            throw .usage("give the rules file either as an argument or with --rules, not both", command: command)
        }
        return args.positionals.first ?? args.value("rules")
    }

    static func check(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: checkSpec)
        if args.has("help") { env.stdout.write(checkSpec.help); return .success }
        let path = try givenPath(args, command: checkSpec.name) ?? env.variables["RELIEF_RULES"].flatMap { $0.isEmpty ? nil : $0 }
        let name = path.map(FileInput.displayName) ?? DefaultRules.fileName
        let text = try path.map { (p) throws(CLIError) -> String in try FileInput.text(try FileInput.read(p, env), file: name) } ?? DefaultRules.source
        let outcome = RulesLoader.load(text)
        var problems = outcome.problems
        if let rules = outcome.rules {
            problems += SignalExampleCheck.run(rules)
            problems.sort { ($0.position ?? SourcePosition(line: .max, column: 0)) < ($1.position ?? SourcePosition(line: .max, column: 0)) }
        }
        for problem in problems {
            env.stdout.write(problem.formatted(file: name) + "\n")
        }
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        if let rules = outcome.rules, errors == 0 {
            let terms = rules.matcher.terms.count
            let examples = rules.signals.reduce(0) { $0 + $1.examples.match.count + $1.examples.noMatch.count + $1.examples.matchCases.count + $1.examples.noMatchCases.count }
            env.stdout.write("\(name): \(rules.name) \(rules.version): \(rules.signals.count) signals, \(terms) terms, \(rules.responses.count) responses, \(examples) examples passed; \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        } else {
            env.stdout.write("\(name): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        }
        if errors > 0 || (args.has("strict") && warnings > 0) { return .problemsFound }
        return .success
    }

    static func show(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: showSpec)
        if args.has("help") { env.stdout.write(showSpec.help); return .success }
        let format: ShowFormat = try args.choice("format", command: showSpec.name) ?? .text
        let loaded = try LoadedRules.load(option: try givenPath(args, command: showSpec.name), env)
        var language = loaded.rules.defaultLanguage
        if let code = args.value("lang") {
            language = try loaded.languageIndex(code, option: "lang", command: showSpec.name)
        }
        switch format {
        case .text: env.stdout.write(RulesMatrix.text(loaded.rules, language: language, style: env.style()))
        case .markdown: env.stdout.write(RulesMatrix.markdown(loaded.rules, language: language))
        }
        return .success
    }
}
