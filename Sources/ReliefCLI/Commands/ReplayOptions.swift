import ReliefEngine

/// What `relief replay` was asked to do, read and checked once from its arguments: the rest of
/// the command works with these values, never with option names.
struct ReplayOptions {
    /// Histories: JSON Lines or CSV exports; `-` is standard input.
    var paths: [String]
    var format: ReplayCommand.ReportFormat
    var minCoverage: PercentGate?
    var csv: CSVOptions
    var inputFormat: CaseInput.Format?
    var asOf: ReplayAsOf?
    var limit: TextLimit
    var rules: String?
    /// A second rules file to compare with (`--compare`).
    var compare: String?
    /// Where the report goes (`--out`); nil is standard output.
    var out: String?
    var reliefCurve: Bool
    var zone: ZoneOption

    static func parse(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> ReplayOptions {
        func usage(_ m: String) -> CLIError { .usage(m, command: command) }
        let paths = args.positionals
        if paths.filter({ $0 == "-" }).count > 1 { throw usage("'-' (standard input) can be given only once") }
        let format: ReplayCommand.ReportFormat = try args.choice("format", command: command) ?? .text
        let minCoverage = try PercentGate.parse(args, "min-coverage", command: command)
        let (csv, inputFormat) = try CSVOptions.parse(args, env, command: command)
        var asOf: ReplayAsOf?
        if let text = args.value("as-of") {
            if text.lowercased() == "case-end" {
                asOf = .caseEnd
            } else if let time = ISO8601.parseTimestamp(text) ?? ISO8601.parseDay(text) {
                asOf = .time(time)
            } else {
                throw usage("--as-of must be an ISO 8601 time such as 2026-03-31T17:00:00Z, or case-end, found '\(text)'")
            }
        }
        let limit = try TextLimit.parse(args, command: command)
        return ReplayOptions(
            paths: paths, format: format, minCoverage: minCoverage, csv: csv, inputFormat: inputFormat, asOf: asOf, limit: limit,
            rules: args.value("rules"), compare: args.value("compare"), out: args.value("out"), reliefCurve: args.has("relief-curve"),
            zone: try ZoneOption.parse(args, env, command: command))
    }
}
