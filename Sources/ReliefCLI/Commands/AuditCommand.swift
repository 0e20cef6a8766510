import Foundation
import ReliefEngine

/// `relief audit verify|show|stats`: reading the record of what the tool advised.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "relief audit",
        abstract: "Verify, show or summarise the audit log of triage decisions.")

    static let logArgument = CommandSpec.Argument(name: "log", help: "The audit log (default: $RELIEF_AUDIT_LOG, else $XDG_STATE_HOME/relief/audit.jsonl, else ~/.local/state/relief/audit.jsonl).")

    static let verifySpec = CommandSpec(
        name: "relief audit verify", abstract: "Check the log's hash chain; name the first entry that was edited, deleted, inserted, reordered or torn.",
        arguments: [logArgument],
        options: [
            .value("key-file", "file", "The key of a keyed log (default: $RELIEF_AUDIT_KEY_FILE): proves every keyed entry was written by a key holder."),
            .value("expect-head", "seq:hash", "Fail unless the log still holds this entry (a head anchored elsewhere): catches entries cut off the end."),
        ],
        discussion: """
        Prints the head (last seq and hash): keep it somewhere the log's writers cannot change (a ticket, a
        daily e-mail) and give it back with --expect-head to detect truncation.
        Exit status: 0 intact, 1 tampered, torn, unproven with a key, or short of the expected head, 66 log missing.
        """)
    static let showSpec = CommandSpec(
        name: "relief audit show", abstract: "Show recorded decisions, newest last.",
        arguments: [logArgument],
        options: [
            .value("case", "id", "Only decisions about this case."),
            .value("since", "date", "Only decisions at or after this day or time (ISO 8601)."),
            .value("actor", "name", "Only decisions by this person."),
            .flag("shadow-differs", "Only decisions where the shadow rules decided another situation than the live ones."),
            ZoneOption.displayOption,
        ] + TextOrJSON.options(json: "the entries as JSON Lines, exactly as stored"))
    static let statsSpec = CommandSpec(
        name: "relief audit stats", abstract: "Decisions by situation, rules version and actor; fallback rate; overrides and their reasons.",
        arguments: [logArgument],
        options: [
            .flag("shadow", "Also compare the live rules with the shadow rules recorded beside them (triage --shadow)."),
        ] + TextOrJSON.options(json: "the summary as one JSON object"))

    /// The log named on the command line, else the default one; it must exist.
    static func logPath(_ args: ParsedArguments, _ env: CLIEnvironment, command: String) throws(CLIError) -> (display: String, full: String) {
        guard let path = args.positionals.first ?? AuditSettings.defaultPath(nil, env) else {
            throw .usage("give the audit log's path; neither RELIEF_AUDIT_LOG, XDG_STATE_HOME nor HOME is set", command: command)
        }
        let full = env.resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        if isDirectory.boolValue { throw .cannotRead(path: path, reason: "it is a directory") }
        return (path, full)
    }

    static func verify(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: verifySpec)
        if args.has("help") { env.stdout.write(verifySpec.help); return .success }
        var expected: (seq: Int, hash: String)?
        if let text = args.value("expect-head") {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seq = Int(parts[0]), seq >= 1, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
                throw .usage("--expect-head must be SEQ:HASH as verify prints it, such as 42:3f1a…(64 hex digits)", command: verifySpec.name)
            }
            expected = (seq, parts[1].lowercased())
        }
        let (display, full) = try logPath(args, env, command: verifySpec.name)
        let key = try AuditSettings.key(option: args.value("key-file"), env)
        let report: AuditReport
        do {
            report = try AuditLogFile.verify(path: full, key: key)
        } catch {
            throw .cannotRead(path: display, reason: "\(error)")
        }
        let style = env.style()
        var status = ExitCode.success
        if let problem = report.problem {
            env.stdout.write("\(display):\(problem.line): " + style.bad("\(problem.kind.rawValue)") + ": entry " + (problem.seq.map(String.init) ?? "?")
                + " (expected seq \(problem.expectedSeq)): \(problem.detail)\n")
            env.stdout.write("\(display): NOT intact: \(report.verifiedEntries) entr\(report.verifiedEntries == 1 ? "y" : "ies") verified before line \(problem.line)\n")
            status = .problemsFound
        } else {
            env.stdout.write("\(display): " + style.good("intact") + ", \(report.verifiedEntries) entr\(report.verifiedEntries == 1 ? "y" : "ies"), last seq \(report.lastSeq)\n")
            env.stdout.write("head: \(report.lastSeq):\(report.lastHash)\n")
        }
        // What the check proved, in plain words.
        if report.keyedEntries > 0 {
            if key != nil {
                env.stdout.write("keyed: \(report.keyedEntriesProven) of \(report.keyedEntries) keyed entries proven with the key\n")
            } else {
                env.stdout.write("keyed: \(report.keyedEntries) entries are keyed; no key was given, so only the chain was checked, not who wrote it (give --key-file)\n")
            }
        } else if key != nil && report.verifiedEntries > 0 {
            env.stdout.write(style.bad("not keyed") + ": no entry was sealed with a key, so the key proves nothing about this log\n")
            status = .problemsFound
        } else if report.verifiedEntries > 0 {
            env.stdout.write("plain chain: anyone who can write the file could rewrite it and its hashes; anchor the head, or key the log\n")
        }
        if let expected {
            var found: String?
            try entries(display, full) { entry in if entry.seq == expected.seq { found = entry.hash } }
            if found != expected.hash || report.lastSeq < expected.seq {
                let what = found == nil ? "the log no longer reaches entry \(expected.seq): entries were cut off the end" : "entry \(expected.seq) has another hash: the log was rewritten"
                env.stdout.write(style.bad("expected head not found") + ": \(what)\n")
                status = .problemsFound
            } else {
                env.stdout.write("expected head \(expected.seq) found\n")
            }
        }
        if report.movedAsideTornLines > 0 {
            env.stdout.write("\(display): note: \(report.movedAsideTornLines) torn line\(report.movedAsideTornLines == 1 ? " was" : "s were") left by an interrupted write and moved to \(display).torn\n")
        }
        return status
    }

    /// Reads the log's entries in order; a line that is not an entry stops with its line number
    /// (a torn last line is left to `verify` to report).
    static func entries(_ display: String, _ full: String, _ visit: (AuditEntry) -> Void) throws(CLIError) {
        try reading(display) { try AuditLogFile.entries(path: full, visit) }
    }

    /// Runs a read of the log, wording its failures for a person.
    static func reading(_ display: String, _ read: () throws -> AuditLogFile.NotAnEntry?) throws(CLIError) {
        let stop: AuditLogFile.NotAnEntry?
        do { stop = try read() } catch { throw .cannotRead(path: display, reason: "\(error)") }
        if let stop, stop.endsWithNewline {
            throw .badInput(file: display, line: stop.line, field: nil, message: "not an audit entry; run 'relief audit verify \(display)'")
        }
    }

    static func show(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: showSpec)
        if args.has("help") { env.stdout.write(showSpec.help); return .success }
        var since: Date?
        if let text = args.value("since") {
            guard let date = ISO8601.parseDay(text) else {
                throw .usage("--since must be a day or time such as 2026-03-01 or 2026-03-01T09:00:00Z", command: showSpec.name)
            }
            since = date
        }
        let zone = try ZoneOption.parse(args, env, command: showSpec.name).display
        let (display, full) = try logPath(args, env, command: showSpec.name)
        let style = env.style()
        let json = try TextOrJSON.parse(args, command: showSpec.name) == .json
        var shown = 0
        try entries(display, full) { entry in
            let body = entry.body
            func string(_ key: String) -> String { if case .string(let s)? = body[key] { return s } else { return "" } }
            /// A recorded time to the minute in the reader's zone; as stored when it is not a time.
            func time(_ key: String) -> String { ISO8601.parseTimestamp(string(key)).map { PeopleTime.time($0, zone: zone) } ?? string(key) }
            if let id = args.value("case"), string("caseId") != id { return }
            if let actor = args.value("actor"), string("actor").lowercased() != actor.lowercased() { return }
            if let since, let time = ISO8601.parseTimestamp(string("time")), time < since { return }
            if args.has("shadow-differs") {
                guard case .object(let sh)? = body["shadow"], case .string(let shadowSituation)? = sh["situation"] else { return }
                var live = string("situation")
                if case .object(let o)? = body["override"], case .string(let from)? = o["engineSituation"] { live = from }
                if shadowSituation == live { return }
            }
            if case .object(let r)? = body["recovery"] {
                guard args.value("case") == nil, args.value("actor") == nil, !args.has("shadow-differs") else { return }
                shown += 1
                if json { env.stdout.write(entry.line + "\n"); return }
                func field(_ k: String) -> String {
                    switch r[k] { case .string(let v)?: return v; case .int(let n)?: return String(n); default: return "" }
                }
                env.stdout.write(VisibleText.escape("#\(entry.seq)  \(time("time"))  recovery: \(field("reason")); \(field("tornBytes")) bytes, sha256 \(field("tornSha256")), moved to \(field("movedTo"))") + "\n")
                return
            }
            shown += 1
            if json {
                env.stdout.write(entry.line + "\n")
                return
            }
            let situation = Situation(rawValue: string("situation"))
            func visible(_ key: String) -> String { VisibleText.escape(string(key)) }
            var line = "#\(entry.seq)  \(VisibleText.escape(time("time")))  \(visible("actor"))  \(visible("caseId"))  "
            line += situation.map { style.situation($0, $0.rawValue) } ?? visible("situation")
            if case .bool(true)? = body["fallback"] { line += " (fallback)" }
            if case .string(let previous)? = body["previousSituation"] {
                line += "  re-triaged from \(VisibleText.escape(previous))" + (string("command") == "queue" ? " by the queue" : "")
            }
            if case .object(let o)? = body["override"], case .string(let from)? = o["engineSituation"], case .string(let reason)? = o["reason"] {
                line += "  overridden from \(VisibleText.escape(from)): \(VisibleText.escape(reason))"
            }
            env.stdout.write(line + "\n")
            var details: [String] = []
            if case .array(let signals)? = body["signals"] {
                let parts = signals.compactMap { s -> String? in
                    guard case .object(let o) = s, case .string(let id)? = o["id"] else { return nil }
                    if case .array(let terms)? = o["terms"], !terms.isEmpty {
                        return id + " (" + terms.compactMap { if case .string(let t) = $0 { return t } else { return nil } }.joined(separator: ", ") + ")"
                    }
                    return id
                }
                if !parts.isEmpty { details.append("signals: " + parts.joined(separator: "; ")) }
            }
            if case .array(let responses)? = body["responses"], !responses.isEmpty {
                details.append("responses: " + responses.compactMap { if case .string(let r) = $0 { return r } else { return nil } }.joined(separator: ", "))
            }
            if case .object(let rules)? = body["rules"], case .string(let name)? = rules["name"], case .string(let version)? = rules["version"] {
                details.append("rules: \(name) \(version)")
            }
            // A decision evaluated as of another time (--now) says when it was really written.
            if let evaluated = ISO8601.parseTimestamp(string("time")), let recorded = ISO8601.parseTimestamp(string("recordedAt")),
               abs(recorded.timeIntervalSince(evaluated)) >= 60 {
                details.append("recorded at \(time("recordedAt")), evaluated as of \(time("time"))")
            }
            if case .object(let sh)? = body["shadow"], case .string(let situation)? = sh["situation"] {
                var named = ""
                if case .object(let r)? = sh["rules"], case .string(let n)? = r["name"], case .string(let v)? = r["version"] { named = " (\(n) \(v))" }
                details.append("shadow\(named): \(situation)")
            }
            for d in details { env.stdout.write("    " + style.dim(VisibleText.escape(d)) + "\n") }
        }
        if shown == 0 && !json { env.stdout.write("no decisions match\n") }
        return .success
    }

    static func stats(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: statsSpec)
        if args.has("help") { env.stdout.write(statsSpec.help); return .success }
        let format = try TextOrJSON.parse(args, command: statsSpec.name)
        let (display, full) = try logPath(args, env, command: statsSpec.name)
        var summary = AuditSummary()
        try reading(display) {
            try AuditLogFile.fold(path: full, start: { AuditSummary() }, fold: { $0.add(line: $1) }, join: { summary.merge($0) })
        }
        if format == .json {
            env.stdout.write(JSONWriter.writePretty(summary.json) + "\n")
        } else {
            env.stdout.write(summary.text(style: env.style()) + (args.has("shadow") ? summary.shadowText(style: env.style()) : ""))
        }
        return .success
    }
}
