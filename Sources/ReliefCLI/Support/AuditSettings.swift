import Foundation
import ReliefEngine

/// Where and how triage records its decisions, from options and environment.
///
/// The log's place follows the XDG convention for state: `--audit-log`, else
/// `RELIEF_AUDIT_LOG`, else `$XDG_STATE_HOME/relief/audit.jsonl`, else
/// `~/.local/state/relief/audit.jsonl`.
struct AuditSettings: Sendable {
    /// Nil with `--no-audit`.
    var log: AuditLogFile?
    var actor: String
    var logText: Bool
    /// True when the log is sealed with a key (HMAC-SHA-256).
    var keyed = false

    static let options: [CommandSpec.Option] = [
        .flag("no-audit", "Do not record this run's decisions in the audit log."),
        .value("audit-log", "file", "Audit log to append to (default: $RELIEF_AUDIT_LOG, else $XDG_STATE_HOME/relief/audit.jsonl, else ~/.local/state/relief/audit.jsonl)."),
        .value("agent", "name", "Who is triaging, as recorded in the audit log (default: the user name)."),
        .flag("log-text", "Also store the customer's text in the audit log, with personal data masked."),
        .value("audit-key-file", "file", "Seal entries with HMAC-SHA-256 under the key in this file (default: $RELIEF_AUDIT_KEY_FILE), so only a key holder can extend or rewrite the log."),
    ]

    /// The key named by `option`, else `RELIEF_AUDIT_KEY_FILE`, else none. A key file others can
    /// read or write is refused: the key is what proves who wrote the log.
    static func key(option: String?, _ env: CLIEnvironment) throws(CLIError) -> [UInt8]? {
        guard let path = option ?? env.variables["RELIEF_AUDIT_KEY_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        var bytes = try FileInput.read(path, env)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard bytes.count >= 16 else {
            throw .badInput(file: path, line: nil, field: nil, message: "an audit key must be at least 16 bytes; make one with 'head -c 32 /dev/urandom | base64 > KEYFILE'")
        }
        var info = stat()
        if stat(env.resolve(path), &info) == 0, Int(info.st_mode) & 0o077 != 0 {
            throw .cannotRead(path: path, reason: "others can read or write the audit key; run 'chmod 600 \(path)'")
        }
        return bytes
    }

    /// Who is triaging: `--agent`, else `$USER` or `$LOGNAME`, else the account name of the
    /// process's user (cron and containers often have no `$USER`), else its uid.
    static func actor(_ args: ParsedArguments, _ env: CLIEnvironment) -> String {
        if let name = args.value("agent") ?? env.variables["USER"] ?? env.variables["LOGNAME"], !name.isEmpty { return name }
        return env.accountName()
    }

    static func resolve(_ args: ParsedArguments, _ env: CLIEnvironment) throws(CLIError) -> AuditSettings {
        let actor = Self.actor(args, env)
        if args.has("no-audit") {
            if args.value("audit-log") != nil || args.has("log-text") {
                throw .usage("--no-audit cannot go with --audit-log or --log-text", command: "relief triage")
            }
            return AuditSettings(log: nil, actor: actor, logText: false)
        }
        guard let path = defaultPath(args.value("audit-log"), env) else {
            throw .cannotWrite(path: "audit log", reason: "neither XDG_STATE_HOME nor HOME is set; choose a file with --audit-log or RELIEF_AUDIT_LOG, or use --no-audit")
        }
        let key = try Self.key(option: args.value("audit-key-file"), env)
        return AuditSettings(log: AuditLogFile(path: env.resolve(path), now: env.now, key: key), actor: actor, logText: args.has("log-text"), keyed: key != nil)
    }

    static func defaultPath(_ option: String?, _ env: CLIEnvironment) -> String? {
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        if let path = nonEmpty(option) ?? nonEmpty(env.variables["RELIEF_AUDIT_LOG"]) { return path }
        if let state = nonEmpty(env.variables["XDG_STATE_HOME"]) { return state + "/relief/audit.jsonl" }
        if let home = nonEmpty(env.variables["HOME"]) { return home + "/.local/state/relief/audit.jsonl" }
        return nil
    }

    /// Appends the batch, serialised beforehand, or fails the command: advice that was not
    /// recorded is never printed.
    func record(_ bodies: [AuditBody]) throws(CLIError) {
        guard let log, !bodies.isEmpty else { return }
        do {
            try log.append(bodies)
        } catch let error as AuditError {
            throw .cannotWrite(path: error.path, reason: "\(error.message): \(error.reason); the decision was not printed because it could not be recorded")
        } catch {
            throw .cannotWrite(path: log.path, reason: "\(error)")
        }
    }
}
