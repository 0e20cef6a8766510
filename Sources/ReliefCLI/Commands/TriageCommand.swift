import Dispatch
import Foundation
import ReliefEngine

/// `relief triage`: classify a case and print the situation, why, and the playbook.
enum TriageCommand {
    static let spec = CommandSpec(
        name: "relief triage",
        abstract: "Classify a case into its situation and recommend a playbook.",
        arguments: [.init(name: "case-file", help: "A case as a JSON object, or - to read it from standard input.")],
        options: [
            .value("text", "text", "Triage a single customer message given on the command line."),
            .value("subject", "text", "With --text: the subject line."),
            .value("channel", "channel", "With --text: " + CommandSpec.either(Channel.allCases.map(\.rawValue)) + "."),
            .value("journey", "journey", "With --text: " + CommandSpec.either(Journey.allCases.map(\.rawValue)) + "."),
            .value("lang", "code", "With --text: the customer's language, one the rules speak (et or en with the default rules); detected from the text when left out."),
            .value("segment", "segment", "With --text: the customer's segment, such as long-time or vulnerable."),
            .value("id", "case-id", "With --text: the case id to report (default: cli)."),
            .flag("stream", "Read JSON Lines of cases on standard input; write one JSON decision per line, in order."),
            .flag("explain", "Show, for every situation, which of its conditions held and which did not."),
            .value("override", "situation", "Set the situation by hand (" + Situation.allCases.map(\.rawValue).joined(separator: ", ") + "); needs --reason."),
            .value("reason", "text", "Why the situation was overridden; recorded in the audit log."),
            .value("now", "time", "Evaluate as of this ISO 8601 time instead of the clock (for history facts and deadlines); to replay an old case as it stood, its last event's time."),
            ZoneOption.displayOption,
            .value("rules", "file", "Rules file to use (default: $RELIEF_RULES, else the embedded default rules)."),
            TextLimit.option,
            .value("shadow", "file", "Also decide every case with this rules file and record its decision in the audit log beside the live one; what is printed stays the live rules'."),
        ] + TextOrJSON.options(json: "the decision as one JSON object") + AuditSettings.options,
        discussion: """
        Give exactly one input: a case file, '-' for standard input, --text, or --stream.
        Every decision is appended to the audit log before it is printed.
        Exit status: 0 success, 64 usage error, 65 bad input data or rules, 66 input file missing,
        73 the audit log cannot be written (nothing is printed that was not recorded).
        """)

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        func usage(_ m: String) -> CLIError { .usage(m, command: spec.name) }

        let options = try TriageOptions.parse(args, command: spec.name)
        let zone = try ZoneOption.parse(args, env, command: spec.name)
        let now = options.now ?? env.now()

        let audit = try AuditSettings.resolve(args, env)
        let loaded = try LoadedRules.load(option: options.rules, env)
        let limit = try TextLimit.parse(args, command: spec.name)
        let classifier = Classifier(rules: loaded.rules, textLimit: limit.messageBytes)
        var shadow: Shadow?
        if let path = options.shadow {
            let shadowRules = try LoadedRules.load(option: path, env)
            shadow = Shadow(classifier: Classifier(rules: shadowRules.rules, textLimit: limit.messageBytes), digest: shadowRules.digest)
        }
        let context = Context(classifier: classifier, rulesDigest: loaded.digest, audit: audit, now: now, clock: env.now, explain: options.explain, override: options.override, shadow: shadow)

