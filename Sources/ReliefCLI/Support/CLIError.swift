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

    public var message: String {
        switch self {
        case .usage(let m, _):
            return "Error: \(m)"
        case .fileNotFound(let path):
            return "relief: error: no such file: '\(path)'"
        case .cannotRead(let path, let reason):
            return "relief: error: cannot read '\(path)': \(reason)"
        case .syntax(let file, let position, let message):
            return "\(file):\(position.line):\(position.column): error: \(message)"
        case .badCase(let file, let error):
            let field = error.field.isEmpty ? "" : "field '\(error.field)': "
            return "\(file):\(error.position.line):\(error.position.column): error: \(field)\(error.message)"
        case .severalCases(let path, let line):
            let file = FileInput.displayName(path)
            let (stream, replay) = path == "-"
                ? ("relief triage --stream", "relief replay -")
                : ("relief triage --stream < \(CLIError.shellWord(path))", "relief replay \(CLIError.shellWord(path))")
            return "\(file):\(line): error: this holds several cases, one JSON object per line (JSON Lines), and triage reads one case; "
                + "for a decision per case run '\(stream)', for a report on them all '\(replay)'"
        case .badRules(let file, let problems):
            let errors = problems.filter { $0.severity == .error }
            return errors.map { $0.formatted(file: file) }.joined(separator: "\n")
                + "\nrelief: error: the rules in '\(file)' have \(errors.count) error\(errors.count == 1 ? "" : "s"); run 'relief rules check \(file)' for details"
        case .badInput(let file, let line, let field, let message):
            let place = line.map { "\(file):\($0)" } ?? file
            return "\(place): error: " + (field.map { "field '\($0)': " } ?? "") + message
        case .badLabels(let file, let problems):
            return problems.map { p in
                "\(file):\(p.line)" + (p.column.map { ":\($0)" } ?? "") + ": error: " + (p.field.isEmpty ? "" : "field '\(p.field)': ") + p.message
            }.joined(separator: "\n")
        case .cannotWrite(let path, let reason):
            return "relief: error: cannot write '\(path)': \(reason)"
        case .outputFailed:
            return "relief: error: could not write to standard output"
        }
    }

    /// `path` as one shell word, quoted when it holds anything but letters, digits and `._/-`.
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
