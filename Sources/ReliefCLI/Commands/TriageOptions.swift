import Foundation
import ReliefEngine

/// What `relief triage` was asked to do, read and checked once from its arguments: the rest of
/// the command works with these values, never with option names.
struct TriageOptions {
    /// Where the case comes from: exactly one.
    enum Input {
        /// A case file; `-` is standard input.
        case file(String)
        /// A single message given on the command line, with what describes it.
        case text(QuickText)
        /// JSON Lines of cases on standard input, a decision per line.
        case stream
    }

    /// `--text` and the options that only go with it.
    struct QuickText {
        var text: String
        var subject: String?
        var channel: Channel?
        var journey: Journey?
        /// The language code as given (`--lang`); checked against the rules once they are loaded.
        var language: String?
        var segment: String?
        var id: String?

        /// The options that built the case, as given: their digest identifies the input in the
        /// audit log.
        var described: [String: JSON]
    }

    var input: Input
    var json: Bool
    var explain: Bool
    var override: (situation: Situation, reason: String)?
    /// `--now`; nil means the clock.
    var now: Date?
    var rules: String?
    var shadow: String?

    /// The options that only go with `--text`.
    static let textOnly = ["subject", "channel", "journey", "lang", "segment", "id"]

    static func parse(_ args: ParsedArguments, command: String) throws(CLIError) -> TriageOptions {
        func usage(_ m: String) -> CLIError { .usage(m, command: command) }

        var given: [(String, Input)] = []
        if let path = args.positionals.first { given.append(("file", .file(path))) }
        if let text = args.value("text") {
            var described: [String: JSON] = ["text": .string(text)]
            for option in textOnly { described[option] = .optional(args.value(option)) }
            given.append(("text", .text(QuickText(
                text: text, subject: args.value("subject"), channel: try args.choice("channel", command: command),
                journey: try args.choice("journey", command: command), language: args.value("lang"),
                segment: args.value("segment"), id: args.value("id"), described: described))))
        }
        if args.has("stream") { given.append(("stream", .stream)) }
        guard let input = given.first?.1 else { throw usage("give a case file, '-' for standard input, --text \"...\", or --stream") }
        if given.count > 1 { throw usage("give only one input; found \(given.map(\.0).joined(separator: " and "))") }
        if case .text(let quick) = input {
            if quick.text.allSatisfy(\.isWhitespace) { throw usage("--text needs the customer's words; it is empty") }
        } else {
            for option in textOnly where args.value(option) != nil { throw usage("'--\(option)' only goes with --text") }
        }

        var override: (Situation, String)?
        if let situation: Situation = try args.choice("override", command: command) {
            guard let reason = args.value("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw usage("--override needs --reason \"...\" saying why")
            }
            override = (situation, reason)
        } else if args.value("reason") != nil {
            throw usage("--reason only goes with --override")
        }
        var now: Date?
        if let text = args.value("now") {
            guard let parsed = ISO8601.parseTimestamp(text) else { throw usage("--now must be an ISO 8601 time such as 2026-03-01T09:00:00Z") }
            now = parsed
        }
        return TriageOptions(
            input: input, json: try TextOrJSON.parse(args, command: command) == .json, explain: args.has("explain"), override: override, now: now,
            rules: args.value("rules"), shadow: args.value("shadow"))
    }
}