        let supportCase: SupportCase
        let digest: String
        let command: String
        switch options.input {
        case .stream:
            return try stream(context, limit: limit, env)
        case .text(let quick):
            let language = try quick.language.map { (code) throws(CLIError) in loaded.rules.languages[try loaded.languageIndex(code, option: "lang", command: spec.name)] }
            supportCase = quickCase(quick, language: language, now: now)
            // The input is the options that built the case; their digest identifies it.
            digest = SHA256.hexDigest(JSONWriter.write(.object(quick.described)))
            command = "triage --text"
        case .file(let path):
            let name = FileInput.displayName(path)
            let bytes = try FileInput.read(path, env)
            do {
                supportCase = try CaseInput.decodeCase(bytes, file: name)
            } catch {
                if case .syntax = error, let line = SeveralCases.secondCaseLine(in: bytes) { throw .severalCases(path: path, line: line) }
                throw error
            }
            digest = SHA256.hexDigest(bytes)
            command = "triage"
            if options.now == nil, let last = supportCase.lastEventTime, now.timeIntervalSince(last) > staleAfter {
                env.note(staleCase(supportCase.id, last: last, now: now, zone: zone.display))
            }
        }
        let decision = classifier.classify(supportCase, now: now, explain: context.explain, override: context.override)
        var workspace = CaseEvaluation.Workspace()
        try audit.record([context.record(decision, supportCase, digest: digest, command: command, workspace: &workspace).serialized])
        if options.json {
            env.stdout.write(DecisionJSON.pretty(decision) + "\n")
        } else {
            env.stdout.write(DecisionText.render(decision, style: env.style(), zone: zone.display))
        }
        return .success
    }

    /// How long after a case's last event triaging it as of the clock is most likely a mistake:
    /// its waits and overdue promises would be counted to today.
    static let staleAfter: TimeInterval = 30 * 86_400

    /// The one-line note for a case whose last event is long past, with the `--now` that replays it.
    static func staleCase(_ id: String, last: Date, now: Date, zone: TimeZone) -> String {
        "case \(id): its last event was \(PeopleTime.duration(now.timeIntervalSince(last))) ago (\(PeopleTime.time(last, zone: zone))), "
            + "and waits and overdue promises are counted to now; to see it as it stood then, add --now \(ISO8601.format(last))"
    }

    /// The case `--text` and its options describe; `language` is the rules' code for `--lang`.
    static func quickCase(_ quick: TriageOptions.QuickText, language: String?, now: Date) -> SupportCase {
        var c = SupportCase.quick(id: quick.id ?? "cli", text: quick.text, channel: quick.channel, journey: quick.journey, language: language, openedAt: now)
        c.subject = quick.subject
        c.customer.segment = quick.segment
        return c
    }

    /// A second rules file that decides every case too, for the audit log only.
    struct Shadow: Sendable {
        var classifier: Classifier
        var digest: String
    }

    /// What every decision of one run shares.
    struct Context: Sendable {
        var classifier: Classifier
        var rulesDigest: String
        var audit: AuditSettings
        var now: Date
        /// The wall clock, read when each audit record is made.
        var clock: @Sendable () -> Date
        var explain: Bool
        var override: (Situation, String)?
        var shadow: Shadow?

        /// The audit record of `decision`; with a shadow, the shadow rules decide the case too
        /// (reusing `workspace`, when the caller has one).
        func record(_ decision: Decision, _ supportCase: SupportCase, digest: String, command: String, workspace: inout CaseEvaluation.Workspace) -> DecisionRecord {
            var shadowDecision: ShadowDecision?
            if let shadow {
                let d = shadow.classifier.classify(supportCase, now: now, workspace: &workspace)
                shadowDecision = ShadowDecision(d, rulesDigest: shadow.digest)
            }
            var record = DecisionRecord(
                time: now, recordedAt: clock(), actor: audit.actor, command: command, caseDigest: digest, rulesDigest: rulesDigest,
                text: audit.logText ? DecisionRecord.customerText(of: supportCase) : nil, decision: decision, shadow: shadowDecision)
            record.keyed = audit.keyed
            return record
        }
    }

    /// JSON Lines in, JSON Lines out, in order. Lines already read are classified together on all
    /// cores; a serial writer then records the batch in the audit log as one group commit and
    /// only then prints it, while the next batch is being read and classified. An agent piping one
    /// line at a time gets each answer at once. A bad line becomes an error object on its own line
    /// and the stream goes on.
    static func stream(_ context: Context, limit: TextLimit, _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        var reader = LineReader(read: env.readStdin, maxLength: limit.lineBytes)
        var batch: [(line: Int, bytes: [UInt8], tooLong: Int?)] = []
        let batchSize = 4096
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let writer = StreamWriter(env: env, audit: context.audit)
        let fragments = DecisionJSON.Fragments(context.classifier)

        func flush() throws(CLIError) {
            guard !batch.isEmpty else { return }
            if let failure = writer.failure { throw failure }
            let work = batch
            batch.removeAll(keepingCapacity: true)
            // The batch is cut into contiguous runs, each written in order into a buffer of its
            // own, so the batch is printed by writing the buffers in turn. Four runs per core let
            // a core that finishes early take another run while the writer holds the other core.
            let parts = min(workers * 4, max(1, work.count / 32))
            let results = StreamOutputs(parts: parts, sinks: writer)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var workspace = CaseEvaluation.Workspace()
                var shadowWorkspace = CaseEvaluation.Workspace()
                let sink = results.sinks[part]
                var bodies: [AuditBody] = []
                var bad = 0
                for i in (work.count * part / parts)..<(work.count * (part + 1) / parts) {
                    let item = work[i]
                    switch Result(catching: { () throws(CLIError) -> SupportCase in
                        if let length = item.tooLong { throw limit.lineError(file: "<stdin>", line: item.line, length: length) }
                        return try CaseInput.decodeCase(item.bytes, file: "<stdin>", lineOffset: item.line - 1)
                    }) {
                    case .success(let c):
                        let d = context.classifier.classify(c, now: context.now, explain: context.explain, override: context.override, workspace: &workspace)
                        if context.audit.log != nil {
                            bodies.append(context.record(d, c, digest: SHA256.hexDigest(item.bytes), command: "triage --stream", workspace: &shadowWorkspace).serialized)
                        }
                        DecisionJSON.write(d, into: sink, fragments: fragments)
                    case .failure(let error):
                        sink.write(text: JSONWriter.write(errorObject(error, line: item.line)))
                        bad += 1
                    }
                    sink.write(text: "\n")
                }
                results.finish(part, bodies: bodies, bad: bad)
            }
            writer.enqueue(results)
        }

        // A batch ends when full, or when the next read would have to wait: an agent waiting for
        // its answers before it writes more gets them now, even if part of a line has arrived.
        while let next = try reader.next(inputReady: env.stdinIsReady, beforeWaiting: flush) {
            if next.tooLong != nil || !next.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                batch.append((next.number, next.bytes, next.tooLong))
            }
            if batch.count >= batchSize { try flush() }
        }
        try flush()
        writer.finish()
        if let failure = writer.failure { throw failure }
        if writer.badLines > 0 {
            env.report(Diagnostic(message: "\(writer.badLines) line\(writer.badLines == 1 ? "" : "s") of the stream could not be read; see the error objects in the output"))
            return .dataError
        }
        return .success
    }

    static func errorObject(_ error: CLIError, line: Int) -> JSON {
        var object: [String: JSON] = ["line": .int(line)]
        switch error {
        case .syntax(_, let position, let message):
            object["error"] = .string(message)
            object["column"] = .int(position.column)
        case .badCase(_, let e):
            object["error"] = .string(e.message)
            object["column"] = .int(e.position.column)
            if !e.field.isEmpty { object["field"] = .string(e.field) }
        case .badInput(_, _, let field, let message):
            object["error"] = .string(message)
            if let field { object["field"] = .string(field) }
        default:
            object["error"] = .string(error.message)
        }
        return .object(["error": .object(object)])
    }
}

