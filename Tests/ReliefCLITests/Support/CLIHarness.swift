import Foundation
@testable import ReliefCLI
import ReliefEngine

/// Runs the CLI in-process with memory streams, a fixed clock and a chosen environment.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLIHarness {
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) -> String { repository.appendingPathComponent(path).path }

    /// An environment with empty input, memory output, a fixed clock and times in UTC, for
    /// reading options without running a command.
    static func environment(variables: [String: String] = ["TZ": "UTC"]) -> CLIEnvironment {
        CLIEnvironment(
            readStdin: { _ in [] }, stdinIsReady: { false }, stdout: OutputSink(), stderr: OutputSink(), variables: variables,
            now: { ISO8601.parseTimestamp("2026-03-02T12:00:00Z")! }, stdoutIsTerminal: false, stderrIsTerminal: false,
            currentDirectory: repository.path)
    }

    static func run(_ arguments: [String], stdin: String = "", variables: [String: String] = [:], now: String = "2026-03-02T12:00:00Z", terminal: Bool = false, directory: String? = nil) -> CLIRun {
        let out = OutputSink()
        let err = OutputSink()
        var input = Array(stdin.utf8)[...]
        let env = CLIEnvironment(
            readStdin: { max in
                let n = min(max, input.count, 7)   // short reads on purpose: a short read is not the end
                defer { input = input.dropFirst(n) }
                return Array(input.prefix(n))
            },
            // Memory is always ready while bytes remain, like a file.
            stdinIsReady: { !input.isEmpty },
            stdout: out, stderr: err, variables: variables,
            now: { ISO8601.parseTimestamp(now)! },
            stdoutIsTerminal: terminal, stderrIsTerminal: terminal,
            currentDirectory: directory ?? repository.path)
        var env2 = env
        // Triage records every decision; tests keep their audit logs out of the user's home.
        if env2.variables["XDG_STATE_HOME"] == nil { env2.variables["XDG_STATE_HOME"] = stateDirectory.path }
        // Times are shown in the reader's zone; tests read them in UTC unless they choose one.
        if env2.variables["TZ"] == nil { env2.variables["TZ"] = "UTC" }
        let status = Relief.run(arguments, env2)
        return CLIRun(status: status, stdout: out.text, stderr: err.text)
    }

    /// Where in-process runs keep their audit logs unless a test chooses.
    static let stateDirectory = temporaryDirectory()

    /// A scratch directory removed by the caller.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relief-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The message of the usage error that reading `arguments` with `parse` gives; nil when it
/// reads them.
func usageMessage<Options>(_ parse: ([String]) throws(CLIError) -> Options, _ arguments: [String]) -> String? {
    do {
        _ = try parse(arguments)
        return nil
    } catch {
        if case .usage(let message, _) = error { return message }
        return "not a usage error: \(error)"
    }
}

/// Runs the built `relief` binary, as a user would.
enum Binary {
    static var path: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("relief").path,
            Bundle.main.bundleURL.appendingPathComponent("relief").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("relief").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String], stdin: String? = nil, variables: [String: String] = [:], directory: String? = nil) throws -> CLIRun {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "RELIEF_RULES")
        environment.removeValue(forKey: "RELIEF_AUDIT_LOG")
        environment["XDG_STATE_HOME"] = CLIHarness.stateDirectory.path
        environment["TZ"] = "UTC"
        for (k, v) in variables { environment[k] = v }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? FileManager.default.temporaryDirectory.path)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes while stdin is written, so neither side can block the other.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
