import Foundation
import ReliefEngine

/// What `relief queue` was asked to do, read and checked once from its arguments: the rest of
/// the command works with these values, never with option names.
struct QueueOptions {
    /// Open cases: JSON Lines or CSV exports; `-` is standard input.
    var paths: [String]
    var format: QueueCommand.ReportFormat
    /// An owner role id as given; checked against the rules' owners once they are loaded.
    var owner: String?
    var situation: Situation?
    /// `--now`; nil means the clock.
    var now: Date?
    var rules: String?
    /// `--record`: re-triages go to the audit log.
    var record: Bool
    var csv: CSVOptions
    var inputFormat: CaseInput.Format?
    var limit: TextLimit

    /// The audit options that only go with `--record`.
    static let recordOnly = ["audit-log", "agent", "audit-key-file"]

    static func parse(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> QueueOptions {
        func usage(_ m: String) -> CLIError { .usage(m, command: command) }
        let paths = args.positionals
        if paths.filter({ $0 == "-" }).count > 1 { throw usage("'-' (standard input) can be given only once") }
        let format: QueueCommand.ReportFormat = try args.choice("format", command: command) ?? .text
        let situation: Situation? = try args.choice("situation", command: command)
        var now: Date?
        if let text = args.value("now") {
            guard let parsed = ISO8601.parseTimestamp(text) else { throw usage("--now must be an ISO 8601 time such as 2026-03-10T09:00:00Z") }
            now = parsed
        }
        let record = args.has("record")
        if !record {
            for option in recordOnly where args.value(option) != nil {
                throw usage("'--\(option)' only goes with --record: the queue writes nothing to the audit log otherwise")
            }
        }
        let (csv, inputFormat) = try CSVOptions.parse(args, env, command: command)
        return QueueOptions(
            paths: paths, format: format, owner: args.value("owner"), situation: situation, now: now, rules: args.value("rules"),
            record: record, csv: csv, inputFormat: inputFormat, limit: try TextLimit.parse(args, command: command))
    }
}