/// Records and prints classified batches in order on one serial queue, so the next batch can be
/// classified meanwhile. A batch is printed only after it was recorded; after a failure nothing
/// more is recorded or printed, and the failure is reported by the next `enqueue` or `finish`.
/// Keeps the workers' line buffers between batches, so printing allocates nothing once warm.
final class StreamWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "relief.stream.writer")
    private let env: CLIEnvironment
    private let audit: AuditSettings
    private let lock = NSLock()
    private var _failure: CLIError?
    private var _badLines = 0
    private var spareSinks: [ByteSink] = []
    /// At most two batches wait to be printed: a slow reader of the output slows the stream
    /// down instead of making it hold the whole input in memory.
    private let waiting = DispatchSemaphore(value: 2)

    init(env: CLIEnvironment, audit: AuditSettings) {
        self.env = env
        self.audit = audit
    }

    var failure: CLIError? { lock.withLock { _failure } }
    var badLines: Int { lock.withLock { _badLines } }

    /// An empty line buffer, reused when one is free.
    func takeSink() -> ByteSink {
        lock.withLock { spareSinks.popLast() } ?? ByteSink(capacity: 1 << 20)
    }

    func enqueue(_ results: StreamOutputs) {
        waiting.wait()
        queue.async { [self] in
            defer {
                for sink in results.sinks { sink.reset() }
                lock.withLock { spareSinks.append(contentsOf: results.sinks) }
                waiting.signal()
            }
            guard failure == nil else { return }
            if case .failure(let error) = Result(catching: { () throws(CLIError) in try audit.record(results.bodies) }) {
                lock.withLock { _failure = error }
                return
            }
            for sink in results.sinks { sink.withBytes { env.stdout.write($0) } }
            env.stdout.flush()
            lock.withLock {
                _badLines += results.bad
                if env.stdout.failed && _failure == nil { _failure = .outputFailed }
            }
        }
    }

    /// Waits until every batch enqueued so far is recorded and printed.
    func finish() {
        queue.sync {}
    }
}

/// One batch's output: per run of the batch, its lines in a buffer and the audit bodies of its
/// decisions; the runs are contiguous, so joining them in order keeps input order.
final class StreamOutputs: @unchecked Sendable {
    let sinks: [ByteSink]
    private var partBodies: [[AuditBody]]
    private var partBad: [Int]
    private let lock = NSLock()

    init(parts: Int, sinks: StreamWriter) {
        self.sinks = (0..<parts).map { _ in sinks.takeSink() }
        partBodies = Array(repeating: [], count: parts)
        partBad = Array(repeating: 0, count: parts)
    }

    /// Records what worker `part` produced besides its lines.
    func finish(_ part: Int, bodies: [AuditBody], bad: Int) {
        lock.withLock {
            partBodies[part] = bodies
            partBad[part] = bad
        }
    }

    /// Every audit body of the batch, in input order.
    var bodies: [AuditBody] { lock.withLock { partBodies.flatMap { $0 } } }
    /// How many lines of the batch could not be read.
    var bad: Int { lock.withLock { partBad.reduce(0, +) } }
}
