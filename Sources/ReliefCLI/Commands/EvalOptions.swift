import ReliefEngine

/// What `relief eval` was asked to do, read and checked once from its arguments: the rest of the
/// command works with these values, never with option names.
struct EvalOptions {
    var labelsPath: String
    /// The case files; the labels file itself when none is given (JSON Lines cases with `expect`).
    var casePaths: [String]
    var mode: EvalMode
    var format: EvalCommand.ReportFormat
    var split: EvalSplit?
    var grouping: EvalGrouping
    /// At most this many misses are listed; nil lists all.
    var missLimit: Int?
    var minAgreement: PercentGate?
    var minCrisisRecall: PercentGate?
    var rules: String?
    var csv: CSVOptions
    var inputFormat: CaseInput.Format?
    var limit: TextLimit
    var zone: ZoneOption

    static func parse(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> EvalOptions {
        func usage(_ m: String) -> CLIError { .usage(m, command: command) }
        if args.has("first") && args.has("peak") { throw usage("give either --first or --peak, not both") }
        let format: EvalCommand.ReportFormat = try args.choice("format", command: command) ?? .text
        let split: EvalSplit? = try args.choice("split", command: command)
        var grouping = EvalGrouping.idPrefix
        if let name = args.value("group") {
            guard let g = EvalGrouping.parse(name) else {
                throw usage("unknown --group '\(name)'; expected prefix, " + FieldPath.named.map(\.0).joined(separator: ", ") + " or attributes.NAME")
            }
            grouping = g
        }
        var missLimit: Int?
        if let text = args.value("misses") {
            guard let n = Int(text), n >= 0 else { throw usage("--misses must be a whole number, found '\(text)'") }
            missLimit = n
        }
        let minAgreement = try PercentGate.parse(args, "min-agreement", command: command)
        let minCrisisRecall = try PercentGate.parse(args, "min-crisis-recall", command: command)
        let (csv, inputFormat) = try CSVOptions.parse(args, env, command: command)
        let zone = try ZoneOption.parse(args, env, command: command)
        let limit = try TextLimit.parse(args, command: command)

        let labelsPath = args.positionals[0]
        var casePaths = Array(args.positionals.dropFirst())
        if casePaths.isEmpty { casePaths = [labelsPath] }
        if (casePaths + [labelsPath]).filter({ $0 == "-" }).count > 1 { throw usage("'-' (standard input) can be given only once") }
        return EvalOptions(
            labelsPath: labelsPath, casePaths: casePaths, mode: args.has("peak") ? .peak : .first, format: format, split: split,
            grouping: grouping, missLimit: missLimit, minAgreement: minAgreement, minCrisisRecall: minCrisisRecall,
            rules: args.value("rules"), csv: csv, inputFormat: inputFormat, limit: limit, zone: zone)
    }
}
