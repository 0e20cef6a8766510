import Foundation
import ReliefEngine

/// Every way a command can fail. `message` is the one place that words them for a person,
/// and `exitCode` the one place that maps them to a status.
public enum CLIError: Error, Sendable {
    /// The command line was wrong; `command` names where to look for help.
    case usage(String, command: String)
    case fileNotFound(path: String)
    case cannotRead(path: String, reason: String)
    case syntax(file: String, position: SourcePosition, message: String)
    case badCase(file: String, error: CaseDecodingError)
    /// `triage` was given several cases, one per line (JSON Lines); `line` is where the second starts.
    case severalCases(path: String, line: Int)
    case badRules(file: String, problems: [RulesProblem])
    case badInput(file: String, line: Int?, field: String?, message: String)
    /// Every problem of a labels file, each with its line.
    case badLabels(file: String, problems: [EvalLabelProblem])
    case cannotWrite(path: String, reason: String)
    case outputFailed

    public var exitCode: ExitCode {
        switch self {
        case .usage: return .usage
        case .fileNotFound, .cannotRead: return .noInput
        case .syntax, .badCase, .severalCases, .badRules, .badInput, .badLabels: return .dataError
        case .cannotWrite: return .cannotCreate
        case .outputFailed: return .ioError
        }
    }

    /// The error as a person reads it: one or more diagnostics, one per line.
    public var message: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    /// The error as diagnostics, each with its place when it has one.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .usage(let m, _):
            return [Diagnostic(message: m)]
        case .fileNotFound(let path):
            return [Diagnostic(message: "no such file: '\(path)'")]
        case .cannotRead(let path, let reason):
            return [Diagnostic(message: "cannot read '\(path)': \(reason)")]
        case .syntax(let file, let position, let message):
            return [Diagnostic(file: file, position: position, message: message)]
        case .badCase(let file, let error):
            return [Diagnostic(file: file, position: error.position, field: error.field, message: error.message)]
        case .severalCases(let path, let line):
            let file = FileInput.displayName(path)
            let (stream, replay) = path == "-"
                ? ("relief triage --stream", "relief replay -")
                : ("relief triage --stream < \(CLIError.shellWord(path))", "relief replay \(CLIError.shellWord(path))")
            return [Diagnostic(file: file, line: line, message: "this holds several cases, one JSON object per line (JSON Lines), and triage reads one case; "
                + "for a decision per case run '\(stream)', for a report on them all '\(replay)'")]
        case .badRules(let file, let problems):
            let errors = problems.filter { $0.severity == .error }
            return errors.map { $0.diagnostic(file: file) }
                + [Diagnostic(message: "the rules in '\(file)' have \(errors.count) error\(errors.count == 1 ? "" : "s"); run 'relief rules check \(file)' for details")]
        case .badInput(let file, let line, let field, let message):
            return [Diagnostic(file: file, line: line, field: field, message: message)]
        case .badLabels(let file, let problems):
            return problems.map { Diagnostic(file: file, line: $0.line, column: $0.column, field: $0.field, message: $0.message) }
        case .cannotWrite(let path, let reason):
            return [Diagnostic(message: "cannot write '\(path)': \(reason)")]
        case .outputFailed:
            return [Diagnostic(message: "could not write to standard output")]
        }
    }

    /// `path` as one shell word, quoted when it holds anything but letters, digits and `._/-`.
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
