/// The output of a command that prints either for a person or as JSON: `--format text|json`, as
/// the report commands spell it, with `--json` kept as its short form.
enum TextOrJSON: String, CaseIterable {
    case text, json

    /// `--format` and `--json`, with `what` saying what the JSON is.
    static func options(json what: String) -> [CommandSpec.Option] {
        [
            .value("format", "format", CommandSpec.either(allCases.map(\.rawValue)) + ": text (the default) for a person, json for " + what + "."),
            .flag("json", "The same as --format json."),
        ]
    }

    /// The format asked for; `--json` beside `--format text` is a usage error.
    static func parse(_ args: ParsedArguments, command: String) throws(CLIError) -> TextOrJSON {
        let format: TextOrJSON? = try args.choice("format", command: command)
        if format == .text && args.has("json") {
            throw .usage("--json and --format text ask for different output; give one", command: command)
        }
        return args.has("json") ? .json : format ?? .text
    }
}
